// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include "core/xmpp/result.h"

#include <memory>

namespace parla {

/// Opens the application core (services::AppSession) on a profile directory laid out as the
/// GUI's, with the profile's own password store: the OS keyring, falling back to
/// `<profile>/passwords.ini`. For front ends that need only the Session seam (parla-cli).
/// `extraCaPems`: CA certificates every account trusts besides the system's (PEM).
/// Returns nullptr, with the reason in plain words in `*error`, when the profile cannot be
/// opened.
/// `*notice` (if given) gets what the user must hear about the profile's database (found
/// damaged and rebuilt), empty when all was well.
std::unique_ptr<Session> openProfileSession(const QString &profileDirectory,
                                            const QList<QByteArray> &extraCaPems, QString *error,
                                            QString *notice = nullptr);

/// Writes a consistent copy of the profile's history database to `target` (which must not
/// exist): a backup that a profile can be restored from by putting it back as parla.db.
xmpp::Result<xmpp::Success> backupProfile(const QString &profileDirectory, const QString &target);

} // namespace parla
