// SPDX-License-Identifier: GPL-3.0-or-later
#include "addaccountdialog.h"

#include "addcontactdialog.h"
#include "registrationformwidget.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabBar>
#include <QToolButton>

namespace parla::ui {

AddAccountDialog::AddAccountDialog(Session *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_tabs(new QTabBar(this)),
      m_pages(new QStackedWidget(this)), m_jid(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_domain(new QLineEdit(this)),
      m_form(new RegistrationFormWidget(this)), m_formArea(new QScrollArea(this)),
      m_advanced(new QWidget(this)), m_resource(new QLineEdit(this)), m_host(new QLineEdit(this)),
      m_port(new QSpinBox(this)), m_directTls(new QCheckBox(tr("Direct &TLS"), this)),
      m_error(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_progressText(new QLabel(this)), m_submit(new QPushButton(this))
{
    setWindowTitle(tr("Add account"));
    setMinimumWidth(460);

    m_tabs->addTab(tr("I have an account"));
    m_tabs->addTab(tr("Create an account"));
    m_tabs->setExpanding(true);
    m_tabs->setAccessibleName(tr("How to add the account"));

    // Login page.
    m_jid->setObjectName(QStringLiteral("jidEdit"));
    m_jid->setPlaceholderText(tr("you@example.org"));
    m_jid->setAccessibleName(tr("Address"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    auto *login = new QWidget(this);
    auto *loginForm = new QFormLayout(login);
    loginForm->setContentsMargins(0, 12, 0, 0);
    loginForm->setSpacing(10);
    loginForm->addRow(tr("&Address"), m_jid);
    loginForm->addRow(tr("&Password"), m_password);

    // Registration page: domain first, then the server's form.
    m_domain->setObjectName(QStringLiteral("domainEdit"));
    m_domain->setPlaceholderText(tr("example.org"));
    m_domain->setAccessibleName(tr("Server"));
    auto *scroll = static_cast<QScrollArea *>(m_formArea);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumHeight(260);
    scroll->hide();
    auto *reg = new QWidget(this);
    auto *regLayout = new QVBoxLayout(reg);
    regLayout->setContentsMargins(0, 12, 0, 0);
    auto *domainForm = new QFormLayout;
    domainForm->addRow(tr("&Server"), m_domain);
    regLayout->addLayout(domainForm);
    regLayout->addWidget(m_formArea, 1);
    regLayout->addStretch();

    m_pages->addWidget(login);
    m_pages->addWidget(reg);

    // Advanced connection settings, folded away.
    auto *advancedToggle = new QToolButton(this);
    advancedToggle->setText(tr("Advanced connection settings"));
    advancedToggle->setCheckable(true);
    advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedToggle->setArrowType(Qt::RightArrow);
    advancedToggle->setAccessibleName(tr("Show advanced connection settings"));
    m_resource->setObjectName(QStringLiteral("resourceEdit"));
    m_resource->setPlaceholderText(tr("Automatic"));
    m_resource->setAccessibleName(tr("Resource"));
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_host->setPlaceholderText(tr("Automatic (DNS SRV)"));
    m_host->setAccessibleName(tr("Host"));
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Automatic"));
    m_port->setAccessibleName(tr("Port"));
    m_directTls->setObjectName(QStringLiteral("directTlsCheck"));
    m_directTls->setToolTip(tr("Connect with TLS from the first byte (XEP-0368) instead of "
                               "STARTTLS"));
    auto *adv = new QFormLayout(m_advanced);
    adv->setContentsMargins(0, 0, 0, 0);
    adv->addRow(tr("&Resource"), m_resource);
    adv->addRow(tr("&Host"), m_host);
    adv->addRow(tr("P&ort"), m_port);
    adv->addRow(QString(), m_directTls);
    m_advanced->hide();
    connect(advancedToggle, &QToolButton::toggled, this, [this, advancedToggle](bool on) {
        m_advanced->setVisible(on);
        advancedToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });

    m_error->setObjectName(QStringLiteral("ErrorText"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Error"));
    m_error->hide();
    m_progress->setRange(0, 0);
    m_progress->setMaximumHeight(4);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_progressText->setObjectName(QStringLiteral("Muted"));
    m_progressText->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_submit->setObjectName(QStringLiteral("submitButton"));
    m_submit->setDefault(true);
    buttons->addButton(m_submit, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_submit, &QPushButton::clicked, this, &AddAccountDialog::submit);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->setSpacing(10);
    layout->addWidget(m_tabs);
    layout->addWidget(m_pages, 1);
    layout->addWidget(advancedToggle, 0, Qt::AlignLeft);
    layout->addWidget(m_advanced);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressText);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_tabs, &QTabBar::currentChanged, this, [this](int i) {
        m_pages->setCurrentIndex(i);
        m_error->hide();
        updateButtons();
    });
    connect(m_domain, &QLineEdit::textEdited, this, [this] {
        // A different server has a different form.
        m_formLoaded = false;
        m_formArea->hide();
        updateButtons();
    });
    for (QLineEdit *e : {m_jid, m_password, m_domain})
        connect(e, &QLineEdit::textChanged, this, &AddAccountDialog::updateButtons);
    updateButtons();
}

void AddAccountDialog::setPage(Page page)
{
    m_tabs->setCurrentIndex(page == Page::Login ? 0 : 1);
}

AddAccountDialog::Page AddAccountDialog::page() const
{
    return m_tabs->currentIndex() == 0 ? Page::Login : Page::Register;
}

AccountSpec AddAccountDialog::spec() const
{
    AccountSpec s;
    s.jid = page() == Page::Login ? m_jid->text().trimmed() : m_domain->text().trimmed();
    s.resource = m_resource->text().trimmed();
    s.host = m_host->text().trimmed();
    s.port = quint16(m_port->value());
    s.directTls = m_directTls->isChecked();
    return s;
}

QString AddAccountDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void AddAccountDialog::updateButtons()
{
    if (page() == Page::Login) {
        m_submit->setText(tr("&Connect"));
        m_submit->setEnabled(!m_busy && AddContactDialog::looksLikeBareJid(m_jid->text()) &&
                             !m_password->text().isEmpty());
    } else {
        m_submit->setText(m_formLoaded ? tr("&Create account") : tr("C&ontinue"));
        m_submit->setEnabled(!m_busy && !m_domain->text().trimmed().isEmpty());
    }
}

void AddAccountDialog::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_progressText->setVisible(busy);
    m_progressText->setText(what);
    m_pages->setEnabled(!busy);
    m_tabs->setEnabled(!busy);
    m_advanced->setEnabled(!busy);
    if (busy)
        m_error->hide();
    updateButtons();
}

void AddAccountDialog::showError(const QString &text)
{
    m_error->setText(text.isEmpty() ? tr("Something went wrong.") : text);
    m_error->show();
}

void AddAccountDialog::submit()
{
    if (m_busy)
        return;
    if (page() == Page::Login)
        login();
    else if (!m_formLoaded)
        fetchForm();
    else
        registerAccount();
}

void AddAccountDialog::login()
{
    QString why;
    if (!AddContactDialog::looksLikeBareJid(m_jid->text(), &why)) {
        showError(why);
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Enter the password of this account."));
        return;
    }
    setBusy(true, tr("Connecting to %1…").arg(spec().jid.section(QLatin1Char('@'), 1)));
    m_session->accounts()
        .addAccount(spec(), m_password->text())
        .then(this, [this](const xmpp::Result<xmpp::Success> &result) {
            setBusy(false);
            if (const auto *error = std::get_if<xmpp::Error>(&result)) {
                showError(error->text);
                return;
            }
            accept();
        });
}

void AddAccountDialog::fetchForm()
{
    setBusy(true, tr("Asking %1 how to register…").arg(spec().jid));
    m_session->accounts().fetchRegistrationForm(spec()).then(
        this, [this](const xmpp::Result<RegistrationForm> &result) {
            setBusy(false);
            if (const auto *error = std::get_if<xmpp::Error>(&result)) {
                showError(error->text);
                return;
            }
            m_form->setForm(std::get<RegistrationForm>(result));
            m_formLoaded = true;
            m_formArea->show();
            updateButtons();
        });
}

void AddAccountDialog::registerAccount()
{
    QString why;
    if (!m_form->validate(&why)) {
        showError(why);
        return;
    }
    setBusy(true, tr("Creating your account…"));
    m_session->accounts()
        .registerAccount(spec(), m_form->filled())
        .then(this, [this](const xmpp::Result<xmpp::Success> &result) {
            setBusy(false);
            if (const auto *error = std::get_if<xmpp::Error>(&result)) {
                showError(error->text);
                return;
            }
            accept();
        });
}

} // namespace parla::ui
