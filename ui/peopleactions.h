// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QToolButton;
class QWidget;

namespace parla {
class Session;
}

namespace parla::ui {

class ChatPanel;

/// The chat header's "⋯" menu: Contact details…, Block / Unblock, Report spam (XEP-0191,
/// XEP-0377). Acts on the panel's conversation at the moment it is used.
void setupPeopleMenu(ChatPanel *panel, Session *session, QToolButton *button);

/// Opens the contact details dialog (non-modal, deleted on close) and returns it.
QWidget *showContactDetails(QWidget *parent, Session *session, const QString &account,
                            const QString &jid);

} // namespace parla::ui
