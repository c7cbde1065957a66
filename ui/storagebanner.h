// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace parla {
class Session;
}

namespace parla::ui {

/// Tells the user, above the chat, that Parla could not write something a conversation
/// depends on (ChatsApi::storageFailed: a full disk, a damaged database), in plain words and
/// until dismissed. Repeats of one failure are counted, not stacked. Hidden while nothing
/// failed; once the failure is over (ChatsApi::storageRecovered), it says so.
class StorageBanner : public QWidget
{
    Q_OBJECT
public:
    explicit StorageBanner(Session *session, QWidget *parent = nullptr);

    QString text() const;
    QPushButton *dismissButton() const { return m_dismiss; }

private:
    void report(const QString &account, const QString &what, const QString &error);
    /// The failure shown (of `account`) is over: says so, until dismissed.
    void recovered(const QString &account, const QString &what);

    QLabel *m_text;
    QPushButton *m_dismiss;
    QString m_last; ///< account, what and error of the failure shown
    int m_repeats = 0;
};

} // namespace parla::ui
