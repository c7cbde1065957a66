// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/xmpp/connectionerror.h"

#include <QDialog>

namespace parla {
class Session;
}

namespace parla::ui {

/// Asks the user about a server certificate the system does not trust (ARCHITECTURE.md:
/// "an untrusted certificate is shown to the user with its fingerprint and pinned only by an
/// explicit decision"). Cancel is the default; trusting pins it for this account only.
class CertificateDialog : public QDialog
{
    Q_OBJECT
public:
    CertificateDialog(Session *session, const QString &account, const xmpp::CertificateInfo &info,
                      bool changedSincePinned, QWidget *parent = nullptr);

    /// "AB:CD:…" grouped as four bytes per group, two groups per line, for reading aloud.
    static QString groupedFingerprint(const QString &fingerprint);

private:
    void decide(bool pin);

    Session *m_session;
    QString m_account;
    QString m_fingerprint;
    bool m_decided = false;
};

} // namespace parla::ui
