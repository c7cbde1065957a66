// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types/registrationform.h"

#include <QList>
#include <QWidget>

class QFormLayout;

namespace parla::ui {

/// Renders any registration form (XEP-0077 legacy fields or a XEP-0004 data form) generically:
/// one editor per field type, required fields marked, instructions and the XEP-0066 web
/// registration link shown when present.
class RegistrationFormWidget : public QWidget
{
    Q_OBJECT
public:
    explicit RegistrationFormWidget(QWidget *parent = nullptr);

    void setForm(const RegistrationForm &form);
    const RegistrationForm &form() const { return m_form; }
    /// The form with the values the user entered.
    RegistrationForm filled() const;
    /// Whether every required field has a value; marks the missing ones and describes the first.
    bool validate(QString *message = nullptr);
    /// The editor of a field by its var (for tests and focus), or null.
    QWidget *editorFor(const QString &var) const;

Q_SIGNALS:
    void edited();

private:
    QString valueOf(int field) const;
    void setInvalid(QWidget *editor, bool invalid);

    RegistrationForm m_form;
    QFormLayout *m_layout;
    QList<QWidget *> m_editors; ///< one per field; null for Hidden
};

} // namespace parla::ui
