// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwordstore.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSettings>

Q_LOGGING_CATEGORY(lcPasswords, "parla.services.passwords")

namespace parla::services {

using xmpp::Error;
using xmpp::Result;
using xmpp::Success;

namespace {
const QString kService = QStringLiteral("Parla XMPP");
}

Task<Result<QString>> MemoryPasswordStore::read(const QString &account)
{
    if (!m_passwords.contains(account))
        return makeReadyTask<Result<QString>>(Error::local(
            QCoreApplication::translate("PasswordStore", "No password is saved for %1.")
                .arg(account)));
    return makeReadyTask<Result<QString>>(m_passwords.value(account));
}

Task<Result<Success>> MemoryPasswordStore::write(const QString &account, const QString &password)
{
    m_passwords.insert(account, password);
    return makeReadyTask<Result<Success>>(Success{});
}

void MemoryPasswordStore::remove(const QString &account)
{
    m_passwords.remove(account);
}

KeychainPasswordStore::KeychainPasswordStore(const QString &profileDirectory, QObject *parent)
    : PasswordStore(parent), m_profile(profileDirectory)
{
    // An explicit choice for headless machines and CI, documented in README.
    m_fallback = qEnvironmentVariableIsSet("PARLA_PASSWORD_FILE_FALLBACK");
}

QString KeychainPasswordStore::fallbackPath() const
{
    return QDir(m_profile).filePath(QStringLiteral("passwords.ini"));
}

Task<Result<QString>> KeychainPasswordStore::read(const QString &account)
{
    Promise<Result<QString>> promise;
    auto readFallback = [this, account, promise]() mutable {
        QSettings file(fallbackPath(), QSettings::IniFormat);
        const QString password = file.value(QStringLiteral("passwords/") + account).toString();
        if (password.isEmpty())
            promise.finish(Error::local(
                QCoreApplication::translate("PasswordStore", "No password is saved for %1.")
                    .arg(account)));
        else
            promise.finish(password);
    };
    if (m_fallback) {
        readFallback();
        return promise.task();
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, job, promise, readFallback]() mutable {
        if (job->error() == QKeychain::NoError) {
            promise.finish(job->textData());
        } else {
            if (job->error() == QKeychain::NoBackendAvailable ||
                job->error() == QKeychain::OtherError || job->error() == QKeychain::AccessDenied)
                m_fallback = QFile::exists(fallbackPath());
            qCInfo(lcPasswords) << "keyring read failed:" << job->errorString();
            readFallback();
        }
    });
    job->start();
    return promise.task();
}

Task<Result<Success>> KeychainPasswordStore::write(const QString &account, const QString &password)
{
    Promise<Result<Success>> promise;
    auto writeFallback = [this, account, password, promise]() mutable {
        QDir().mkpath(m_profile);
        {
            QSettings file(fallbackPath(), QSettings::IniFormat);
            file.setValue(QStringLiteral("passwords/") + account, password);
            file.sync();
            if (file.status() != QSettings::NoError) {
                promise.finish(Error::local(QCoreApplication::translate(
                    "PasswordStore", "The password could not be saved.")));
                return;
            }
        }
        QFile::setPermissions(fallbackPath(), QFile::ReadOwner | QFile::WriteOwner);
        promise.finish(Success{});
    };
    if (m_fallback) {
        writeFallback();
        return promise.task();
    }
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(account);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, job, promise, writeFallback]() mutable {
        if (job->error() == QKeychain::NoError) {
            promise.finish(Success{});
            return;
        }
        qCWarning(lcPasswords) << "no usable keyring (" << job->errorString()
                               << "); using the profile's password file";
        m_fallback = true;
        writeFallback();
    });
    job->start();
    return promise.task();
}

void KeychainPasswordStore::remove(const QString &account)
{
    QSettings file(fallbackPath(), QSettings::IniFormat);
    file.remove(QStringLiteral("passwords/") + account);
    if (m_fallback)
        return;
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(account);
    job->start();
}

} // namespace parla::services
