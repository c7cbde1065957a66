// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakesession.h"

#include "core/models/roles.h"

#include <QCryptographicHash>
#include <QTimeZone>
#include <QTimer>

namespace parla::test {

using namespace parla::models;

namespace {

/// XEP-0392 §5.1: hue from the first two bytes of SHA-1(identifier), little endian.
QColor consistentColor(const QString &id)
{
    const QByteArray h = QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha1);
    const int v = quint8(h[0]) | (quint8(h[1]) << 8);
    return QColor::fromHslF(v / 65536.0, 0.55, 0.52);
}

QString key(const QString &account, const QString &peer)
{
    return account + QLatin1Char('\n') + peer;
}

const char *const kSamples[] = {
    "Hey! Are you coming tonight?",
    "Sure, I'll be there around 8.",
    "Can you bring the charger I left at your place?",
    "Yes, it's in my bag already 🙂",
    "Did you see the release notes for the new version? The XMPP console finally shows both "
    "directions with colours, and the roster filter is instant even with thousands of contacts.",
    "Nice. Let me try it later.",
    "https://xmpp.org/extensions/xep-0392.html has the colour algorithm",
    "ok",
    "What time works for the call tomorrow?",
    "10:30 is fine for me, otherwise after lunch.",
};

/// A message starts a new group when the sender changes or ten minutes passed.
bool startsGroup(const QStandardItem *prev, const QStandardItem *it)
{
    return prev->data(MessageOutgoingRole) != it->data(MessageOutgoingRole) ||
           prev->data(MessageTimeRole).toDateTime().secsTo(it->data(MessageTimeRole).toDateTime()) >
               600;
}

} // namespace

// --- FakeMessageModel -------------------------------------------------------------------------

FakeMessageModel::FakeMessageModel(QString account, QString peer, int history, QObject *parent)
    : QStandardItemModel(parent), m_account(std::move(account)), m_peer(std::move(peer)),
      m_peerName(m_peer.section(QLatin1Char('@'), 0, 0)), m_remainingHistory(history),
      m_nextOlderId(1000000), m_nextNewerId(1000001),
      // History ends yesterday, so the view shows a day change before today's messages.
      m_oldestTime(QDateTime::currentDateTimeUtc().addDays(-1))
{
    if (!m_peerName.isEmpty())
        m_peerName[0] = m_peerName[0].toUpper();
    // The first page is loaded at once, like a real conversation being opened.
    fetchMore({});
    fetchMoreCalls = 0;
}

bool FakeMessageModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_remainingHistory > 0;
}

void FakeMessageModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    ++fetchMoreCalls;
    const int n = qMin(pageSize, m_remainingHistory);
    QList<QStandardItem *> rows;
    for (int i = 0; i < n; ++i) {
        const qint64 id = m_nextOlderId--;
        m_oldestTime = m_oldestTime.addSecs(-(37 + (id * 7919) % 900));
        const bool outgoing = (id / 3) % 2 == 0;
        const QString body = QString::fromUtf8(kSamples[id % std::size(kSamples)]);
        rows.prepend(makeRow(id, body, outgoing,
                             outgoing ? DeliveryState::Read : DeliveryState::Received, m_oldestTime)
                         .first());
    }
    m_remainingHistory -= n;
    // Insert as one block so views see a single rowsInserted(0, n-1), like the real model.
    // Final grouping before insertion, as a real model would: views size rows once.
    for (int r = 0; r < n; ++r) {
        const QStandardItem *prev = r > 0 ? rows[r - 1] : nullptr;
        rows[r]->setData(!prev || startsGroup(prev, rows[r]), MessageFirstInGroupRole);
    }
    invisibleRootItem()->insertRows(0, rows);
    updateGrouping(n); // the previously oldest message may now continue a group
}

QList<QStandardItem *> FakeMessageModel::makeRow(qint64 id, const QString &body, bool outgoing,
                                                 DeliveryState state, const QDateTime &time) const
{
    auto *it = new QStandardItem(body);
    it->setData(id, MessageIdRole);
    it->setData(body, MessageBodyRole);
    it->setData(time, MessageTimeRole);
    it->setData(outgoing, MessageOutgoingRole);
    it->setData(outgoing ? QStringLiteral("Me") : m_peerName, MessageSenderRole);
    it->setData(int(state), MessageStateRole);
    it->setData(consistentColor(outgoing ? m_account : m_peer), MessageColorRole);
    it->setData(true, MessageFirstInGroupRole);
    it->setEditable(false);
    return {it};
}

