// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/session.h"
#include "fakeaccounts.h"
#include "fakechats.h"
#include "fakepeople.h"
#include "fakerooms.h"
#include "fakesearch.h"

#include <QColor>
#include <QList>
#include <QStandardItemModel>

#include <memory>
#include <optional>

namespace parla::test {

/// parla::Session for UI tests and the preview: one fake per area (FakeAccounts, FakeChats,
/// FakeRooms, FakePeople, FakeSearch) with plausible data in QStandardItemModels with the roles
/// of models/roles.h, and one ordered record of every call the UI made, whatever its area.
/// The accessors return the fakes, so a test reaches an area's knobs the way the UI reaches
/// the area: `session.accounts().addAccountResult = …`, `session.rooms().addRoom(…)`.
class FakeSession : public Session
{
    Q_OBJECT
public:
    explicit FakeSession(QObject *parent = nullptr, bool populate = true);
    ~FakeSession() override;

    FakeAccounts &accounts() override { return *m_accounts; }
    FakeChats &chats() override { return *m_chats; }
    FakeRooms &rooms() override { return *m_rooms; }
    FakePeople &people() override { return *m_people; }
    FakeSearch &search() override { return *m_search; }

    // What the UI asked for, for tests to assert on.
    struct Call
    {
        QString name;
        QStringList args;
    };
    QList<Call> calls;
    QStringList callNames() const;
    std::optional<Call> lastCall(const QString &name) const;
    /// Appends to `calls` (the fakes call this for every request of the UI).
    void record(const QString &name, const QStringList &args);

    /// The XEP-0392 colour of the sample data (a little lighter than models::consistentColor).
    static QColor sampleColor(const QString &id);
    /// The row of `model` whose accountRole and jidRole data are `account` and `jid`, or -1.
    static int rowOf(const QStandardItemModel &model, int accountRole, int jidRole,
                     const QString &account, const QString &jid);

protected:
    /// Replaces the rooms fake (a test's subclass that answers some requests its own way);
    /// call it from the constructor of a FakeSession subclass.
    void setRooms(std::unique_ptr<FakeRooms> rooms) { m_rooms = std::move(rooms); }

private:
    void populate();

    std::unique_ptr<FakeAccounts> m_accounts;
    std::unique_ptr<FakeChats> m_chats;
    std::unique_ptr<FakeRooms> m_rooms;
    std::unique_ptr<FakePeople> m_people;
    std::unique_ptr<FakeSearch> m_search;
};

} // namespace parla::test
