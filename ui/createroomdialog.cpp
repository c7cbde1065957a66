// SPDX-License-Identifier: GPL-3.0-or-later
#include "createroomdialog.h"

#include "roomconfigdialog.h"
#include "statuslabel.h"

#include "core/models/roles.h"
#include "core/session/session.h"
#include "core/xmpp/jid.h"

#include <QBoxLayout>
#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

namespace parla::ui {

namespace {

constexpr auto kRoomNameVar = "muc#roomconfig_roomname";

struct PresetText
{
    RoomPreset preset;
    const char *title;
    const char *explanation;
};

// One line each: what people get, in their words rather than the configuration's.
constexpr PresetText kPresets[] = {
    {RoomPreset::PublicChannel, QT_TRANSLATE_NOOP("parla::ui::CreateRoomDialog", "Public channel"),
     QT_TRANSLATE_NOOP("parla::ui::CreateRoomDialog",
                       "Listed and open to anyone; addresses hidden from other participants.")},
    {RoomPreset::PrivateGroup, QT_TRANSLATE_NOOP("parla::ui::CreateRoomDialog", "Private group"),
     QT_TRANSLATE_NOOP("parla::ui::CreateRoomDialog",
                       "Hidden and members only; everyone sees addresses (needed for OMEMO).")},
    {RoomPreset::Moderated, QT_TRANSLATE_NOOP("parla::ui::CreateRoomDialog", "Moderated channel"),
     QT_TRANSLATE_NOOP("parla::ui::CreateRoomDialog",
                       "Listed and open; newcomers may speak only once a moderator allows it.")},
    {RoomPreset::Instant, QT_TRANSLATE_NOOP("parla::ui::CreateRoomDialog", "Server defaults"),
     QT_TRANSLATE_NOOP("parla::ui::CreateRoomDialog",
                       "Whatever the server sets up for new rooms; change it later.")},
    {RoomPreset::Custom, QT_TRANSLATE_NOOP("parla::ui::CreateRoomDialog", "Custom…"),
     QT_TRANSLATE_NOOP("parla::ui::CreateRoomDialog",
                       "Choose every setting yourself right after the room is created.")},
};

} // namespace

QString CreateRoomDialog::suggestLocalpart(const QString &name)
{
    // Decompose so "Café" gives "cafe"; keep what needs no escaping anywhere (RFC 7622 allows
    // more, but people type and share these addresses).
    const QString decomposed = name.normalized(QString::NormalizationForm_KD).toLower();
    QString out;
    for (const QChar c : decomposed) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_')
            out += c;
        else if ((c.isSpace() || c == u'-') && !out.isEmpty() && !out.endsWith(u'-'))
            out += u'-';
    }
    while (out.endsWith(u'-') || out.endsWith(u'.'))
        out.chop(1);
    return out.left(64);
}

