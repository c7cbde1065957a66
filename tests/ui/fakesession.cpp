// SPDX-License-Identifier: GPL-3.0-or-later
// FakeSession: the root that owns the per-area fakes, the sample data they start with, and the
// one record of calls. FakeSearch is here too (it is one function).
#include "fakesession.h"

#include "core/models/roles.h"

#include <QCryptographicHash>

namespace parla::test {

using namespace parla::models;

FakeSession::FakeSession(QObject *parent, bool populateData)
    : Session(parent), m_accounts(std::make_unique<FakeAccounts>(*this)),
      m_chats(std::make_unique<FakeChats>(*this)), m_rooms(std::make_unique<FakeRooms>(*this)),
      m_people(std::make_unique<FakePeople>(*this)), m_search(std::make_unique<FakeSearch>(*this))
{
    if (populateData)
        populate();
}

void FakeSession::populate()
{
    const QString me = QStringLiteral("sam@parla.im");
    const QString work = QStringLiteral("sam.weber@corp.example");
    m_accounts->addAccountRow(me, ConnectionState::Connected, Availability::Online);
    m_accounts->addAccountRow(work, ConnectionState::Failed, Availability::Online,
                              QStringLiteral("The server refused the connection."));
    m_accounts->model().setData(m_accounts->model().index(1, 0), 12, AccountRetryInRole);

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
        m_people->addContactRow(
            me, QString::fromUtf8(c.jid), QString::fromUtf8(c.name),
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
        m_people->addContactRow(
            work, QString::fromUtf8(c.jid), QString::fromUtf8(c.name),
            QString::fromUtf8(c.groups).split(QLatin1Char(','), Qt::SkipEmptyParts), c.a,
            QString::fromUtf8(c.status));
    }
    m_people->addContactRow(me, QStringLiteral("tobias@jabber.example"), QStringLiteral("tobias"),
                            {}, Availability::Offline, {}, true);
    m_people->addContactRow(me, QStringLiteral("ursula@xmpp.example"), QStringLiteral("ursula"), {},
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
        const int r = rowOf(m_people->model(), ContactAccountRole, ContactJidRole, acc, peer);
        it->setData(r >= 0 ? m_people->model().item(r)->data(ContactAvailabilityRole) : 0,
                    ConversationAvailabilityRole);
        it->setData(sampleColor(peer), ConversationColorRole);
        it->setEditable(false);
        m_chats->model().appendRow(it);
    }
    m_chats->setConversationMuted(a, QStringLiteral("dmitri@xmpp.example"),
                                  ChatsApi::mutedForever()); // muted look
    calls.removeLast();                                      // set up, not asked by the UI
    // A conversation showing every delivery state at its end.
    FakeMessageModel *m = m_chats->fakeMessages(a, QStringLiteral("anna@parla.im"));
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

int FakeSession::rowOf(const QStandardItemModel &model, int accountRole, int jidRole,
                       const QString &account, const QString &jid)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        const QStandardItem *it = model.item(r);
        if (it->data(accountRole).toString() == account && it->data(jidRole).toString() == jid)
            return r;
    }
    return -1;
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

FakeSession::~FakeSession() = default;

QColor FakeSession::sampleColor(const QString &id)
{
    // XEP-0392 §5.1: hue from the first two bytes of SHA-1(identifier), little endian.
    const QByteArray h = QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha1);
    const int v = quint8(h[0]) | (quint8(h[1]) << 8);
    return QColor::fromHslF(v / 65536.0, 0.55, 0.52);
}

Task<xmpp::Result<QList<SearchHit>>>
FakeSearch::searchMessages(const QString &text, const SearchFilter &filter, int limit)
{
    m_root.record(QStringLiteral("searchMessages"), {text, filter.account, filter.peer});
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
