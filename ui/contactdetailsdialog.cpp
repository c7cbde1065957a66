// SPDX-License-Identifier: GPL-3.0-or-later
#include "contactdetailsdialog.h"

#include "avatarpainter.h"

#include "core/models/contactcolor.h"
#include "core/session/session.h"

#include <QBoxLayout>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTreeWidget>

namespace parla::ui {

namespace {
constexpr int kAvatar = 72;
}

ContactDetailsDialog::ContactDetailsDialog(Session *session, const QString &account,
                                           const QString &jid, QWidget *parent)
    : QDialog(parent), m_session(session), m_account(account), m_jid(jid),
      m_avatar(new QLabel(this)), m_status(new QLabel(this)), m_form(new QFormLayout),
      m_resources(new QTreeWidget(this)), m_lastSeen(new QLabel(this)),
      m_block(new QPushButton(this))
{
    setWindowTitle(tr("Contact details — %1").arg(jid));
    m_avatar->setFixedSize(kAvatar, kAvatar);
    m_avatar->setAccessibleName(tr("Avatar"));
    auto *title = new QLabel(jid, this);
    title->setObjectName(QStringLiteral("ChatTitle"));
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("Muted"));
    m_status->setText(tr("Asking…"));
    auto *head = new QHBoxLayout;
    head->addWidget(m_avatar);
    auto *names = new QVBoxLayout;
    names->addWidget(title);
    names->addWidget(m_status);
    head->addLayout(names, 1);

    const std::pair<const char *, QString> fields[] = {
        {"fullName", tr("Name")}, {"nickname", tr("Nickname")}, {"email", tr("E-mail")},
        {"phone", tr("Phone")},   {"url", tr("Web site")},      {"note", tr("About")}};
    for (const auto &[key, label] : fields) {
        auto *value = new QLabel(this);
        value->setTextFormat(Qt::PlainText);
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_fields.insert(QString::fromLatin1(key), value);
        m_form->addRow(label, value);
    }

    m_resources->setHeaderLabels(
        {tr("Device"), tr("Client"), tr("Version"), tr("System"), tr("Local time"), tr("Idle")});
    m_resources->setRootIsDecorated(false);
    m_resources->setAccessibleName(tr("Devices"));
    m_lastSeen->setTextFormat(Qt::PlainText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_block, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_block, &QPushButton::clicked, this, [this] {
        if (m_session->people().blocklist(m_account).contains(m_jid))
            m_session->people().unblock(m_account, m_jid);
        else
            m_session->people().block(m_account, m_jid, false);
    });
    connect(&m_session->people(), &PeopleApi::blocklistChanged, this,
            [this](const QString &changed) {
                if (changed == m_account)
                    refreshBlock();
            });
    connect(&m_session->people(), &PeopleApi::avatarChanged, this,
            [this](const QString &changed, const QString &who) {
                if (changed == m_account && who == m_jid)
                    refreshAvatar();
            });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addLayout(m_form);
    layout->addWidget(m_resources, 1);
    layout->addWidget(m_lastSeen);
    layout->addWidget(buttons);
    resize(620, 460);
    refreshAvatar();
    refreshBlock();

    m_session->people()
        .fetchContactDetails(account, jid)
        .then(this, [this](const xmpp::Result<ContactDetails> &r) {
            if (const auto *d = std::get_if<ContactDetails>(&r))
                showDetails(*d);
            else
                m_status->setText(std::get<xmpp::Error>(r).text);
        });
}

QString ContactDetailsDialog::fieldText(const QString &field) const
{
    const QLabel *l = m_fields.value(field);
    return l ? l->text() : QString();
}

QString ContactDetailsDialog::durationText(qint64 seconds)
{
    if (seconds < 60)
        return tr("%n second(s)", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n minute(s)", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%n hour(s)", nullptr, int(seconds / 3600));
    return tr("%n day(s)", nullptr, int(seconds / 86400));
}

void ContactDetailsDialog::showDetails(const ContactDetails &d)
{
    const Profile &p = d.profile;
    const std::pair<const char *, QString> values[] = {
        {"fullName", p.fullName}, {"nickname", p.nickname}, {"email", p.email},
        {"phone", p.phone},       {"url", p.url},           {"note", p.note}};
    for (const auto &[key, value] : values) {
        QLabel *label = m_fields.value(QString::fromLatin1(key));
        label->setText(value);
        m_form->setRowVisible(label, !value.isEmpty());
    }
    m_resources->clear();
    for (const ResourceDetails &r : d.resources) {
        const QString unknown = tr("—");
        auto *item = new QTreeWidgetItem(m_resources);
        item->setText(0, r.resource);
        item->setText(1, r.clientName.isEmpty() ? unknown : r.clientName);
        item->setText(2, r.clientVersion.isEmpty() ? unknown : r.clientVersion);
        item->setText(3, r.os.isEmpty() ? unknown : r.os);
        item->setText(4, r.localTime.isValid()
                             ? QLocale().toString(r.localTime.time(), QLocale::ShortFormat) +
                                   QStringLiteral(" (%1)").arg(r.localTime.timeZoneAbbreviation())
                             : unknown);
        item->setText(5, r.idleSeconds < 0    ? unknown
                         : r.idleSeconds < 60 ? tr("active")
                                              : durationText(r.idleSeconds));
    }
    m_resources->setVisible(!d.resources.isEmpty());
    if (d.resources.isEmpty()) {
        m_status->setText(tr("Offline"));
        m_lastSeen->setText(d.lastSeenSecondsAgo < 0
                                ? tr("Last seen: unknown")
                                : tr("Last seen %1 ago").arg(durationText(d.lastSeenSecondsAgo)));
    } else {
        m_status->setText(tr("Online on %n device(s)", nullptr, int(d.resources.size())));
        m_lastSeen->clear();
    }
}

void ContactDetailsDialog::refreshBlock()
{
    const bool blocked = m_session->people().blocklist(m_account).contains(m_jid);
    m_block->setText(blocked ? tr("Unblock") : tr("Block"));
}

void ContactDetailsDialog::refreshAvatar()
{
    QPixmap pixmap(kAvatar * devicePixelRatio(), kAvatar * devicePixelRatio());
    pixmap.setDevicePixelRatio(devicePixelRatio());
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    AvatarPainter::paint(&painter, QRect(0, 0, kAvatar, kAvatar), m_jid,
                         models::consistentColor(m_jid),
                         m_session->people().avatar(m_account, m_jid, kAvatar * 2));
    painter.end();
    m_avatar->setPixmap(pixmap);
}

} // namespace parla::ui
