// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/xmpp/xep/xep0004_dataforms/dataform.h"

#include <QWidget>

#include <vector>

class QLabel;
class QScrollArea;
class QVBoxLayout;

namespace parla::ui {

/// Renders any XEP-0004 data form (room configuration, CAPTCHAs, ad-hoc commands, …) with one
/// editor per field type of §3.3: boolean → check box, fixed → text (short ones as section
/// headings, as Prosody's muc#roomconfig uses them), hidden → kept but not shown, jid-single →
/// line edit checked as an RFC 7622 address, jid-multi → text box with one address per line,
/// list-single → combo box showing the option labels, list-multi → list of check boxes,
/// text-single / text-private (password echo) / text-multi.
///
/// The title and instructions head the form; a field's <desc/> is its tooltip, accessible
/// description and a line of help text under it. Required fields are marked with "*" and their
/// accessible name says "required". The form scrolls inside the widget, and keyboard order is
/// the visual order. Server-supplied text is always shown as plain text.
///
/// Multi-item results (<reported/>/<item/>) are kept in filled() but not shown: they are
/// answers, not something to edit.
class DataFormWidget : public QWidget
{
    Q_OBJECT
public:
    explicit DataFormWidget(QWidget *parent = nullptr);

    /// Replaces the shown form (and everything entered so far).
    void setForm(const xmpp::DataForm &form);
    const xmpp::DataForm &form() const { return m_form; }

    /// The form with the values entered (DataFormField::values per field; hidden and fixed
    /// fields as received), ready for DataForm::toSubmit(). An empty single-value editor gives
    /// a field without values; multi types give one value per non-empty line / checked option.
    xmpp::DataForm filled() const;

    /// Whether every field is acceptable (required ones answered, addresses well-formed),
    /// without marking anything.
    bool isValid() const;
    /// Like isValid(), but shows the problem next to each bad field in plain words, focuses and
    /// scrolls to the first one and, if asked, returns its message.
    bool validate(QString *message = nullptr);

    /// The editor of a field by its var (for tests, focus and dialogs that pre-fill), or null
    /// for hidden/fixed fields and unknown vars.
    QWidget *editorFor(const QString &var) const;
    /// The label under a field where its validation problem is shown, or null.
    QLabel *problemLabelFor(const QString &var) const;

Q_SIGNALS:
    /// The user changed a value.
    void edited();

private:
    struct Row
    {
        QWidget *editor = nullptr;
        QLabel *problem = nullptr;
    };

    QWidget *makeEditor(const xmpp::DataFormField &field, int index);
    QStringList valuesOf(int index) const;
    /// Plain words for what is wrong with field `index`, empty when it is fine.
    QString problemWith(int index) const;
    void showProblem(int index, const QString &problem);
    void fieldEdited(int index);
    int indexOf(const QString &var) const;

    xmpp::DataForm m_form;
    std::vector<Row> m_rows; ///< parallel to m_form.fields
    QScrollArea *m_scroll;
    QWidget *m_content = nullptr;
};

} // namespace parla::ui
