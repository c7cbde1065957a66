// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace parla::app {

/// One Parla per profile directory. The first process listens on a local socket named after
/// the profile (and the user); a second launch with the same profile hands its arguments
/// (xmpp: URIs) to the first and exits, and the first raises its window and opens them.
///
/// Wire format: one QDataStream (Qt 6.4) QStringList from the newcomer, answered by one byte
/// so the newcomer knows it was heard before it exits.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(const QString &profileDirectory, QObject *parent = nullptr);
    ~SingleInstance() override;

    /// The local socket name for a profile directory (stable across runs, differs per user).
    static QString serverName(const QString &profileDirectory);

    /// Becomes the running instance and returns true; or, when one already runs for this
    /// profile, hands it `arguments` and returns false (the caller exits with 0). Waits at
    /// most `timeoutMs` for the running instance to answer.
    bool start(const QStringList &arguments, int timeoutMs = 3000);
    bool isPrimary() const { return m_server != nullptr; }

Q_SIGNALS:
    /// Another launch handed these arguments over (empty: it just wants the window raised).
    void argumentsReceived(const QStringList &arguments);

private:
    bool handOver(const QStringList &arguments, int timeoutMs);
    void onNewConnection();

    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace parla::app