void FakeMessageModel::updateGrouping(int row)
{
    QStandardItem *it = item(row);
    if (!it)
        return;
    const QStandardItem *prev = row > 0 ? item(row - 1) : nullptr;
    const bool first = !prev || startsGroup(prev, it);
    if (it->data(MessageFirstInGroupRole).toBool() != first)
        it->setData(first, MessageFirstInGroupRole);
}

qint64 FakeMessageModel::append(const QString &body, bool outgoing, DeliveryState state,
                                const QDateTime &time)
{
    const qint64 id = m_nextNewerId++;
    appendRow(makeRow(id, body, outgoing, state, time));
    updateGrouping(rowCount() - 1);
    return id;
}

int FakeMessageModel::revealMessage(qint64 id)
{
    ++revealCalls;
    QModelIndex found = indexForId(id);
    while (!found.isValid() && canFetchMore({})) {
        fetchMore({});
        found = indexForId(id);
    }
    return found.isValid() ? found.row() : -1;
}

QModelIndex FakeMessageModel::indexForId(qint64 id) const
{
    for (int r = rowCount() - 1; r >= 0; --r) {
        if (item(r)->data(MessageIdRole).toLongLong() == id)
            return index(r, 0);
    }
    return {};
}

void FakeMessageModel::setState(qint64 id, DeliveryState state, const QString &error)
{
    const QModelIndex idx = indexForId(id);
    if (!idx.isValid())
        return;
    setData(idx, error, MessageErrorRole);
    setData(idx, int(state), MessageStateRole);
}

// --- FakeSession ------------------------------------------------------------------------------

FakeSession::FakeSession(QObject *parent, bool populateData) : Session(parent)
{
    if (populateData)
        populate();
}

