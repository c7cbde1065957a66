// SPDX-License-Identifier: GPL-3.0-or-later
#include "challengedialog.h"

#include "core/session/session.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QUrl>

namespace parla::ui {

using xmpp::DataFormField;

ChallengeDialog::ChallengeDialog(Session *session, QString account, RoomChallenge challenge,
                                 QWidget *parent)
    : QDialog(parent), m_session(session), m_account(std::move(account)),
      m_challenge(std::move(challenge))
{
    setWindowTitle(tr("Room check"));
    auto *layout = new QVBoxLayout(this);
    auto *intro =
        new QLabel(tr("The room %1 asks you to prove you are a person before you may take part.")
                       .arg(m_challenge.room),
                   this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    for (const QString &line : m_challenge.form.instructions) {
        auto *l = new QLabel(line, this);
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
        layout->addWidget(l);
    }
    // The image comes from a stranger: decoded by QImage only, never as HTML.
    const QImage image = QImage::fromData(m_challenge.image);
    if (!image.isNull()) {
        auto *picture = new QLabel(this);
        picture->setObjectName(QStringLiteral("ChallengeImage"));
        picture->setPixmap(QPixmap::fromImage(
            image.width() > 400 ? image.scaledToWidth(400, Qt::SmoothTransformation) : image));
        picture->setAlignment(Qt::AlignCenter);
        layout->addWidget(picture);
        m_hasImage = true;
    }
    auto *form = new QFormLayout;
    for (const DataFormField &f : m_challenge.form.fields) {
        // The room's own fields (FORM_TYPE, from, challenge, sid) go back as they came.
        if (f.type == DataFormField::Type::Hidden || f.type == DataFormField::Type::Fixed)
            continue;
        auto *edit = new QLineEdit(this);
        edit->setText(f.value());
        edit->setAccessibleName(f.label.isEmpty() ? f.var : f.label);
        if (f.type == DataFormField::Type::TextPrivate)
            edit->setEchoMode(QLineEdit::Password);
        form->addRow(f.label.isEmpty() ? f.var : f.label, edit);
        m_fields.insert(f.var, edit);
    }
    layout->addLayout(form);
    const QUrl url(m_challenge.fallbackUrl);
    if (url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http")) {
        m_url = new QLabel(this);
        m_url->setTextFormat(Qt::RichText);
        m_url->setText(tr("Or solve it in your browser: <a href=\"%1\">%2</a>")
                           .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                                url.toDisplayString().toHtmlEscaped()));
        m_url->setOpenExternalLinks(true);
        m_url->setWordWrap(true);
        layout->addWidget(m_url);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChallengeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ChallengeDialog::accept()
{
    xmpp::DataForm answer = m_challenge.form;
    for (DataFormField &f : answer.fields) {
        if (QLineEdit *edit = m_fields.value(f.var))
            f.values = QStringList{edit->text()};
    }
    m_session->rooms().answerChallenge(m_account, m_challenge, answer.toSubmit());
    QDialog::accept();
}

} // namespace parla::ui
