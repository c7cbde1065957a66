// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QVBoxLayout;

namespace parla {
class Session;
}

namespace parla::ui {

/// The top of the sidebar: one compact line per account that is not online (connecting, or
/// failed with its reason and a Retry button). Empty and hidden when every account is online.
class AccountStrip : public QWidget
{
    Q_OBJECT
public:
    explicit AccountStrip(Session *session, QWidget *parent = nullptr);

Q_SIGNALS:
    void accountsDialogRequested();

private:
    void rebuild();

    Session *m_session;
    QVBoxLayout *m_layout;
};

} // namespace parla::ui
