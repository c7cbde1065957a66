// SPDX-License-Identifier: GPL-3.0-or-later
#include "uriopener.h"

#include "addcontactdialog.h"
#include "chatpanel.h"
#include "joinroomdialog.h"
#include "mainwindow.h"

#include "core/models/roles.h"
#include "core/services/xmppuri.h"
#include "core/session/session.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QLineEdit>

namespace parla::ui {

using namespace parla::models;
using services::XmppUri;

UriOpener::UriOpener(Session *session, MainWindow *window)
    : QObject(window), m_session(session), m_window(window)
{}

QString UriOpener::firstConnectedAccount() const
{
    QAbstractItemModel *m = m_session->accounts().accountModel();
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex i = m->index(r, 0);
        if (ConnectionState(i.data(AccountStateRole).toInt()) == ConnectionState::Connected)
            return i.data(AccountJidRole).toString();
    }
    return m->rowCount() > 0 ? m->index(0, 0).data(AccountJidRole).toString() : QString();
}

QString UriOpener::accountWithContact(const QString &bareJid) const
{
    QStringList candidates;
    QAbstractItemModel *roster = m_session->people().rosterModel();
    for (int r = 0; r < roster->rowCount(); ++r) {
        const QModelIndex i = roster->index(r, 0);
        if (i.data(ContactJidRole).toString().compare(bareJid, Qt::CaseInsensitive) == 0)
            candidates << i.data(ContactAccountRole).toString();
    }
    if (candidates.size() <= 1)
        return candidates.value(0);
    const QString connected = firstConnectedAccount();
    return candidates.contains(connected) ? connected : candidates.front();
}

bool UriOpener::open(const QString &text, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const auto parsed = XmppUri::parse(text);
    if (!xmpp::isOk(parsed))
        return fail(std::get<xmpp::Error>(parsed).text);
    const XmppUri uri = std::get<XmppUri>(parsed);
    if (m_session->accounts().accountModel()->rowCount() == 0)
        return fail(tr("Add an account first, then open the link again."));
    if (uri.action == XmppUri::Action::Join) {
        // XEP-0147 ?join: the join dialog, prefilled; a link never joins by itself.
        m_window->raiseAndActivate();
        m_window->showJoinRoomDialog(firstConnectedAccount(), uri.bareJid(), {},
                                     uri.value(QStringLiteral("password")));
        return true;
    }

    // Conversations are with bare JIDs; a resource in the link does not make a new one.
    const QString peer = uri.bareJid();
    const QString account = accountWithContact(peer);
    const bool wantsRoster =
        uri.action == XmppUri::Action::Roster || uri.action == XmppUri::Action::Subscribe;
    if (account.isEmpty() || wantsRoster) {
        if (m_dialog)
            m_dialog->close();
        auto *dialog = new AddContactDialog(m_session, m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        const QString preselect = account.isEmpty() ? firstConnectedAccount() : account;
        dialog->accountBox()->setCurrentIndex(qMax(0, dialog->accountBox()->findText(preselect)));
        dialog->jidEdit()->setText(peer);
        dialog->nameEdit()->setText(uri.name());
        dialog->groupsEdit()->setText(uri.group());
        if (!wantsRoster) {
            // Once added, go on to what the link asked for.
            const QString body = uri.action == XmppUri::Action::Message ? uri.body() : QString();
            connect(dialog, &QDialog::accepted, m_window, [this, dialog, peer, body] {
                m_window->openConversation(dialog->accountBox()->currentText(), peer);
                if (!body.isEmpty())
                    m_window->chatPanel()->prefillComposer(body);
            });
        }
        m_dialog = dialog;
        m_window->raiseAndActivate();
        dialog->open();
        return true;
    }
    m_window->raiseAndActivate();
    m_window->openConversation(account, peer);
    if (uri.action == XmppUri::Action::Message && !uri.body().isEmpty())
        m_window->chatPanel()->prefillComposer(uri.body());
    return true;
}

} // namespace parla::ui