void FakeSession::populate()
{
    const QString me = QStringLiteral("sam@parla.im");
    const QString work = QStringLiteral("sam.weber@corp.example");
    addAccountRow(me, ConnectionState::Connected, Availability::Online);
    addAccountRow(work, ConnectionState::Failed, Availability::Online,
                  QStringLiteral("The server refused the connection."));
    m_accounts.setData(m_accounts.index(1, 0), 12, AccountRetryInRole);

    struct C
    {
        const char *jid, *name, *groups;
        Availability a;
        const char *status;
    };
    const C contacts[] = {
        {"anna@parla.im", "Anna Berg", "Family", Availability::Online, "Back from holidays"},
        {"ben@jabber.example", "Ben Okafor", "Friends", Availability::Away, "Lunch"},
        {"carla@parla.im", "Carla Mendes", "Friends", Availability::Online, ""},
        {"dmitri@xmpp.example", "Dmitri Ivanov", "Friends,Chess club", Availability::DoNotDisturb,
         "In a meeting until 15:00"},
        {"eve@parla.im", "Eve", "", Availability::Offline, ""},
        {"farah@conversations.example", "Farah Haddad", "Family", Availability::Chat, "☕"},
        {"gustav@parla.im", "Gustav Lind", "Chess club", Availability::ExtendedAway, "Travelling"},
        {"hana@jabber.example", "Hana Sato", "Friends", Availability::Offline, ""},
        {"ivan@xmpp.example", "Ivan Petrov", "Chess club", Availability::Online, ""},
        {"julia@parla.im", "Julia Novak", "Family", Availability::Away, ""},
        {"kofi@jabber.example", "Kofi Mensah", "", Availability::Offline, ""},
        {"lea@parla.im", "Léa Dubois", "Friends", Availability::Online, "Reading"},
        {"mateo@xmpp.example", "Mateo García", "Friends", Availability::Offline, ""},
        {"nina@parla.im", "Nina Kowalski", "Family", Availability::Online, ""},
        {"omar@conversations.example", "Omar Farouk", "", Availability::Offline, ""},
        {"pia@parla.im", "Pia Schmidt", "Chess club", Availability::Away, "brb"},
        {"quinn@jabber.example", "Quinn Taylor", "Friends", Availability::Online, ""},
        {"rosa@parla.im", "Rosa Jiménez", "Family", Availability::Offline, ""},
    };
    for (const C &c : contacts) {
        addContactRow(me, QString::fromUtf8(c.jid), QString::fromUtf8(c.name),
                      QString::fromUtf8(c.groups).split(QLatin1Char(','), Qt::SkipEmptyParts), c.a,
                      QString::fromUtf8(c.status));
    }
    const C workContacts[] = {
        {"alex.kim@corp.example", "Alex Kim", "Team", Availability::Online, "Reviewing PRs"},
        {"bianca.rossi@corp.example", "Bianca Rossi", "Team", Availability::Away, ""},
        {"chen.wei@corp.example", "Chen Wei", "Team", Availability::Online, ""},
        {"dana.cohen@corp.example", "Dana Cohen", "Management", Availability::DoNotDisturb,
         "Focus time"},
        {"erik.berg@corp.example", "Erik Berg", "Team", Availability::Offline, ""},
        {"fatima.ali@corp.example", "Fatima Ali", "Management", Availability::Online, ""},
        {"george.ng@corp.example", "George Ng", "Support", Availability::ExtendedAway, ""},
        {"helpdesk@corp.example", "Helpdesk", "Support", Availability::Online, "24/7"},
        {"ines.moreau@corp.example", "Inès Moreau", "Team", Availability::Offline, ""},
        {"jonas.meyer@corp.example", "Jonas Meyer", "Team", Availability::Online, ""},
    };
    for (const C &c : workContacts) {
        addContactRow(work, QString::fromUtf8(c.jid), QString::fromUtf8(c.name),
                      QString::fromUtf8(c.groups).split(QLatin1Char(','), Qt::SkipEmptyParts), c.a,
                      QString::fromUtf8(c.status));
    }
    addContactRow(me, QStringLiteral("tobias@jabber.example"), QStringLiteral("tobias"), {},
                  Availability::Offline, {}, true);
    addContactRow(me, QStringLiteral("ursula@xmpp.example"), QStringLiteral("ursula"), {},
                  Availability::Offline, {}, true);

    struct Conv
    {
        const char *account, *peer, *title, *last;
        int minutesAgo, unread;
    };
    const QString a = me, w = work;
    const Conv convs[] = {
        {"a", "anna@parla.im", "Anna Berg", "Yes, it's in my bag already 🙂", 2, 2},
        {"w", "alex.kim@corp.example", "Alex Kim", "Merged, thanks! Deploying after lunch.", 14, 0},
        {"a", "dmitri@xmpp.example", "Dmitri Ivanov", "Your move: Nf3", 65, 1},
        {"a", "carla@parla.im", "Carla Mendes", "Photos from Sunday are up", 180, 0},
        {"w", "helpdesk@corp.example", "Helpdesk", "Ticket #4821 was resolved.", 60 * 26, 0},
        {"a", "farah@conversations.example", "Farah Haddad", "See you at the station", 60 * 50, 0},
        {"a", "ben@jabber.example", "Ben Okafor", "ok", 60 * 24 * 4, 0},
        {"a", "lea@parla.im", "Léa Dubois", "Merci beaucoup !", 60 * 24 * 9, 0},
    };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Conv &c : convs) {
        auto *it = new QStandardItem(QString::fromUtf8(c.title));
        const QString acc = QLatin1String(c.account) == QLatin1String("a") ? a : w;
        const QString peer = QString::fromUtf8(c.peer);
        it->setData(acc, ConversationAccountRole);
        it->setData(peer, ConversationPeerRole);
        it->setData(QString::fromUtf8(c.title), ConversationTitleRole);
        it->setData(QString::fromUtf8(c.last), ConversationLastTextRole);
        it->setData(now.addSecs(-60 * c.minutesAgo), ConversationLastTimeRole);
        it->setData(c.unread, ConversationUnreadRole);
        const int r = rowOf(m_roster, ContactAccountRole, ContactJidRole, acc, peer);
        it->setData(r >= 0 ? m_roster.item(r)->data(ContactAvailabilityRole) : 0,
                    ConversationAvailabilityRole);
        it->setData(consistentColor(peer), ConversationColorRole);
        it->setEditable(false);
        m_conversations.appendRow(it);
    }
    setConversationMuted(a, QStringLiteral("dmitri@xmpp.example"), mutedForever()); // muted look
    calls.removeLast(); // set up, not asked by the UI
    // A conversation showing every delivery state at its end.
    FakeMessageModel *m = fakeMessages(a, QStringLiteral("anna@parla.im"));
    const QDateTime t = now.addSecs(-60 * 9);
    m->append(QStringLiteral("Did you book the table?"), true, DeliveryState::Read, t);
    m->append(QStringLiteral("Yes! 8 pm at Lupo. I also invited Carla and Ben, hope that's fine."),
              false, DeliveryState::Received, t.addSecs(60));
    m->append(QStringLiteral("Perfect 👍"), true, DeliveryState::Delivered, t.addSecs(120));
    m->append(QStringLiteral("Can you bring the charger I left at your place?"), true,
              DeliveryState::Sent, t.addSecs(180));
    const qint64 failed = m->append(QStringLiteral("And the book, if you finished it"), true,
                                    DeliveryState::Pending, t.addSecs(200));
    m->setState(failed, DeliveryState::Failed,
                QStringLiteral("The recipient's server could not be reached."));
    m->append(QStringLiteral("On my way, see you in 10 minutes"), true, DeliveryState::Pending,
              t.addSecs(240));
    m->append(QStringLiteral("Yes, it's in my bag already 🙂"), false, DeliveryState::Received,
              now.addSecs(-120));
}

