// SPDX-License-Identifier: GPL-3.0-or-later
// Per-conversation mute through the real AppSession: stored (schema step "per-conversation
// mute"), shown in the conversation model, reopened with the profile, ending by itself.
#include "models/roles.h"
#include "services/passwordstore.h"
#include "session/appsession.h"
#include "storage/accountstore.h"

#include <QAbstractItemModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace parla;
using namespace parla::models;
using namespace parla::services;

namespace {
const QString kMe = QStringLiteral("me@example.org");
const QString kBob = QStringLiteral("bob@example.org");

QModelIndex rowFor(QAbstractItemModel *m, const QString &peer)
{
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, 0).data(ConversationPeerRole).toString() == peer)
            return m->index(r, 0);
    }
    return {};
}

std::unique_ptr<AppSession> openProfile(const QString &dir, bool addAccount)
{
    auto s = std::make_unique<AppSession>(dir, std::make_unique<MemoryPasswordStore>());
    if (addAccount) {
        storage::AccountRecord record;
        record.jid = kMe;
        s->addAccountRecord(record, QStringLiteral("secret"));
    }
    return s;
}
} // namespace

class TestConversationMute : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void muteIsStoredAndShown()
    {
        QTemporaryDir dir;
        const QDateTime inAnHour = QDateTime::currentDateTimeUtc().addSecs(3600);
        {
            auto s = openProfile(dir.path(), true);
            QVERIFY(s->isOpen());
            s->chats().openConversation(kMe, kBob);
            QVERIFY(!s->chats().isConversationMuted(kMe, kBob));
            QSignalSpy changed(s->chats().conversationModel(), &QAbstractItemModel::dataChanged);
            s->chats().setConversationMuted(kMe, kBob + QStringLiteral("/phone"), inAnHour); // bare
            QCOMPARE(changed.size(), 1);
            const QModelIndex row = rowFor(s->chats().conversationModel(), kBob);
            QVERIFY(row.data(ConversationMutedRole).toBool());
            QCOMPARE(row.data(ConversationMutedUntilRole).toDateTime().toMSecsSinceEpoch(),
                     inAnHour.toMSecsSinceEpoch());
            // Other conversations are untouched; a mute of an unknown account is ignored.
            QVERIFY(!s->chats().isConversationMuted(kMe, QStringLiteral("carol@example.org")));
            s->chats().setConversationMuted(QStringLiteral("nobody@example.org"), kBob,
                                            ChatsApi::mutedForever());
            QVERIFY(!s->chats().isConversationMuted(QStringLiteral("nobody@example.org"), kBob));
        }
        {
            // Reopened: the mute came back from the database.
            auto s = openProfile(dir.path(), false);
            QCOMPARE(s->chats().conversationMutedUntil(kMe, kBob).toMSecsSinceEpoch(),
                     inAnHour.toMSecsSinceEpoch());
            s->chats().setConversationMuted(kMe, kBob, ChatsApi::mutedForever());
            QCOMPARE(s->chats().conversationMutedUntil(kMe, kBob), ChatsApi::mutedForever());
        }
        {
            auto s = openProfile(dir.path(), false);
            QCOMPARE(s->chats().conversationMutedUntil(kMe, kBob), ChatsApi::mutedForever());
            s->chats().setConversationMuted(kMe, kBob, {}); // unmute
            QVERIFY(!s->chats().isConversationMuted(kMe, kBob));
        }
        {
            auto s = openProfile(dir.path(), false);
            QVERIFY(!s->chats().isConversationMuted(kMe, kBob));
        }
    }

    void pastTimeUnmutes()
    {
        QTemporaryDir dir;
        auto s = openProfile(dir.path(), true);
        s->chats().openConversation(kMe, kBob);
        s->chats().setConversationMuted(kMe, kBob, ChatsApi::mutedForever());
        s->chats().setConversationMuted(kMe, kBob, QDateTime::currentDateTimeUtc().addSecs(-5));
        QVERIFY(!s->chats().isConversationMuted(kMe, kBob));
    }

    void muteEndsByItself()
    {
        QTemporaryDir dir;
        auto s = openProfile(dir.path(), true);
        s->chats().openConversation(kMe, kBob);
        s->chats().setConversationMuted(kMe, kBob, QDateTime::currentDateTimeUtc().addMSecs(200));
        QVERIFY(rowFor(s->chats().conversationModel(), kBob).data(ConversationMutedRole).toBool());
        // The model says so when it ends, so the list repaints without being poked.
        QSignalSpy changed(s->chats().conversationModel(), &QAbstractItemModel::dataChanged);
        QVERIFY(changed.wait(10000));
        QVERIFY(!rowFor(s->chats().conversationModel(), kBob).data(ConversationMutedRole).toBool());
        QVERIFY(changed[0][2].value<QList<int>>().contains(ConversationMutedRole));
    }
};

QTEST_GUILESS_MAIN(TestConversationMute)
#include "tst_conversationmute.moc"