CreateRoomDialog::CreateRoomDialog(Session *session, const QString &account, QWidget *parent)
    : QDialog(parent), m_session(session), m_account(new QComboBox(this)),
      m_name(new QLineEdit(this)), m_localpart(new QLineEdit(this)), m_service(new QComboBox(this)),
      m_nick(new QLineEdit(this)), m_presets(new QButtonGroup(this)), m_feedback(new QLabel(this)),
      m_status(new StatusLabel(this)), m_create(new QPushButton(tr("Create"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("New group chat"));
    setMinimumWidth(480);
    QAbstractItemModel *accounts = session->accounts().accountModel();
    for (int r = 0; r < accounts->rowCount(); ++r)
        m_account->addItem(accounts->index(r, 0).data(models::AccountJidRole).toString());
    if (const int i = m_account->findText(account); i >= 0)
        m_account->setCurrentIndex(i);
    m_account->setAccessibleName(tr("Account"));
    m_name->setPlaceholderText(tr("Book club"));
    m_name->setAccessibleName(tr("Room name"));
    m_localpart->setPlaceholderText(tr("book-club"));
    m_localpart->setAccessibleName(tr("Room address, part before @"));
    m_service->setEditable(true);
    m_service->setInsertPolicy(QComboBox::NoInsert);
    m_service->setAccessibleName(tr("Group chat service"));
    m_service->setMinimumContentsLength(18);
    m_nick->setAccessibleName(tr("Your nickname in the room"));
    m_feedback->setObjectName(QStringLiteral("Muted"));
    m_feedback->setTextFormat(Qt::PlainText);
    m_feedback->setWordWrap(true);
    m_feedback->setAccessibleName(tr("Address check"));

    auto *address = new QHBoxLayout;
    address->setSpacing(4);
    address->addWidget(m_localpart, 1);
    address->addWidget(new QLabel(QStringLiteral("@"), this));
    address->addWidget(m_service, 1);

    auto *presetBox = new QVBoxLayout;
    presetBox->setSpacing(2);
    for (const PresetText &p : kPresets) {
        auto *radio = new QRadioButton(tr(p.title), this);
        const QString explanation = tr(p.explanation);
        radio->setAccessibleDescription(explanation);
        radio->setObjectName(QStringLiteral("preset%1").arg(static_cast<int>(p.preset)));
        m_presets->addButton(radio, static_cast<int>(p.preset));
        auto *line = new QLabel(explanation, this);
        line->setObjectName(QStringLiteral("Muted"));
        line->setWordWrap(true);
        line->setContentsMargins(24, 0, 0, 6); // under the radio's text, not its circle
        presetBox->addWidget(radio);
        presetBox->addWidget(line);
    }
    setPreset(RoomPreset::PublicChannel);

    auto *form = new QFormLayout;
    form->setSpacing(10);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    if (m_account->count() > 1)
        form->addRow(tr("&Account"), m_account);
    else
        m_account->hide();
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("A&ddress"), address);
    form->addRow(QString(), m_feedback);
    form->addRow(tr("N&ickname"), m_nick);
    form->addRow(tr("Kind"), presetBox);
    // Address and kind rows have no single buddy; give the labels' mnemonics a target.
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(address)))
        l->setBuddy(m_localpart);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(presetBox)))
        l->setBuddy(m_presets->checkedButton());

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_create, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    m_create->setDefault(true);
    connect(m_create, &QPushButton::clicked, this, &CreateRoomDialog::create);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(12);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (!m_localpartEdited)
            m_localpart->setText(suggestLocalpart(text));
        updateFeedback();
    });
    connect(m_localpart, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_localpartEdited = !text.isEmpty(); // cleared: follow the name again
        updateFeedback();
    });
    connect(m_service, &QComboBox::editTextChanged, this, [this] {
        // A service typed after "none found" answers that message.
        if (m_status->isError() && !m_service->currentText().trimmed().isEmpty())
            m_status->clearStatus();
        updateFeedback();
    });
    connect(m_nick, &QLineEdit::textEdited, this, [this] {
        m_nickEdited = true;
        updateFeedback();
    });
    connect(m_account, &QComboBox::currentIndexChanged, this, &CreateRoomDialog::accountChanged);
    accountChanged();
}

QString CreateRoomDialog::account() const
{
    return m_account->currentText();
}

QString CreateRoomDialog::roomAddress() const
{
    const QString local = m_localpart->text().trimmed();
    const QString service = m_service->currentText().trimmed();
    if (local.isEmpty() || service.isEmpty())
        return {};
    return local + u'@' + service;
}

RoomPreset CreateRoomDialog::preset() const
{
    return static_cast<RoomPreset>(m_presets->checkedId());
}

void CreateRoomDialog::setPreset(RoomPreset preset)
{
    if (QAbstractButton *b = m_presets->button(static_cast<int>(preset)))
        b->setChecked(true);
}

void CreateRoomDialog::accountChanged()
{
    const QString account = this->account();
    if (!m_nickEdited)
        m_nick->setText(account.section(u'@', 0, 0));
    m_service->clear();
    m_status->showInfo(tr("Looking for group chat services…"));
    m_session->rooms().mucServices(account).then(
        this, [this, account](const xmpp::Result<QStringList> &r) {
            if (account != this->account())
                return; // the person picked another account meanwhile
            if (const auto *e = std::get_if<xmpp::Error>(&r)) {
                m_status->showError(
                    tr("Could not find this server's group chat service: %1 You can type one.")
                        .arg(e->text));
            } else if (std::get<QStringList>(r).isEmpty()) {
                m_status->showError(tr("This server offers no group chat service. You can type "
                                       "another server's, like conference.example.org."));
            } else {
                m_service->addItems(std::get<QStringList>(r));
                m_status->clearStatus();
            }
            updateFeedback();
        });
    updateFeedback();
}