void FakeSession::addAccountRow(const QString &jid, ConnectionState state,
                                Availability availability, const QString &error)
{
    auto *it = new QStandardItem(jid);
    it->setData(jid, AccountJidRole);
    it->setData(int(state), AccountStateRole);
    it->setData(error, AccountErrorRole);
    it->setData(int(availability), AccountAvailabilityRole);
    it->setData(-1, AccountRetryInRole);
    it->setEditable(false);
    m_accounts.appendRow(it);
}

void FakeSession::addContactRow(const QString &account, const QString &jid, const QString &name,
                                const QStringList &groups, Availability availability,
                                const QString &status, bool request)
{
    auto *it = new QStandardItem(name.isEmpty() ? jid : name);
    it->setData(jid, ContactJidRole);
    it->setData(name.isEmpty() ? jid.section(QLatin1Char('@'), 0, 0) : name, ContactNameRole);
    it->setData(groups, ContactGroupsRole);
    it->setData(int(availability), ContactAvailabilityRole);
    it->setData(status, ContactStatusTextRole);
    it->setData(request ? QStringLiteral("none") : QStringLiteral("both"), ContactSubscriptionRole);
    it->setData(false, ContactPendingOutRole);
    it->setData(request, ContactRequestRole);
    it->setData(
        availability == Availability::Offline
            ? QStringList()
            : QStringList{QStringLiteral("phone (0) ") + QString::number(int(availability))},
        ContactResourcesRole);
    it->setData(account, ContactAccountRole);
    it->setData(consistentColor(jid), ContactColorRole);
    it->setEditable(false);
    m_roster.appendRow(it);
}

int FakeSession::rowOf(const QStandardItemModel &model, int accountRole, int jidRole,
                       const QString &account, const QString &jid) const
{
    for (int r = 0; r < model.rowCount(); ++r) {
        const QStandardItem *it = model.item(r);
        if (it->data(accountRole).toString() == account && it->data(jidRole).toString() == jid)
            return r;
    }
    return -1;
}

FakeMessageModel *FakeSession::fakeMessages(const QString &account, const QString &peer)
{
    FakeMessageModel *&m = m_messages[key(account, peer)];
    if (!m)
        m = new FakeMessageModel(account, peer, 300, this);
    return m;
}

QAbstractItemModel *FakeSession::messageModel(const QString &account, const QString &peer)
{
    return fakeMessages(account, peer);
}

void FakeSession::record(const QString &name, const QStringList &args)
{
    calls.append({name, args});
}

QStringList FakeSession::callNames() const
{
    QStringList out;
    for (const Call &c : calls)
        out << c.name;
    return out;
}

std::optional<FakeSession::Call> FakeSession::lastCall(const QString &name) const
{
    for (auto it = calls.rbegin(); it != calls.rend(); ++it) {
        if (it->name == name)
            return *it;
    }
    return std::nullopt;
}

Task<xmpp::Result<xmpp::Success>> FakeSession::addAccount(const AccountSpec &spec,
                                                          const QString &password)
{
    lastSpec = spec;
    lastPassword = password;
    record(QStringLiteral("addAccount"),
           {spec.jid, spec.resource, spec.host, QString::number(spec.port),
            spec.directTls ? QStringLiteral("tls") : QString()});
    if (addAccountResult) {
        if (xmpp::isOk(*addAccountResult))
            addAccountRow(spec.jid, ConnectionState::Connected, Availability::Online);
        return makeReadyTask(*addAccountResult);
    }
    pendingAddAccount = {};
    return pendingAddAccount.task();
}

