// SPDX-License-Identifier: GPL-3.0-or-later
// DataFormWidget: every XEP-0004 §3.3 field type renders with its editor and gives its values
// back; required and address validation in plain words; hidden fields kept; keyboard order;
// a form of 200 fields.
#include "ui/dataformwidget.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>

using namespace parla;
using namespace parla::ui;
using xmpp::DataForm;
using xmpp::DataFormField;
using T = xmpp::DataFormField::Type;

namespace {

DataFormField makeField(T type, const QString &var, const QStringList &values,
                        const QString &label = {}, bool required = false)
{
    DataFormField f;
    f.type = type;
    f.var = var;
    f.values = values;
    f.label = label.isEmpty() ? var : label;
    f.required = required;
    return f;
}

/// One field of every type, each with a value, as a server would send them.
DataForm everyType()
{
    DataForm form;
    form.title = QStringLiteral("Configuration for club@conference.example.org");
    form.instructions << QStringLiteral("Complete and submit this form.");
    auto &fs = form.fields;
    fs.push_back(makeField(T::Hidden, QStringLiteral("FORM_TYPE"),
                           {QStringLiteral("http://jabber.org/protocol/muc#roomconfig")}));
    DataFormField fixed = makeField(T::Fixed, {}, {QStringLiteral("Room information")});
    fixed.label.clear();
    fs.push_back(fixed);
    fs.push_back(makeField(T::Boolean, QStringLiteral("persistent"), {QStringLiteral("1")},
                           QStringLiteral("Persistent")));
    fs.push_back(makeField(T::JidSingle, QStringLiteral("owner"),
                           {QStringLiteral("anna@example.org")}, QStringLiteral("Owner")));
    fs.push_back(makeField(T::JidMulti, QStringLiteral("admins"),
                           {QStringLiteral("bob@example.org"), QStringLiteral("carl@example.org")},
                           QStringLiteral("Admins")));
    DataFormField whois = makeField(T::ListSingle, QStringLiteral("whois"),
                                    {QStringLiteral("anyone")}, QStringLiteral("Who sees JIDs"));
    whois.options = {{QStringLiteral("Moderators only"), QStringLiteral("moderators")},
                     {QStringLiteral("Anyone"), QStringLiteral("anyone")}};
    fs.push_back(whois);
    DataFormField roles = makeField(T::ListMulti, QStringLiteral("roles"),
                                    {QStringLiteral("participant"), QStringLiteral("moderator")},
                                    QStringLiteral("Show roles"));
    roles.options = {{QStringLiteral("Visitors"), QStringLiteral("visitor")},
                     {QStringLiteral("Participants"), QStringLiteral("participant")},
                     {QStringLiteral("Moderators"), QStringLiteral("moderator")}};
    fs.push_back(roles);
    fs.push_back(makeField(T::TextMulti, QStringLiteral("rules"),
                           {QStringLiteral("Be kind."), QStringLiteral("Stay on topic.")},
                           QStringLiteral("Rules")));
    fs.push_back(makeField(T::TextPrivate, QStringLiteral("secret"), {QStringLiteral("hunter2")},
                           QStringLiteral("Password")));
    DataFormField name = makeField(T::TextSingle, QStringLiteral("name"),
                                   {QStringLiteral("Book club")}, QStringLiteral("Title"));
    name.description = QStringLiteral("The name people see");
    fs.push_back(name);
    return form;
}

} // namespace

