// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectionerror.h"

#include <QList>
#include <QSslCertificate>
#include <QSslError>

namespace parla::xmpp {

/// "AB:CD:…" SHA-256 fingerprint of the DER certificate: what the user compares and pins.
QString certificateFingerprint(const QSslCertificate &certificate);
/// What a person needs to decide about an untrusted certificate, in plain words.
CertificateInfo describeCertificate(const QSslCertificate &certificate,
                                    const QList<QSslError> &errors);

} // namespace parla::xmpp