Task<xmpp::Result<RegistrationForm>> FakeSession::fetchRegistrationForm(const AccountSpec &server)
{
    lastSpec = server;
    record(QStringLiteral("fetchRegistrationForm"), {server.jid});
    return makeReadyTask(registrationFormResult.value_or(sampleForm(server.jid)));
}

Task<xmpp::Result<xmpp::Success>> FakeSession::registerAccount(const AccountSpec &server,
                                                               const RegistrationForm &filled)
{
    lastSpec = server;
    lastSubmittedForm = filled;
    record(QStringLiteral("registerAccount"), {server.jid});
    return makeReadyTask(registerResult.value_or(xmpp::Result<xmpp::Success>(xmpp::Success{})));
}

RegistrationForm FakeSession::sampleForm(const QString &domain)
{
    RegistrationForm f;
    f.domain = domain;
    f.instructions =
        QStringLiteral("Choose a user name and password to register with this server.");
    f.isDataForm = true;
    f.formType = QStringLiteral("jabber:iq:register");
    using T = FormField::Type;
    f.fields = {
        {T::Hidden,
         QStringLiteral("FORM_TYPE"),
         {},
         QStringLiteral("jabber:iq:register"),
         false,
         {},
         {}},
        {T::Fixed,
         {},
         {},
         QStringLiteral("Your address will be username@") + domain,
         false,
         {},
         {}},
        {T::Text, QStringLiteral("username"), QStringLiteral("User name"), {}, true, {}, {}},
        {T::Password, QStringLiteral("password"), QStringLiteral("Password"), {}, true, {}, {}},
        {T::Text,
         QStringLiteral("email"),
         QStringLiteral("Email (for password recovery)"),
         {},
         false,
         {},
         {}},
        {T::List,
         QStringLiteral("lang"),
         QStringLiteral("Language"),
         QStringLiteral("en"),
         false,
         {QStringLiteral("en"), QStringLiteral("de")},
         {QStringLiteral("English"), QStringLiteral("Deutsch")}},
        {T::MultiText, QStringLiteral("about"), QStringLiteral("About you"), {}, false, {}, {}},
        {T::Boolean,
         QStringLiteral("tos"),
         QStringLiteral("I accept the terms of service"),
         QStringLiteral("0"),
         true,
         {},
         {}},
    };
    return f;
}

void FakeSession::removeAccount(const QString &account)
{
    record(QStringLiteral("removeAccount"), {account});
    for (int r = 0; r < m_accounts.rowCount(); ++r) {
        if (m_accounts.item(r)->data(AccountJidRole).toString() == account) {
            m_accounts.removeRow(r);
            break;
        }
    }
}

void FakeSession::setAccountEnabled(const QString &account, bool enabled)
{
    record(QStringLiteral("setAccountEnabled"),
           {account, enabled ? QStringLiteral("true") : QStringLiteral("false")});
    setAccountState(account, enabled ? ConnectionState::Connecting : ConnectionState::Disconnected);
}

void FakeSession::setAccountState(const QString &account, ConnectionState state,
                                  const QString &error)
{
    for (int r = 0; r < m_accounts.rowCount(); ++r) {
        QStandardItem *it = m_accounts.item(r);
        if (it->data(AccountJidRole).toString() == account) {
            it->setData(error, AccountErrorRole);
            it->setData(int(state), AccountStateRole);
        }
    }
}

void FakeSession::retryAccount(const QString &account)
{
    record(QStringLiteral("retryAccount"), {account});
    setAccountState(account, ConnectionState::Connecting);
}

void FakeSession::setAvailability(const QString &account, Availability availability,
                                  const QString &status)
{
    record(QStringLiteral("setAvailability"),
           {account, QString::number(int(availability)), status});
    for (int r = 0; r < m_accounts.rowCount(); ++r) {
        QStandardItem *it = m_accounts.item(r);
        if (account.isEmpty() || it->data(AccountJidRole).toString() == account)
            it->setData(int(availability), AccountAvailabilityRole);
    }
}

void FakeSession::decideCertificate(const QString &account, const QString &fingerprint, bool pin)
{
    record(QStringLiteral("decideCertificate"),
           {account, fingerprint, pin ? QStringLiteral("pin") : QStringLiteral("reject")});
}

