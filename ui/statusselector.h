// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/types.h"

#include <QToolButton>

namespace parla {
class Session;
}

namespace parla::ui {

/// A button with a menu to set the own availability (RFC 6121 §4.7.2.1: online, away, do not
/// disturb, extended away; or offline) for one account or, with an empty account, for all.
/// Shows the current availability as its status dot.
class StatusSelector : public QToolButton
{
    Q_OBJECT
public:
    explicit StatusSelector(Session *session, const QString &account = {},
                            QWidget *parent = nullptr);

    /// The availabilities offered, in menu order.
    static QList<Availability> choices();
    /// Builds a menu of availabilities whose actions call AccountsApi::setAvailability.
    static QMenu *createMenu(Session *session, const QString &account, QWidget *parent);

private:
    void refresh();

    Session *m_session;
    QString m_account;
};

} // namespace parla::ui