class TestDataForm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyFieldTypeRendersWithItsEditor()
    {
        DataFormWidget w;
        w.setForm(everyType());
        QVERIFY(!w.editorFor(QStringLiteral("FORM_TYPE"))); // hidden: no editor
        auto *box = qobject_cast<QCheckBox *>(w.editorFor(QStringLiteral("persistent")));
        QVERIFY(box);
        QVERIFY(box->isChecked());
        auto *owner = qobject_cast<QLineEdit *>(w.editorFor(QStringLiteral("owner")));
        QVERIFY(owner);
        QCOMPARE(owner->text(), QStringLiteral("anna@example.org"));
        auto *admins = qobject_cast<QPlainTextEdit *>(w.editorFor(QStringLiteral("admins")));
        QVERIFY(admins);
        QCOMPARE(admins->toPlainText(), QStringLiteral("bob@example.org\ncarl@example.org"));
        auto *whois = qobject_cast<QComboBox *>(w.editorFor(QStringLiteral("whois")));
        QVERIFY(whois);
        QCOMPARE(whois->count(), 2);
        QCOMPARE(whois->currentText(), QStringLiteral("Anyone")); // the label, not the value
        auto *roles = qobject_cast<QListWidget *>(w.editorFor(QStringLiteral("roles")));
        QVERIFY(roles);
        QCOMPARE(roles->count(), 3);
        QCOMPARE(roles->item(0)->text(), QStringLiteral("Visitors"));
        QCOMPARE(roles->item(0)->checkState(), Qt::Unchecked);
        QCOMPARE(roles->item(1)->checkState(), Qt::Checked);
        QCOMPARE(roles->item(2)->checkState(), Qt::Checked);
        auto *rules = qobject_cast<QPlainTextEdit *>(w.editorFor(QStringLiteral("rules")));
        QVERIFY(rules);
        QCOMPARE(rules->toPlainText(), QStringLiteral("Be kind.\nStay on topic."));
        auto *secret = qobject_cast<QLineEdit *>(w.editorFor(QStringLiteral("secret")));
        QVERIFY(secret);
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        auto *name = qobject_cast<QLineEdit *>(w.editorFor(QStringLiteral("name")));
        QVERIFY(name);
        QCOMPARE(name->echoMode(), QLineEdit::Normal);
        // <desc/> is the tooltip, the accessible description and a line of help text.
        QCOMPARE(name->toolTip(), QStringLiteral("The name people see"));
        QCOMPARE(name->accessibleDescription(), QStringLiteral("The name people see"));
        QStringList texts;
        for (QLabel *l : w.findChildren<QLabel *>())
            texts << l->text();
        QVERIFY(texts.contains(QStringLiteral("The name people see")));
        QVERIFY(texts.contains(QStringLiteral("Configuration for club@conference.example.org")));
        QVERIFY(texts.contains(QStringLiteral("Complete and submit this form.")));
        // The fixed field is a section heading; the hidden value is shown nowhere.
        auto *section = w.findChild<QLabel *>(QStringLiteral("FormSection"));
        QVERIFY(section);
        QCOMPARE(section->text(), QStringLiteral("Room information"));
        QVERIFY(!texts.contains(QStringLiteral("http://jabber.org/protocol/muc#roomconfig")));
        // The long form scrolls inside the widget.
        QVERIFY(w.findChild<QScrollArea *>());
    }

    void untouchedFormRoundTrips()
    {
        DataFormWidget w;
        const DataForm form = everyType();
        w.setForm(form);
        QCOMPARE(w.filled(), form);
        QVERIFY(w.isValid());
    }

    void editedValuesComeBack()
    {
        DataFormWidget w;
        w.setForm(everyType());
        qobject_cast<QCheckBox *>(w.editorFor(QStringLiteral("persistent")))->setChecked(false);
        auto *owner = qobject_cast<QLineEdit *>(w.editorFor(QStringLiteral("owner")));
        owner->clear();
        QTest::keyClicks(owner, QStringLiteral("dora@example.org"));
        qobject_cast<QPlainTextEdit *>(w.editorFor(QStringLiteral("admins")))
            ->setPlainText(QStringLiteral("  eve@example.org \n\nfred@example.org\n"));
        qobject_cast<QComboBox *>(w.editorFor(QStringLiteral("whois")))->setCurrentIndex(0);
        auto *roles = qobject_cast<QListWidget *>(w.editorFor(QStringLiteral("roles")));
        roles->item(0)->setCheckState(Qt::Checked);
        roles->item(2)->setCheckState(Qt::Unchecked);
        qobject_cast<QPlainTextEdit *>(w.editorFor(QStringLiteral("rules")))->clear();
        auto *secret = qobject_cast<QLineEdit *>(w.editorFor(QStringLiteral("secret")));
        secret->clear();
        QTest::keyClicks(secret, QStringLiteral("s3cret & more"));

        const DataForm out = w.filled();
        QCOMPARE(out.field(u"persistent")->values, QStringList{QStringLiteral("0")});
        QCOMPARE(out.field(u"owner")->values, QStringList{QStringLiteral("dora@example.org")});
        QCOMPARE(out.field(u"admins")->values, (QStringList{QStringLiteral("eve@example.org"),
                                                            QStringLiteral("fred@example.org")}));
        QCOMPARE(out.field(u"whois")->values, QStringList{QStringLiteral("moderators")});
        QCOMPARE(out.field(u"roles")->values,
                 (QStringList{QStringLiteral("visitor"), QStringLiteral("participant")}));
        QVERIFY(out.field(u"rules")->values.isEmpty());
        QCOMPARE(out.field(u"secret")->values, QStringList{QStringLiteral("s3cret & more")});
        QCOMPARE(out.field(u"name")->values, QStringList{QStringLiteral("Book club")});

        // Ready for toSubmit(): FORM_TYPE goes back, the fixed text does not.
        const DataForm submit = out.toSubmit();
        QCOMPARE(submit.type, DataForm::Type::Submit);
        QCOMPARE(submit.formType(), QStringLiteral("http://jabber.org/protocol/muc#roomconfig"));
        for (const DataFormField &f : submit.fields)
            QVERIFY(f.type != T::Fixed);
        QCOMPARE(submit.field(u"owner")->values, QStringList{QStringLiteral("dora@example.org")});
    }

    void editingEmitsEdited()
    {
        DataFormWidget w;
        w.setForm(everyType());
        int edits = 0;
        connect(&w, &DataFormWidget::edited, this, [&edits] { ++edits; });
        QTest::keyClicks(w.editorFor(QStringLiteral("name")), QStringLiteral("!"));
        qobject_cast<QCheckBox *>(w.editorFor(QStringLiteral("persistent")))->toggle();
        QCOMPARE(edits, 2);
    }

    void requiredFieldsAreMarkedAndChecked()
    {
        DataForm form;
        form.fields.push_back(
            makeField(T::TextSingle, QStringLiteral("nick"), {}, QStringLiteral("Nickname"), true));
        DataFormField role =
            makeField(T::ListSingle, QStringLiteral("role"), {}, QStringLiteral("Role"), true);
        role.options = {{QStringLiteral("Visitor"), QStringLiteral("visitor")},
                        {QStringLiteral("Participant"), QStringLiteral("participant")}};
        form.fields.push_back(role);
        form.fields.push_back(
            makeField(T::Boolean, QStringLiteral("agree"), {}, QStringLiteral("Agree"), true));
        form.fields.push_back(makeField(T::TextSingle, QStringLiteral("optional"), {}));
        DataFormWidget w;
        w.setForm(form);

        QWidget *nick = w.editorFor(QStringLiteral("nick"));
        QCOMPARE(nick->accessibleName(), QStringLiteral("Nickname, required"));
        QCOMPARE(w.editorFor(QStringLiteral("optional"))->accessibleName(),
                 QStringLiteral("optional"));
        // The visible label carries the mark and points at its editor.
        QLabel *nickLabel = nullptr;
        for (QLabel *l : w.findChildren<QLabel *>()) {
            if (l->buddy() == nick)
                nickLabel = l;
        }
        QVERIFY(nickLabel);
        QCOMPARE(nickLabel->text(), QStringLiteral("Nickname *"));
        auto *combo = qobject_cast<QComboBox *>(w.editorFor(QStringLiteral("role")));
        QCOMPARE(combo->currentIndex(), -1); // nothing chosen for the person

        QVERIFY(!w.isValid());
        QVERIFY(w.problemLabelFor(QStringLiteral("nick"))->isHidden()); // isValid marks nothing
        QString message;
        QVERIFY(!w.validate(&message));
        QCOMPARE(message, QStringLiteral("Nickname: This field is required."));
        QVERIFY(!w.problemLabelFor(QStringLiteral("nick"))->isHidden());
        QCOMPARE(w.problemLabelFor(QStringLiteral("role"))->text(),
                 QStringLiteral("Choose one of the options."));
        // A check box always answers: a required boolean left unticked is still valid.
        QVERIFY(w.problemLabelFor(QStringLiteral("agree"))->isHidden());
        QVERIFY(nick->accessibleName().contains(QStringLiteral("invalid")));

        QTest::keyClicks(nick, QStringLiteral("sam"));
        QVERIFY(w.problemLabelFor(QStringLiteral("nick"))->isHidden()); // gone once fixed
        QCOMPARE(nick->accessibleName(), QStringLiteral("Nickname, required"));
        combo->setCurrentIndex(1);
        QVERIFY(w.isValid());
        QVERIFY(w.validate());
        QCOMPARE(w.filled().field(u"role")->values, QStringList{QStringLiteral("participant")});
        QCOMPARE(w.filled().field(u"agree")->values, QStringList{QStringLiteral("0")});
    }

    void addressesAreValidated()
    {
        DataForm form;
        form.fields.push_back(makeField(T::JidSingle, QStringLiteral("owner"), {}));
        form.fields.push_back(makeField(T::JidMulti, QStringLiteral("admins"), {}));
        DataFormWidget w;
        w.setForm(form);
        QVERIFY(w.isValid()); // empty and optional: fine

        auto *owner = qobject_cast<QLineEdit *>(w.editorFor(QStringLiteral("owner")));
        owner->setText(QStringLiteral("@example.org"));
        QVERIFY(!w.validate());
        QVERIFY(w.problemLabelFor(QStringLiteral("owner"))
                    ->text()
                    .startsWith(QStringLiteral("This is not a valid address: ")));
        owner->setText(QStringLiteral("anna@example.org"));
        QVERIFY(w.problemLabelFor(QStringLiteral("owner"))->isHidden());

        auto *admins = qobject_cast<QPlainTextEdit *>(w.editorFor(QStringLiteral("admins")));
        admins->setPlainText(QStringLiteral("bob@example.org\nnot an address@\ncarl@example.org"));
        QString message;
        QVERIFY(!w.validate(&message));
        QVERIFY(message.contains(QStringLiteral("“not an address@” is not a valid address")));
        admins->setPlainText(QStringLiteral("bob@example.org\ncarl@example.org"));
        QVERIFY(w.validate());
        QCOMPARE(w.filled().field(u"admins")->values.size(), 2);
    }

    void leavingAnAddressFieldChecksIt()
    {
        DataForm form;
        form.fields.push_back(makeField(T::JidSingle, QStringLiteral("owner"), {}));
        DataFormWidget w;
        w.setForm(form);
        auto *owner = qobject_cast<QLineEdit *>(w.editorFor(QStringLiteral("owner")));
        owner->setText(QStringLiteral("a@b@c"));
        QVERIFY(w.problemLabelFor(QStringLiteral("owner"))->isHidden()); // not while typing
        Q_EMIT owner->editingFinished();
        QVERIFY(!w.problemLabelFor(QStringLiteral("owner"))->isHidden());
    }

    void hiddenFieldsAndUnknownValuesArePreserved()
    {
        DataForm form;
        form.fields.push_back(makeField(T::Hidden, QStringLiteral("FORM_TYPE"),
                                        {QStringLiteral("urn:example:form")}));
        form.fields.push_back(makeField(T::Hidden, QStringLiteral("session"),
                                        {QStringLiteral("a"), QStringLiteral("b")}));
        // A current value the options do not list must not turn into another one on save.
        DataFormField lang =
            makeField(T::ListSingle, QStringLiteral("lang"), {QStringLiteral("tlh")});
        lang.options = {{QStringLiteral("English"), QStringLiteral("en")}};
        form.fields.push_back(lang);
        DataFormField multi =
            makeField(T::ListMulti, QStringLiteral("multi"), {QStringLiteral("x-extra")});
        multi.options = {{QStringLiteral("One"), QStringLiteral("one")}};
        form.fields.push_back(multi);
        DataFormWidget w;
        w.setForm(form);
        QVERIFY(!w.editorFor(QStringLiteral("session")));
        const DataForm out = w.filled();
        QCOMPARE(out, form);
        QCOMPARE(out.toSubmit().field(u"session")->values,
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(out.formType(), QStringLiteral("urn:example:form"));
    }

    void serverTextIsPlain()
    {
        DataForm form;
        form.title = QStringLiteral("<b>Bold</b> title");
        form.fields.push_back(
            makeField(T::TextSingle, QStringLiteral("a"), {}, QStringLiteral("Tom & Jerry <i>")));
        form.fields.push_back(
            makeField(T::Boolean, QStringLiteral("b"), {}, QStringLiteral("Salt & pepper")));
        DataFormWidget w;
        w.setForm(form);
        for (QLabel *l : w.findChildren<QLabel *>())
            QVERIFY(l->textFormat() == Qt::PlainText);
        // '&' would otherwise become a keyboard mnemonic and vanish.
        QCOMPARE(qobject_cast<QCheckBox *>(w.editorFor(QStringLiteral("b")))->text(),
                 QStringLiteral("Salt && pepper"));
        QCOMPARE(w.editorFor(QStringLiteral("a"))->accessibleName(),
                 QStringLiteral("Tom & Jerry <i>"));
    }

    void keyboardOrderIsVisualOrder()
    {
        const DataForm form = everyType();
        DataFormWidget w;
        w.setForm(form);
        QList<QWidget *> editors;
        for (const DataFormField &f : form.fields) {
            if (QWidget *e = w.editorFor(f.var))
                editors << e;
        }
        QList<QWidget *> chain;
        QWidget *start = editors.first();
        QWidget *next = start;
        do {
            if (editors.contains(next) && !chain.contains(next))
                chain << next;
            next = next->nextInFocusChain();
        } while (next != start);
        QCOMPARE(chain, editors);
        // Visual order too: each editor sits below the one before.
        w.resize(500, 4000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (int i = 1; i < editors.size(); ++i) {
            QVERIFY(editors[i]->mapTo(&w, QPoint(0, 0)).y() >
                    editors[i - 1]->mapTo(&w, QPoint(0, 0)).y());
        }
        // Multi-line editors hand Tab on instead of swallowing it.
        QVERIFY(qobject_cast<QPlainTextEdit *>(w.editorFor(QStringLiteral("rules")))
                    ->tabChangesFocus());
    }

    void twoHundredFields()
    {
        DataForm form;
        form.fields.push_back(
            makeField(T::Hidden, QStringLiteral("FORM_TYPE"), {QStringLiteral("urn:example:big")}));
        const T kinds[] = {T::TextSingle, T::Boolean, T::ListSingle, T::JidSingle, T::TextMulti};
        for (int i = 0; i < 200; ++i) {
            const T kind = kinds[i % 5];
            QStringList values;
            switch (kind) {
            case T::Boolean:
                values << (i % 2 ? QStringLiteral("1") : QStringLiteral("0"));
                break;
            case T::ListSingle:
                values << QStringLiteral("b");
                break;
            case T::JidSingle:
                values << QStringLiteral("user%1@example.org").arg(i);
                break;
            default:
                values << QStringLiteral("value %1").arg(i);
            }
            DataFormField f = makeField(kind, QStringLiteral("f%1").arg(i), values,
                                        QStringLiteral("Field %1").arg(i), i == 150);
            if (kind == T::ListSingle)
                f.options = {{QStringLiteral("A"), QStringLiteral("a")},
                             {QStringLiteral("B"), QStringLiteral("b")}};
            form.fields.push_back(f);
        }
        DataFormWidget w;
        w.resize(500, 400);
        w.setForm(form);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        int editors = 0;
        for (const DataFormField &f : form.fields)
            editors += w.editorFor(f.var) ? 1 : 0;
        QCOMPARE(editors, 200);
        QCOMPARE(w.filled(), form);

        // The required field far down is found, focused and scrolled to.
        auto *required = qobject_cast<QLineEdit *>(w.editorFor(QStringLiteral("f150")));
        QVERIFY(required);
        required->clear();
        auto *scroll = w.findChild<QScrollArea *>();
        QCOMPARE(scroll->verticalScrollBar()->value(), 0);
        QVERIFY(!w.validate());
        QVERIFY(scroll->verticalScrollBar()->value() > 0);
        QVERIFY(!required->visibleRegion().isEmpty());
        QTRY_COMPARE(QApplication::focusWidget(), required);
    }
};

QTEST_MAIN(TestDataForm)
#include "tst_dataform.moc"