void FakeSession::addContact(const QString &account, const QString &jid, const QString &name,
                             const QStringList &groups)
{
    record(QStringLiteral("addContact"), {account, jid, name, groups.join(QLatin1Char(','))});
    addContactRow(account, jid, name, groups, Availability::Offline);
}

void FakeSession::removeContact(const QString &account, const QString &jid)
{
    record(QStringLiteral("removeContact"), {account, jid});
    const int r = rowOf(m_roster, ContactAccountRole, ContactJidRole, account, jid);
    if (r >= 0)
        m_roster.removeRow(r);
}

void FakeSession::renameContact(const QString &account, const QString &jid, const QString &name)
{
    record(QStringLiteral("renameContact"), {account, jid, name});
    const int r = rowOf(m_roster, ContactAccountRole, ContactJidRole, account, jid);
    if (r >= 0)
        m_roster.item(r)->setData(name, ContactNameRole);
}

void FakeSession::setContactGroups(const QString &account, const QString &jid,
                                   const QStringList &groups)
{
    record(QStringLiteral("setContactGroups"), {account, jid, groups.join(QLatin1Char(','))});
    const int r = rowOf(m_roster, ContactAccountRole, ContactJidRole, account, jid);
    if (r >= 0)
        m_roster.item(r)->setData(groups, ContactGroupsRole);
}

void FakeSession::answerSubscription(const QString &account, const QString &jid, bool accept)
{
    record(QStringLiteral("answerSubscription"),
           {account, jid, accept ? QStringLiteral("accept") : QStringLiteral("decline")});
    const int r = rowOf(m_roster, ContactAccountRole, ContactJidRole, account, jid);
    if (r < 0)
        return;
    if (accept) {
        m_roster.item(r)->setData(QStringLiteral("from"), ContactSubscriptionRole);
        m_roster.item(r)->setData(false, ContactRequestRole);
    } else {
        m_roster.removeRow(r);
    }
}

void FakeSession::openConversation(const QString &account, const QString &peer)
{
    record(QStringLiteral("openConversation"), {account, peer});
    if (rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole, account, peer) >= 0)
        return;
    const int c = rowOf(m_roster, ContactAccountRole, ContactJidRole, account, peer);
    auto *it = new QStandardItem(peer);
    it->setData(account, ConversationAccountRole);
    it->setData(peer, ConversationPeerRole);
    it->setData(c >= 0 ? m_roster.item(c)->data(ContactNameRole).toString() : peer,
                ConversationTitleRole);
    it->setData(QString(), ConversationLastTextRole);
    it->setData(QDateTime::currentDateTimeUtc(), ConversationLastTimeRole);
    it->setData(0, ConversationUnreadRole);
    it->setData(c >= 0 ? m_roster.item(c)->data(ContactAvailabilityRole) : 0,
                ConversationAvailabilityRole);
    it->setData(consistentColor(peer), ConversationColorRole);
    m_conversations.insertRow(0, it);
}

void FakeSession::closeConversation(const QString &account, const QString &peer)
{
    record(QStringLiteral("closeConversation"), {account, peer});
    const int r =
        rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole, account, peer);
    if (r >= 0)
        m_conversations.removeRow(r);
}

void FakeSession::sendMessage(const QString &account, const QString &peer, const QString &text)
{
    record(QStringLiteral("sendMessage"), {account, peer, text});
    FakeMessageModel *m = fakeMessages(account, peer);
    const qint64 id = m->append(text, true, DeliveryState::Pending);
    const int r =
        rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole, account, peer);
    if (r >= 0) {
        m_conversations.item(r)->setData(text, ConversationLastTextRole);
        m_conversations.item(r)->setData(QDateTime::currentDateTimeUtc(), ConversationLastTimeRole);
    }
    if (simulateDelivery) {
        QTimer::singleShot(400, m, [m, id] { m->setState(id, DeliveryState::Sent); });
        QTimer::singleShot(1200, m, [m, id] { m->setState(id, DeliveryState::Delivered); });
        QTimer::singleShot(2500, m, [m, id] { m->setState(id, DeliveryState::Read); });
    }
}

void FakeSession::retryMessage(const QString &account, qint64 messageId)
{
    record(QStringLiteral("retryMessage"), {account, QString::number(messageId)});
    for (FakeMessageModel *m : std::as_const(m_messages)) {
        if (m->indexForId(messageId).isValid())
            m->setState(messageId, DeliveryState::Pending);
    }
}

