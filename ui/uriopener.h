// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>

#include "addcontactdialog.h"

namespace parla {
class Session;
}

namespace parla::ui {

class MainWindow;

/// Acts on an `xmpp:` link (RFC 5122, XEP-0147) in the main window:
///  - the account is the one whose roster has the JID (the first connected of several);
///  - ?roster / ?subscribe, and any link to a JID in no roster, open the add-contact dialog
///    filled in (its account box is the chooser; the first connected account preselected);
///    after adding, a ?message link goes on to the conversation;
///  - otherwise the conversation opens; ?message puts its body in the composer (never sent);
///  - ?remove / ?unsubscribe / unknown actions only open the conversation: a link must not
///    change the roster without the user's decision;
///  - ?join[;password=…] opens the join dialog prefilled (XEP-0045 §7.2; never a silent join).
class UriOpener : public QObject
{
    Q_OBJECT
public:
    UriOpener(Session *session, MainWindow *window);

    /// False with a reason in plain words when the link cannot be acted on.
    bool open(const QString &uri, QString *error = nullptr);
    /// The add-contact dialog the last link opened (tests), if it is still open.
    AddContactDialog *addContactDialog() const { return m_dialog; }

    /// The account whose roster has `bareJid` (the first connected one of several), or empty.
    QString accountWithContact(const QString &bareJid) const;
    /// The first connected account, else the first one, else empty.
    QString firstConnectedAccount() const;

private:
    Session *m_session;
    MainWindow *m_window;
    QPointer<AddContactDialog> m_dialog;
};

} // namespace parla::ui
