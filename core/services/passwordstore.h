// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "xmpp/result.h"
#include "xmpp/task.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace parla::services {

/// Where account passwords live. The default is the OS keyring (QtKeychain: Secret Service,
/// macOS Keychain, Windows Credential Manager). Where no keyring answers, a file in the profile
/// directory readable only by the user is the documented fallback (docs/architecture.md).
class PasswordStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual Task<xmpp::Result<QString>> read(const QString &account) = 0;
    virtual Task<xmpp::Result<xmpp::Success>> write(const QString &account,
                                                    const QString &password) = 0;
    virtual void remove(const QString &account) = 0;
};

/// For tests and the CLI's --password-stdin: nothing leaves memory.
class MemoryPasswordStore : public PasswordStore
{
    Q_OBJECT
public:
    using PasswordStore::PasswordStore;
    Task<xmpp::Result<QString>> read(const QString &account) override;
    Task<xmpp::Result<xmpp::Success>> write(const QString &account,
                                            const QString &password) override;
    void remove(const QString &account) override;

private:
    QHash<QString, QString> m_passwords;
};

/// The OS keyring, falling back to `<profile>/passwords.ini` (mode 0600) when the keyring is
/// unavailable (no Secret Service running, e.g. a bare X session or a container).
class KeychainPasswordStore : public PasswordStore
{
    Q_OBJECT
public:
    KeychainPasswordStore(const QString &profileDirectory, QObject *parent = nullptr);
    Task<xmpp::Result<QString>> read(const QString &account) override;
    Task<xmpp::Result<xmpp::Success>> write(const QString &account,
                                            const QString &password) override;
    void remove(const QString &account) override;
    /// True once the keyring failed and the file fallback is in use (shown in settings).
    bool usesFallback() const { return m_fallback; }

private:
    QString fallbackPath() const;
    QString m_profile;
    bool m_fallback = false;
};

} // namespace parla::services