void FakeSession::correctMessage(const QString &account, qint64 messageId, const QString &text)
{
    record(QStringLiteral("correctMessage"), {account, QString::number(messageId), text});
}

void FakeSession::retractMessage(const QString &account, qint64 messageId)
{
    record(QStringLiteral("retractMessage"), {account, QString::number(messageId)});
}

void FakeSession::sendReply(const QString &account, const QString &peer, qint64 replyTo,
                            const QString &text)
{
    record(QStringLiteral("sendReply"), {account, peer, QString::number(replyTo), text});
}

void FakeSession::toggleReaction(const QString &account, qint64 messageId, const QString &emoji)
{
    record(QStringLiteral("toggleReaction"), {account, QString::number(messageId), emoji});
}

void FakeSession::setChatState(const QString &account, const QString &peer, xmpp::ChatState state)
{
    record(QStringLiteral("setChatState"), {account, peer, QString::number(int(state))});
}

void FakeSession::markRead(const QString &account, const QString &peer)
{
    record(QStringLiteral("markRead"), {account, peer});
    const int r =
        rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole, account, peer);
    if (r >= 0 && m_conversations.item(r)->data(ConversationUnreadRole).toInt() != 0)
        m_conversations.item(r)->setData(0, ConversationUnreadRole);
}

void FakeSession::setConversationMuted(const QString &account, const QString &peer,
                                       const QDateTime &until)
{
    record(QStringLiteral("setConversationMuted"),
           {account, peer, until.isValid() ? until.toString(Qt::ISODate) : QString()});
    const int r =
        rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole, account, peer);
    if (r < 0)
        return;
    const bool muted = until.isValid() && until > QDateTime::currentDateTimeUtc();
    m_conversations.item(r)->setData(muted ? until : QDateTime(), ConversationMutedUntilRole);
    m_conversations.item(r)->setData(muted, ConversationMutedRole);
}

QDateTime FakeSession::conversationMutedUntil(const QString &account, const QString &peer)
{
    const int r =
        rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole, account, peer);
    const QDateTime until =
        r < 0 ? QDateTime()
              : m_conversations.item(r)->data(ConversationMutedUntilRole).toDateTime();
    return until.isValid() && until > QDateTime::currentDateTimeUtc() ? until : QDateTime();
}

xmpp::Result<xmpp::Success> FakeSession::sendRawXml(const QString &account, const QString &xml)
{
    record(QStringLiteral("sendRawXml"), {account, xml});
    if (rawXmlResult)
        return *rawXmlResult;
    Q_EMIT xmlTraffic(account, false, xml.toUtf8());
    return xmpp::Success{};
}

void FakeSession::receive(const QString &account, const QString &peer, const QString &text)
{
    fakeMessages(account, peer)->append(text, false, DeliveryState::Received);
    const int r =
        rowOf(m_conversations, ConversationAccountRole, ConversationPeerRole, account, peer);
    if (r >= 0) {
        QStandardItem *it = m_conversations.item(r);
        it->setData(text, ConversationLastTextRole);
        it->setData(QDateTime::currentDateTimeUtc(), ConversationLastTimeRole);
        it->setData(it->data(ConversationUnreadRole).toInt() + 1, ConversationUnreadRole);
        Q_EMIT messageNotified(account, peer, it->data(ConversationTitleRole).toString(), text);
    }
}

Task<xmpp::Result<QList<SearchHit>>>
FakeSession::searchMessages(const QString &text, const SearchFilter &filter, int limit)
{
    record(QStringLiteral("searchMessages"), {text, filter.account, filter.peer});
    QList<SearchHit> hits;
    const QString needle = text.trimmed();
    for (const SearchHit &h : std::as_const(searchCorpus)) {
        if (needle.isEmpty() || hits.size() >= limit)
            break;
        if ((!filter.account.isEmpty() && h.account != filter.account) ||
            (!filter.peer.isEmpty() && h.peer != filter.peer))
            continue;
        const int at = int(h.snippet.indexOf(needle, 0, Qt::CaseInsensitive));
        if (at < 0)
            continue;
        SearchHit hit = h;
        hit.matches = {{at, int(needle.size())}};
        hits.append(hit);
    }
    return makeReadyTask<xmpp::Result<QList<SearchHit>>>(hits);
}

} // namespace parla::test
