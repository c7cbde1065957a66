// SPDX-License-Identifier: GPL-3.0-or-later
#include "profiledialog.h"

#include "avatarpainter.h"

#include "core/models/contactcolor.h"
#include "core/session/session.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>

namespace parla::ui {

namespace {
constexpr int kAvatar = 96;
}

ProfileDialog::ProfileDialog(Session *session, const QString &account, QWidget *parent)
    : QDialog(parent), m_session(session), m_account(account), m_avatar(new QLabel(this)),
      m_note(new QPlainTextEdit(this)),
      m_version(new QCheckBox(tr("Which app and version I use"), this)),
      m_os(new QCheckBox(tr("My operating system"), this)),
      m_time(new QCheckBox(tr("My local time"), this)),
      m_idle(new QCheckBox(tr("How long I have been idle"), this)),
      m_save(new QPushButton(tr("Save"), this)), m_status(new QLabel(this))
{
    setWindowTitle(tr("My profile — %1").arg(account));
    m_avatar->setFixedSize(kAvatar, kAvatar);
    m_avatar->setAccessibleName(tr("My avatar"));
    auto *choose = new QPushButton(tr("Choose picture…"), this);
    connect(choose, &QPushButton::clicked, this, &ProfileDialog::chooseAvatar);
    auto *avatarBox = new QVBoxLayout;
    avatarBox->addWidget(m_avatar, 0, Qt::AlignHCenter);
    avatarBox->addWidget(choose);
    avatarBox->addStretch();

    auto *form = new QFormLayout;
    const std::pair<const char *, QString> fields[] = {{"fullName", tr("Name")},
                                                       {"nickname", tr("Nickname")},
                                                       {"email", tr("E-mail")},
                                                       {"phone", tr("Phone")},
                                                       {"url", tr("Web site")}};
    for (const auto &[key, label] : fields) {
        auto *edit = new QLineEdit(this);
        edit->setAccessibleName(label);
        m_fields.insert(QString::fromLatin1(key), edit);
        form->addRow(label, edit);
    }
    m_note->setAccessibleName(tr("About me"));
    m_note->setFixedHeight(70);
    form->addRow(tr("About me"), m_note);

    auto *top = new QHBoxLayout;
    top->addLayout(avatarBox);
    top->addLayout(form, 1);

    // What Parla answers when asked (XEP-0092, 0202, 0012); off: "service unavailable".
    auto *reveal = new QGroupBox(tr("Others may see"), this);
    auto *revealLayout = new QVBoxLayout(reveal);
    for (QCheckBox *c : {m_version, m_os, m_time, m_idle})
        revealLayout->addWidget(c);
    const RevealSettings current = session->people().revealSettings();
    m_version->setChecked(current.version);
    m_os->setChecked(current.operatingSystem);
    m_time->setChecked(current.time);
    m_idle->setChecked(current.idle);
    m_os->setEnabled(current.version);
    connect(m_version, &QCheckBox::toggled, m_os, &QWidget::setEnabled);

    m_status->setObjectName(QStringLiteral("Muted"));
    m_status->setTextFormat(Qt::PlainText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("Primary"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &ProfileDialog::save);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(reveal);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    refreshAvatar();

    m_status->setText(tr("Loading…"));
    m_save->setEnabled(false);
    session->people()
        .fetchProfile(account, account)
        .then(this, [this](const xmpp::Result<Profile> &r) {
            m_save->setEnabled(true);
            if (const auto *e = std::get_if<xmpp::Error>(&r)) {
                m_status->setText(e->text);
                return;
            }
            const Profile &p = std::get<Profile>(r);
            m_fields[QStringLiteral("fullName")]->setText(p.fullName);
            m_fields[QStringLiteral("nickname")]->setText(p.nickname);
            m_fields[QStringLiteral("email")]->setText(p.email);
            m_fields[QStringLiteral("phone")]->setText(p.phone);
            m_fields[QStringLiteral("url")]->setText(p.url);
            m_note->setPlainText(p.note);
            m_status->clear();
        });
}

QLineEdit *ProfileDialog::field(const QString &name) const
{
    return m_fields.value(name);
}

void ProfileDialog::chooseAvatar()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Choose a picture"), {}, tr("Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"));
    if (file.isEmpty())
        return;
    QImageReader reader(file);
    // Our own file, but still: judge the header before decoding a gigapixel picture.
    const QSize size = reader.size();
    if (!size.isValid() || qint64(size.width()) * size.height() > 8192LL * 8192) {
        m_status->setText(tr("This picture cannot be used."));
        return;
    }
    if (size.width() > 1024 || size.height() > 1024)
        reader.setScaledSize(size.scaled(1024, 1024, Qt::KeepAspectRatioByExpanding));
    setAvatarImage(reader.read());
}

void ProfileDialog::setAvatarImage(const QImage &image)
{
    if (image.isNull()) {
        m_status->setText(tr("This picture cannot be used."));
        return;
    }
    m_newAvatar = image;
    refreshAvatar();
}

void ProfileDialog::refreshAvatar()
{
    QPixmap pixmap(kAvatar, kAvatar);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    const QImage picture = m_newAvatar.isNull()
                               ? m_session->people().avatar(m_account, m_account, kAvatar)
                               : m_newAvatar;
    AvatarPainter::paint(&painter, QRect(0, 0, kAvatar, kAvatar), m_account,
                         models::consistentColor(m_account), picture);
    painter.end();
    m_avatar->setPixmap(pixmap);
}

void ProfileDialog::save()
{
    RevealSettings reveal;
    reveal.version = m_version->isChecked();
    reveal.operatingSystem = m_version->isChecked() && m_os->isChecked();
    reveal.time = m_time->isChecked();
    reveal.idle = m_idle->isChecked();
    if (!(reveal == m_session->people().revealSettings()))
        m_session->people().setRevealSettings(reveal);

    Profile p;
    p.fullName = m_fields[QStringLiteral("fullName")]->text().trimmed();
    p.nickname = m_fields[QStringLiteral("nickname")]->text().trimmed();
    p.email = m_fields[QStringLiteral("email")]->text().trimmed();
    p.phone = m_fields[QStringLiteral("phone")]->text().trimmed();
    p.url = m_fields[QStringLiteral("url")]->text().trimmed();
    p.note = m_note->toPlainText().trimmed();

    m_save->setEnabled(false);
    m_status->setText(tr("Saving…"));
    m_pending = m_newAvatar.isNull() ? 1 : 2;
    auto finished = [this](const xmpp::Result<xmpp::Success> &r) {
        if (const auto *e = std::get_if<xmpp::Error>(&r)) {
            m_pending = -1;
            m_save->setEnabled(true);
            m_status->setText(tr("Could not save: %1").arg(e->text));
            return;
        }
        if (m_pending > 0 && --m_pending == 0)
            accept();
    };
    // The avatar first: publishing the profile rewrites the vCard, keeping its photo.
    if (!m_newAvatar.isNull()) {
        m_session->people()
            .publishAvatar(m_account, m_newAvatar)
            .then(this, [this, p, finished](const xmpp::Result<xmpp::Success> &r) {
                finished(r);
                if (m_pending > 0)
                    m_session->people().publishProfile(m_account, p).then(this, finished);
            });
    } else {
        m_session->people().publishProfile(m_account, p).then(this, finished);
    }
}

} // namespace parla::ui
