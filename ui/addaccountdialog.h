// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/session.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabBar;

namespace parla::ui {

class RegistrationFormWidget;

/// Adds an account: "I have an account" (JID, password) or "Create an account" (in-band
/// registration, XEP-0077: ask the server for its form, render it, submit it). Both share the
/// advanced connection settings (resource, host, port, direct TLS per XEP-0368).
/// Failures are shown in the plain words of the core's Error::text.
class AddAccountDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Page
    {
        Login,
        Register
    };

    explicit AddAccountDialog(Session *session, QWidget *parent = nullptr);

    void setPage(Page page);
    Page page() const;
    /// The spec the fields describe now (jid = the domain on the Register page).
    AccountSpec spec() const;
    RegistrationFormWidget *formWidget() const { return m_form; }
    QString errorText() const;
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    /// Login page: connects with the entered account. Register page: fetches the form, or
    /// submits it once it is shown.
    void submit();

private:
    void login();
    void fetchForm();
    void registerAccount();
    void setBusy(bool busy, const QString &what = {});
    void showError(const QString &text);
    void updateButtons();

    Session *m_session;
    QTabBar *m_tabs;
    QStackedWidget *m_pages;
    QLineEdit *m_jid;
    QLineEdit *m_password;
    QLineEdit *m_domain;
    RegistrationFormWidget *m_form;
    QWidget *m_formArea;
    QWidget *m_advanced;
    QLineEdit *m_resource;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QCheckBox *m_directTls;
    QLabel *m_error;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_submit;
    bool m_busy = false;
    bool m_formLoaded = false;
};

} // namespace parla::ui
