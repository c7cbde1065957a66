// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace parla {

/// Opens the application core (services::AppSession) on a profile directory laid out as the
/// GUI's, with the profile's own password store: the OS keyring, falling back to
/// `<profile>/passwords.ini`. For front ends that need only the Session seam (parla-cli).
/// `extraCaPems`: CA certificates every account trusts besides the system's (PEM).
/// Returns nullptr, with the reason in plain words in `*error`, when the profile cannot be
/// opened.
std::unique_ptr<Session> openProfileSession(const QString &profileDirectory,
                                            const QList<QByteArray> &extraCaPems, QString *error);

} // namespace parla
