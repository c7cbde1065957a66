// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakesession.h"

#include "ui/conversationfilterproxy.h"
#include "ui/rosterproxymodels.h"

#include "core/models/roles.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace parla;
using namespace parla::models;

namespace {
const QString kAccount = QStringLiteral("sam@parla.im");
constexpr auto kMode = QAbstractItemModelTester::FailureReportingMode::QtTest;

QStandardItem *contact(QStandardItemModel *roster, const QString &jid)
{
    for (int r = 0; r < roster->rowCount(); ++r) {
        if (roster->item(r)->data(ContactJidRole).toString() == jid)
            return roster->item(r);
    }
    return nullptr;
}
} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rosterFilterProxy()
    {
        test::FakeSession session;
        ui::RosterFilterProxy proxy;
        proxy.setSourceModel(session.people().rosterModel());
        QAbstractItemModelTester tester(&proxy, kMode);
        auto *roster = static_cast<QStandardItemModel *>(session.people().rosterModel());

        proxy.setFilterText(QStringLiteral("an"));
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const QModelIndex i = proxy.index(r, 0);
            QVERIFY(i.data(ContactNameRole)
                        .toString()
                        .contains(QStringLiteral("an"), Qt::CaseInsensitive) ||
                    i.data(ContactJidRole).toString().contains(QStringLiteral("an")));
        }
        session.people().addContact(kAccount, QStringLiteral("hannah@example.org"),
                                    QStringLiteral("Hannah"), {});
        QVERIFY(proxy.match(proxy.index(0, 0), ContactJidRole, QStringLiteral("hannah@example.org"))
                    .size() == 1);
        contact(roster, QStringLiteral("anna@parla.im"))
            ->setData(int(Availability::Offline), ContactAvailabilityRole);
        session.people().removeContact(kAccount, QStringLiteral("hannah@example.org"));
        proxy.setAccountFilter(QStringLiteral("sam.weber@corp.example"));
        QVERIFY(proxy.rowCount() > 0);
        for (int r = 0; r < proxy.rowCount(); ++r)
            QCOMPARE(proxy.index(r, 0).data(ContactAccountRole).toString(),
                     QStringLiteral("sam.weber@corp.example"));
        proxy.setFilterText({});
        proxy.setAccountFilter({});
        QCOMPARE(proxy.rowCount(), roster->rowCount());
    }

    void rosterGroupModel()
    {
        test::FakeSession session;
        ui::RosterFilterProxy proxy;
        proxy.setSourceModel(session.people().rosterModel());
        ui::RosterGroupModel groups;
        groups.setSourceModel(&proxy);
        QAbstractItemModelTester tester(&groups, kMode);
        auto *roster = static_cast<QStandardItemModel *>(session.people().rosterModel());

        // Requests first, then named groups alphabetically, ungrouped last.
        QStringList names;
        for (int r = 0; r < groups.rowCount(); ++r)
            names << groups.index(r, 0).data().toString();
        QCOMPARE(names.first(), ui::RosterGroupModel::requestsGroupName());
        QCOMPARE(names.last(), ui::RosterGroupModel::noGroupName());
        QStringList named = names.mid(1, names.size() - 2);
        QStringList sorted = named;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(named, sorted);

        // Dmitri is in two groups and appears under both.
        int dmitri = 0;
        for (int g = 0; g < groups.rowCount(); ++g) {
            const QModelIndex group = groups.index(g, 0);
            QVERIFY(group.data(ui::RosterGroupModel::GroupHeaderRole).toBool());
            QCOMPARE(group.data(ui::RosterGroupModel::GroupCountRole).toInt(),
                     groups.rowCount(group));
            for (int c = 0; c < groups.rowCount(group); ++c) {
                const QModelIndex i = groups.index(c, 0, group);
                QVERIFY(!i.data(ui::RosterGroupModel::GroupHeaderRole).toBool());
                QCOMPARE(groups.mapToSource(i).data(ContactJidRole), i.data(ContactJidRole));
                dmitri +=
                    i.data(ContactJidRole).toString() == QStringLiteral("dmitri@xmpp.example");
            }
        }
        QCOMPARE(dmitri, 2);

        // Changes of every kind keep the model consistent (the tester checks each signal).
        contact(roster, QStringLiteral("anna@parla.im"))
            ->setData(QStringLiteral("At work"), ContactStatusTextRole);
        contact(roster, QStringLiteral("anna@parla.im"))
            ->setData(int(Availability::Away), ContactAvailabilityRole);
        session.people().setContactGroups(kAccount, QStringLiteral("eve@parla.im"),
                                          {QStringLiteral("Zebra")});
        QCOMPARE(groups.index(groups.rowCount() - 2, 0).data().toString(), QStringLiteral("Zebra"));
        session.people().answerSubscription(kAccount, QStringLiteral("tobias@jabber.example"),
                                            true);
        session.people().answerSubscription(kAccount, QStringLiteral("ursula@xmpp.example"), false);
        QVERIFY(groups.index(0, 0).data().toString() != ui::RosterGroupModel::requestsGroupName());
        proxy.setFilterText(QStringLiteral("corp"));
        for (int g = 0; g < groups.rowCount(); ++g)
            QVERIFY(groups.rowCount(groups.index(g, 0)) > 0); // no empty groups
        proxy.setFilterText(QStringLiteral("nobody-matches-this"));
        QCOMPARE(groups.rowCount(), 0);
    }

    void conversationFilterProxy()
    {
        test::FakeSession session;
        ui::ConversationFilterProxy proxy;
        proxy.setSourceModel(session.chats().conversationModel());
        QAbstractItemModelTester tester(&proxy, kMode);
        QCOMPARE(proxy.rowCount(), session.chats().conversationModel()->rowCount());
        proxy.setFilterText(QStringLiteral("HELP"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(ConversationPeerRole).toString(),
                 QStringLiteral("helpdesk@corp.example"));
        proxy.setFilterText(QStringLiteral("xmpp.example")); // by JID
        QCOMPARE(proxy.rowCount(), 1);
        session.chats().openConversation(kAccount, QStringLiteral("ivan@xmpp.example"));
        QCOMPARE(proxy.rowCount(), 2);
        session.chats().receive(kAccount, QStringLiteral("ivan@xmpp.example"),
                                QStringLiteral("hi"));
        session.chats().closeConversation(kAccount, QStringLiteral("dmitri@xmpp.example"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterText({});
        QCOMPARE(proxy.rowCount(), session.chats().conversationModel()->rowCount());
    }

    void fakeMessageModelPaging()
    {
        // The fake behaves like the documented MessageModel: oldest first, pages via fetchMore.
        test::FakeMessageModel model(kAccount, QStringLiteral("anna@parla.im"), 100);
        QCOMPARE(model.rowCount(), 40);
        const QDateTime oldest = model.index(0, 0).data(MessageTimeRole).toDateTime();
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 80);
        QVERIFY(model.index(0, 0).data(MessageTimeRole).toDateTime() < oldest);
        // The tester itself calls fetchMore() once: the last 20 arrive while it watches.
        QAbstractItemModelTester tester(&model, kMode);
        QCOMPARE(model.rowCount(), 100);
        model.append(QStringLiteral("new"), true, DeliveryState::Pending);
        model.setState(model.index(100, 0).data(MessageIdRole).toLongLong(), DeliveryState::Sent);
        QCOMPARE(model.rowCount(), 101);
        QVERIFY(!model.canFetchMore({}));
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.index(r - 1, 0).data(MessageTimeRole).toDateTime() <=
                    model.index(r, 0).data(MessageTimeRole).toDateTime());
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
