// SPDX-License-Identifier: GPL-3.0-or-later
#include "certificatedialog.h"

#include "icons.h"

#include "core/session/session.h"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace parla::ui {

QString CertificateDialog::groupedFingerprint(const QString &fingerprint)
{
    QString hex = fingerprint;
    hex.remove(QLatin1Char(':'));
    hex = hex.toUpper();
    QStringList groups;
    for (int i = 0; i < hex.size(); i += 8)
        groups << hex.mid(i, 8);
    QStringList lines;
    for (int i = 0; i < groups.size(); i += 4)
        lines << groups.mid(i, 4).join(QLatin1Char(' '));
    return lines.join(QLatin1Char('\n'));
}

CertificateDialog::CertificateDialog(Session *session, const QString &account,
                                     const xmpp::CertificateInfo &info, bool changedSincePinned,
                                     QWidget *parent)
    : QDialog(parent), m_session(session), m_account(account), m_fingerprint(info.fingerprintSha256)
{
    setWindowTitle(tr("Untrusted certificate"));
    setMinimumWidth(520);

    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::coloured(QStringLiteral("lock-warning")).pixmap(48, 48));
    auto *headline = new QLabel(this);
    headline->setObjectName(QStringLiteral("EmptyTitle"));
    headline->setTextFormat(Qt::PlainText);
    headline->setWordWrap(true);
    headline->setText(tr("Parla cannot verify the server of %1").arg(account));
    auto *explain = new QLabel(this);
    explain->setTextFormat(Qt::PlainText);
    explain->setWordWrap(true);
    explain->setText(tr("Someone could be pretending to be the server. Only trust this "
                        "certificate if you have checked its fingerprint with the server's "
                        "administrator."));

    auto *warning = new QLabel(this);
    warning->setObjectName(QStringLiteral("ErrorText"));
    warning->setTextFormat(Qt::PlainText);
    warning->setWordWrap(true);
    warning->setAccessibleName(tr("Warning"));
    warning->setText(tr("Warning: this server presented a different certificate before, which "
                        "you trusted. A changed certificate can mean that your connection is "
                        "being intercepted."));
    warning->setVisible(changedSincePinned);

    auto *problems = new QLabel(this);
    problems->setTextFormat(Qt::PlainText);
    problems->setWordWrap(true);
    QStringList bullets;
    for (const QString &p : info.problems)
        bullets << QStringLiteral("• ") + p;
    problems->setText(bullets.join(QLatin1Char('\n')));
    problems->setAccessibleName(tr("Problems"));

    auto *fingerprint = new QLabel(groupedFingerprint(info.fingerprintSha256), this);
    fingerprint->setObjectName(QStringLiteral("fingerprint"));
    fingerprint->setTextFormat(Qt::PlainText);
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fingerprint->setAccessibleName(tr("SHA-256 fingerprint"));
    auto plain = [this](const QString &text) {
        auto *l = new QLabel(text, this);
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return l;
    };
    const QLocale locale;
    auto *details = new QFormLayout;
    details->setSpacing(8);
    details->addRow(tr("Subject"), plain(info.subject));
    details->addRow(tr("Issuer"), plain(info.issuer));
    details->addRow(
        tr("Valid"),
        plain(tr("%1 to %2")
                  .arg(locale.toString(info.notBefore.toLocalTime().date(), QLocale::LongFormat),
                       locale.toString(info.notAfter.toLocalTime().date(), QLocale::LongFormat))));
    details->addRow(tr("SHA-256"), fingerprint);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *trust = buttons->addButton(tr("Trust this certificate for this account"),
                                            QDialogButtonBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trustButton"));
    trust->setAutoDefault(false);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    cancel->setFocus();
    connect(trust, &QPushButton::clicked, this, [this] { decide(true); });
    connect(cancel, &QPushButton::clicked, this, [this] { decide(false); });

    auto *top = new QHBoxLayout;
    top->setSpacing(14);
    top->addWidget(icon, 0, Qt::AlignTop);
    auto *texts = new QVBoxLayout;
    texts->addWidget(headline);
    texts->addWidget(explain);
    top->addLayout(texts, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(12);
    layout->addLayout(top);
    layout->addWidget(warning);
    layout->addWidget(problems);
    layout->addLayout(details);
    layout->addWidget(buttons);
    // Closing the window is a "no".
    connect(this, &QDialog::rejected, this, [this] { decide(false); });
}

void CertificateDialog::decide(bool pin)
{
    if (m_decided)
        return;
    m_decided = true;
    m_session->accounts().decideCertificate(m_account, m_fingerprint, pin);
    if (pin)
        accept();
    else
        reject();
}

} // namespace parla::ui
