// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QPlainTextEdit;

namespace parla::ui {

/// Tab completion of occupant nicks in a room's composer (the IRC/Dino habit). Tab completes
/// the word before the cursor ("@an" or "an") to a matching nick, repeated Tab cycles through
/// the matches (most recent speakers first, then alphabetical); a nick completed at the start
/// of the message gets ": ". When nothing matches, or no room is attached, Tab is left alone
/// and keeps moving the keyboard focus (keyboard navigation is never stolen).
class NickCompleter : public QObject
{
    Q_OBJECT
public:
    explicit NickCompleter(QPlainTextEdit *edit);

    /// Where nicks come from: occupants (any order) and recent speakers (newest first);
    /// an empty provider switches completion off (1:1 chats).
    using Provider = std::function<QStringList()>;
    void setProviders(Provider occupants, Provider recentSpeakers, QString ownNick);
    void clear();
    /// The candidates for a typed prefix, in cycling order (exposed for tests).
    QStringList candidates(const QString &prefix) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool complete();
    void reset();

    QPlainTextEdit *m_edit;
    Provider m_occupants;
    Provider m_recent;
    QString m_ownNick;
    // While cycling: where the completed word starts, what was typed and what we inserted.
    QStringList m_cycle;
    int m_cycleIndex = -1;
    int m_start = -1;
    QString m_inserted;
    bool m_inserting = false;
};

} // namespace parla::ui
