// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pipeline/envelope.h"

#include "xmpp/result.h"
#include "xmpp/task.h"
#include "xmpp/xep/xep0313_mam/mammanager.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <deque>

namespace parla::services {

class Account;

/// Catch-up and scroll-back of 1:1 history from the account's archive (XEP-0313 with
/// XEP-0059 paging), as one explicit state machine.
///
/// Catch-up (after each login that is not a resumption, when the account advertises
/// urn:xmpp:mam:2): first one `with` query per open conversation, forward from that
/// conversation's newest archive id, then the account-wide query forward from the stored
/// cursor (the newest stanza-id seen from our archive). Every page is stored with one
/// insertMany while the next page is already being asked for. If the archive no longer has
/// the id we resume from (item-not-found), the query falls back to the time of our newest
/// stored message and a gap is recorded there. Without any cursor (a new profile) only the
/// newest page is fetched; older history comes through scroll-back.
///
/// Live messages that arrive meanwhile are stored as they come: the store orders by
/// (timestamp, id) and de-duplicates, so the archive's copy merges. The cursor follows live
/// stanza-ids only after catch-up finished, so a gap behind them can never be skipped.
class HistorySync : public QObject
{
    Q_OBJECT
public:
    /// Messages asked for per page (the server may cap it lower: Prosody's default is 50).
    static constexpr int kCatchUpPageSize = 250;
    static constexpr int kScrollBackPageSize = 50;

    explicit HistorySync(Account *account, QObject *parent = nullptr);

    /// Starts catch-up (restarts it if running). Its first query waits for sessionAvailable()
    /// (at most kAvailableWait): an archive query answered before our initial presence
    /// misses what the server archives between its answer and our presence, which goes
    /// only to our other sessions (a dead one the server still keeps, after a crash).
    void start();
    /// Our initial presence is out (or the session was resumed): messages to our bare JID
    /// reach this session from now on, so the archive's answer cannot leave a hole.
    void sessionAvailable();
    static constexpr int kAvailableWait = 5000; ///< ms
    /// Catch-up stops: pending pages are abandoned (the next login resumes from the cursor).
    void stop();
    /// The stream ended: stop(), and the next catch-up waits for the next presence.
    void sessionEnded();
    bool isCatchingUp() const { return m_catchingUp; }
    /// Catch-up finished in this session (live messages now move the cursor).
    bool hasCaughtUp() const { return m_followLive; }

    /// A conversation view is open: its history is caught up first.
    void conversationOpened(const QString &peer);
    void conversationClosed(const QString &peer);

    /// Scroll-back: one page of history with `peer` older than the oldest we know, stored and
    /// announced by Account::messagesStored (Route::ScrollBack). Finishes with the number of new
    /// messages; an archive that has nothing older marks the conversation complete.
    Task<xmpp::Result<int>> fetchOlder(const QString &peer);
    /// Whether scroll-back already reached the start of the archive for `peer`.
    bool historyComplete(const QString &peer);
    /// Records that history of `peer` (a contact or a room) is missing after `after` and
    /// announces it (gapRecorded) once written; rooms' archive catch-up uses it too.
    void recordGap(const QString &peer, const QDateTime &after);

Q_SIGNALS:
    void catchUpFinished();
    /// A gap was recorded for `peer` (empty: every conversation of the account), by 1:1
    /// catch-up or a room's (recordGap).
    void gapRecorded(const QString &peer, const QDateTime &after);

private:
    struct Job
    {
        QString peer;              ///< empty: the account-wide query
        QString after;             ///< resume after this archive id
        QDateTime start;           ///< or from this time (fallback, or none at all)
        bool lastPageOnly = false; ///< no cursor at all: just the newest page
    };

    void runNextJob();
    void requestPage();
    void storePage(const xmpp::MamPage &page, const Job &job);
    /// A page of our archive as one batch for the account's incoming pipeline.
    IncomingBatch batchOf(const xmpp::MamPage &page, Route route) const;
    void fetchOlderPage(const QString &peer, const QString &before,
                        Promise<xmpp::Result<int>> promise);
    void finishCatchUp();
    QString ownJid() const;

    Account *m_account;
    std::deque<QString> m_pendingPeers;
    std::optional<Job> m_job;
    QHash<QString, int> m_open;
    int m_generation = 0;
    bool m_catchingUp = false;
    bool m_followLive = false;
    bool m_accountJobDone = false;
    bool m_finishing = false;
    bool m_waitingForStore = false;
    bool m_available = false; ///< sessionAvailable() since the stream began
    bool m_deferred = false;  ///< start() waits for sessionAvailable()
    int m_storesInFlight = 0;
    QDateTime m_newestAtStart;
};

} // namespace parla::services
