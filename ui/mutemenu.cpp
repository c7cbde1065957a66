// SPDX-License-Identifier: GPL-3.0-or-later
#include "mutemenu.h"

#include "icons.h"

#include "core/session/session.h"

#include <QMenu>

namespace parla::ui {

void addMuteActions(QMenu *menu, Session *session, const QString &account, const QString &peer)
{
    const QDateTime until = session->chats().conversationMutedUntil(account, peer);
    if (until.isValid()) {
        const QString text =
            until >= ChatsApi::mutedForever()
                ? QObject::tr("&Unmute")
                : QObject::tr("&Unmute (muted until %1)")
                      .arg(QLocale().toString(until.toLocalTime().time(), QLocale::ShortFormat));
        QAction *unmute = menu->addAction(Icons::themed(QStringLiteral("bell")), text);
        unmute->setObjectName(QStringLiteral("unmute"));
        QObject::connect(unmute, &QAction::triggered, session, [session, account, peer] {
            session->chats().setConversationMuted(account, peer, {});
        });
        return;
    }
    QMenu *sub = menu->addMenu(Icons::themed(QStringLiteral("muted")), QObject::tr("&Mute"));
    sub->setObjectName(QStringLiteral("muteMenu"));
    const struct
    {
        const char *name;
        QString text;
        int hours; // 0: until unmuted
    } choices[] = {
        {"mute1h", QObject::tr("For 1 &hour"), 1},
        {"mute8h", QObject::tr("For &8 hours"), 8},
        {"muteForever", QObject::tr("&Until I unmute"), 0},
    };
    for (const auto &c : choices) {
        QAction *a = sub->addAction(c.text);
        a->setObjectName(QLatin1String(c.name));
        const int hours = c.hours;
        QObject::connect(a, &QAction::triggered, session, [session, account, peer, hours] {
            session->chats().setConversationMuted(
                account, peer,
                hours ? QDateTime::currentDateTimeUtc().addSecs(qint64(hours) * 3600)
                      : ChatsApi::mutedForever());
        });
    }
}

} // namespace parla::ui