QString CreateRoomDialog::problem() const
{
    if (m_account->count() == 0)
        return tr("Add an account first.");
    if (m_localpart->text().trimmed().isEmpty())
        return tr("Give the room a name or an address.");
    if (m_service->currentText().trimmed().isEmpty())
        return tr("Choose the group chat service after “@”.");
    QString why;
    const auto jid = xmpp::Jid::parse(roomAddress(), &why);
    if (!jid)
        return tr("This address cannot be used: %1").arg(why);
    if (!jid->isBare())
        return tr("A room address has no “/”.");
    if (m_nick->text().trimmed().isEmpty())
        return tr("Choose the nickname others will see.");
    return {};
}

void CreateRoomDialog::updateFeedback()
{
    const QString why = problem();
    m_create->setEnabled(why.isEmpty());
    m_feedback->setText(why.isEmpty() ? tr("People will join at %1").arg(roomAddress()) : why);
}

void CreateRoomDialog::create()
{
    if (!problem().isEmpty())
        return;
    const QString account = this->account();
    const QString room = roomAddress();
    m_create->setEnabled(false);
    m_status->showInfo(tr("Creating %1…").arg(room));
    m_session->rooms()
        .createRoom(account, room, m_nick->text().trimmed(), preset())
        .then(this, [this, account, room](const xmpp::Result<xmpp::Success> &r) {
            if (const auto *e = std::get_if<xmpp::Error>(&r)) {
                m_create->setEnabled(true);
                m_status->showError(tr("The room could not be created: %1").arg(e->text));
                return;
            }
            created(account, room);
        });
}

void CreateRoomDialog::created(const QString &account, const QString &room)
{
    Q_EMIT roomCreated(account, room);
    const QString name = m_name->text().trimmed();
    if (preset() == RoomPreset::Custom) {
        m_config = new RoomConfigDialog(m_session, account, room, parentWidget());
        m_config->setAttribute(Qt::WA_DeleteOnClose);
        m_config->setInitialConfiguration(true);
        if (!name.isEmpty())
            m_config->setInitialValues({{QString::fromLatin1(kRoomNameVar), {name}}});
        m_config->show();
        accept();
        return;
    }
    if (name.isEmpty() || name == m_localpart->text().trimmed()) {
        accept();
        return;
    }
    // createRoom() has no name: set it like an owner would in the settings, one round trip.
    m_status->showInfo(tr("Naming the room…"));
    m_session->rooms()
        .roomConfiguration(account, room)
        .then(this, [this, account, room, name](const xmpp::Result<xmpp::DataForm> &r) {
            if (const auto *e = std::get_if<xmpp::Error>(&r))
                return finishWithError(e->text);
            xmpp::DataForm form = std::get<xmpp::DataForm>(r);
            xmpp::DataFormField *field = form.field(QString::fromLatin1(kRoomNameVar));
            if (!field) {
                accept(); // the service has no names; the address is the name
                return;
            }
            field->values = QStringList{name};
            m_session->rooms()
                .submitRoomConfiguration(account, room, form.toSubmit())
                .then(this, [this](const xmpp::Result<xmpp::Success> &s) {
                    if (const auto *e = std::get_if<xmpp::Error>(&s))
                        return finishWithError(e->text);
                    accept();
                });
        });
}

void CreateRoomDialog::finishWithError(const QString &text)
{
    // The room exists: offer nothing to retry that would create it again, only to close.
    m_status->showError(
        tr("The room was created, but its name could not be set: %1 You can change it in the "
           "room's settings.")
            .arg(text));
    m_create->hide();
    m_cancel->setText(tr("Close"));
}

} // namespace parla::ui
