// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0004_dataforms/dataform.h"
#include "xmlhelper.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
// XEP-0004 §9.1 "Service Returns Bot Creation Form": every field type but jid-single.
const QByteArray kBotForm = R"(
    <x xmlns='jabber:x:data' type='form'>
      <title>Bot Configuration</title>
      <instructions>Fill out this form to configure your new bot!</instructions>
      <field type='hidden'
             var='FORM_TYPE'>
        <value>jabber:bot</value>
      </field>
      <field type='fixed'><value>Section 1: Bot Info</value></field>
      <field type='text-single'
             label='The name of your bot'
             var='botname'/>
      <field type='text-multi'
             label='Helpful description of your bot'
             var='description'/>
      <field type='boolean'
             label='Public bot?'
             var='public'>
        <required/>
      </field>
      <field type='text-private'
             label='Password for special access'
             var='password'/>
      <field type='fixed'><value>Section 2: Features</value></field>
      <field type='list-multi'
             label='What features will the bot support?'
             var='features'>
        <option label='Contests'><value>contests</value></option>
        <option label='News'><value>news</value></option>
        <option label='Polls'><value>polls</value></option>
        <option label='Reminders'><value>reminders</value></option>
        <option label='Search'><value>search</value></option>
        <value>news</value>
        <value>search</value>
      </field>
      <field type='fixed'><value>Section 3: Subscriber List</value></field>
      <field type='list-single'
             label='Maximum number of subscribers'
             var='maxsubs'>
        <value>20</value>
        <option label='10'><value>10</value></option>
        <option label='20'><value>20</value></option>
        <option label='30'><value>30</value></option>
        <option label='50'><value>50</value></option>
        <option label='100'><value>100</value></option>
        <option label='None'><value>none</value></option>
      </field>
      <field type='fixed'><value>Section 4: Invitations</value></field>
      <field type='jid-multi'
             label='People to invite'
             var='invitelist'>
        <desc>Tell all your friends about your new bot!</desc>
      </field>
      <field type='jid-single' label='Owner' var='owner'><value>romeo@montague.net</value></field>
    </x>)";
} // namespace

class TestDataForms : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesEveryFieldType()
    {
        const auto form = DataForm::fromElement(test::fromXml(kBotForm));
        QVERIFY(form);
        QCOMPARE(form->type, DataForm::Type::Form);
        QCOMPARE(form->title, u"Bot Configuration"_qs);
        QCOMPARE(form->instructions,
                 QStringList{u"Fill out this form to configure your new bot!"_qs});
        QCOMPARE(form->formType(), u"jabber:bot"_qs);
        QCOMPARE(form->fields.size(), size_t(13));

        using T = DataFormField::Type;
        QCOMPARE(form->fields[1].type, T::Fixed);
        QVERIFY(form->fields[1].var.isEmpty());
        QCOMPARE(form->fields[1].value(), u"Section 1: Bot Info"_qs);
        QCOMPARE(form->field(u"botname")->type, T::TextSingle);
        QCOMPARE(form->field(u"description")->type, T::TextMulti);
        QCOMPARE(form->field(u"public")->type, T::Boolean);
        QVERIFY(form->field(u"public")->required);
        QVERIFY(!form->field(u"botname")->required);
        QCOMPARE(form->field(u"password")->type, T::TextPrivate);
        const DataFormField *features = form->field(u"features");
        QCOMPARE(features->type, T::ListMulti);
        QCOMPARE(features->values, (QStringList{u"news"_qs, u"search"_qs}));
        QCOMPARE(features->options.size(), size_t(5));
        QCOMPARE(features->options[3].label, u"Reminders"_qs);
        QCOMPARE(features->options[3].value, u"reminders"_qs);
        QCOMPARE(form->field(u"maxsubs")->type, T::ListSingle);
        QCOMPARE(form->field(u"maxsubs")->value(), u"20"_qs);
        QCOMPARE(form->field(u"invitelist")->type, T::JidMulti);
        QCOMPARE(form->field(u"invitelist")->description,
                 u"Tell all your friends about your new bot!"_qs);
        QCOMPARE(form->field(u"owner")->type, T::JidSingle);
        QCOMPARE(form->field(u"FORM_TYPE")->type, T::Hidden);
    }

    void roundTrips()
    {
        const auto form = DataForm::fromElement(test::fromXml(kBotForm));
        QVERIFY(form);
        QCOMPARE(DataForm::fromElement(form->toElement()), form);
    }

    void serialisesExactly()
    {
        // XEP-0077 §3.4 "Host Returns Registration Form to Entity": written back identically.
        const Element original = test::fromXml(R"(
            <x xmlns='jabber:x:data' type='form'>
              <title>Contest Registration</title>
              <instructions>Please provide the following information to sign up for our special contests!</instructions>
              <field type='hidden' var='FORM_TYPE'>
                <value>jabber:iq:register</value>
              </field>
              <field type='text-single' label='Given Name' var='first'>
                <required/>
              </field>
              <field type='text-single' label='Family Name' var='last'>
                <required/>
              </field>
              <field type='text-single' label='Email Address' var='email'>
                <required/>
              </field>
              <field type='list-single' label='Gender' var='x-gender'>
                <option label='Male'><value>M</value></option>
                <option label='Female'><value>F</value></option>
              </field>
            </x>)");
        const auto form = DataForm::fromElement(original);
        QVERIFY(form);
        QCOMPARE(form->toElement(), original);
    }

    void missingTypeIsTextSingle()
    {
        const auto field = DataFormField::fromElement(
            test::fromXml("<field xmlns='jabber:x:data' var='x'><value>a</value></field>"));
        QVERIFY(field);
        QCOMPARE(field->type, DataFormField::Type::TextSingle);
    }

    void hostileInputYieldsNothing()
    {
        // Unknown field type, a non-fixed field without var, wrong namespace, unknown form type.
        QVERIFY(!DataFormField::fromElement(
            test::fromXml("<field xmlns='jabber:x:data' type='bogus' var='x'/>")));
        QVERIFY(!DataFormField::fromElement(
            test::fromXml("<field xmlns='jabber:x:data' type='text-single'/>")));
        QVERIFY(!DataForm::fromElement(test::fromXml("<x xmlns='jabber:x:oob' type='form'/>")));
        QVERIFY(!DataForm::fromElement(test::fromXml("<x xmlns='jabber:x:data' type='weird'/>")));
        QVERIFY(!DataForm::fromElement(Element()));
        // A form with a broken field keeps the good ones.
        const auto form = DataForm::fromElement(
            test::fromXml("<x xmlns='jabber:x:data' type='form'><field type='nope' var='a'/>"
                          "<field var='b'/><field type='list-single' var='c'><option label='no "
                          "value'/></field></x>"));
        QVERIFY(form);
        QCOMPARE(form->fields.size(), size_t(2));
        QCOMPARE(form->fields[0].var, u"b"_qs);
        QVERIFY(form->fields[1].options.empty());
    }

    void convertsToFormFields()
    {
        const auto form = DataForm::fromElement(test::fromXml(kBotForm));
        QVERIFY(form);
        using F = FormField::Type;
        QCOMPARE(form->field(u"FORM_TYPE")->toFormField().type, F::Hidden);
        QCOMPARE(form->fields[1].toFormField().type, F::Fixed);
        QCOMPARE(form->fields[1].toFormField().value, u"Section 1: Bot Info"_qs);
        QCOMPARE(form->field(u"botname")->toFormField().type, F::Text);
        QCOMPARE(form->field(u"owner")->toFormField().type, F::Text);
        QCOMPARE(form->field(u"owner")->toFormField().value, u"romeo@montague.net"_qs);
        QCOMPARE(form->field(u"description")->toFormField().type, F::MultiText);
        QCOMPARE(form->field(u"invitelist")->toFormField().type, F::MultiText);
        QCOMPARE(form->field(u"password")->toFormField().type, F::Password);
        const FormField pub = form->field(u"public")->toFormField();
        QCOMPARE(pub.type, F::Boolean);
        QVERIFY(pub.required);
        QCOMPARE(pub.label, u"Public bot?"_qs);
        const FormField features = form->field(u"features")->toFormField();
        QCOMPARE(features.type, F::List);
        QCOMPARE(features.value, u"news\nsearch"_qs);
        QCOMPARE(features.options.size(), 5);
        QCOMPARE(features.optionLabels.at(4), u"Search"_qs);
        const FormField maxsubs = form->field(u"maxsubs")->toFormField();
        QCOMPARE(maxsubs.type, F::List);
        QCOMPARE(maxsubs.options,
                 (QStringList{u"10"_qs, u"20"_qs, u"30"_qs, u"50"_qs, u"100"_qs, u"none"_qs}));
        QCOMPARE(maxsubs.optionLabels.at(5), u"None"_qs);
    }

    void booleanNormalised()
    {
        DataFormField f;
        f.type = DataFormField::Type::Boolean;
        f.var = u"b"_qs;
        f.values = {u"1"_qs};
        QCOMPARE(f.toFormField().value, u"true"_qs);
        f.values = {u"false"_qs};
        QCOMPARE(f.toFormField().value, u"false"_qs);
        FormField filled = f.toFormField();
        filled.value = u"true"_qs;
        f.setValueFrom(filled);
        QCOMPARE(f.values, QStringList{u"1"_qs});
    }

    void takesEnteredValuesBack()
    {
        auto form = DataForm::fromElement(test::fromXml(kBotForm));
        QVERIFY(form);
        FormField desc = form->field(u"description")->toFormField();
        desc.value = u"line one\nline two"_qs;
        form->field(u"description")->setValueFrom(desc);
        QCOMPARE(form->field(u"description")->values,
                 (QStringList{u"line one"_qs, u"line two"_qs}));
        FormField name = form->field(u"botname")->toFormField();
        name.value = u"first\nsecond"_qs; // single-line field: only the first line is kept
        form->field(u"botname")->setValueFrom(name);
        QCOMPARE(form->field(u"botname")->values, QStringList{u"first"_qs});
        FormField fixed = form->fields[1].toFormField();
        fixed.value = u"changed"_qs;
        form->fields[1].setValueFrom(fixed);
        QCOMPARE(form->fields[1].value(), u"Section 1: Bot Info"_qs);
    }

    void submitDropsFixedAndPresentation()
    {
        const auto form = DataForm::fromElement(test::fromXml(kBotForm));
        QVERIFY(form);
        const DataForm submit = form->toSubmit();
        QCOMPARE(submit.type, DataForm::Type::Submit);
        QCOMPARE(submit.fields.size(), size_t(9));
        for (const DataFormField &f : submit.fields) {
            QVERIFY(f.type != DataFormField::Type::Fixed);
            QVERIFY(f.label.isEmpty());
            QVERIFY(f.options.empty());
        }
        QCOMPARE(submit.formType(), u"jabber:bot"_qs);
        QCOMPARE(submit.toElement().attribute(u"type"), u"submit"_qs);
    }

    void parsesMultiItemResults()
    {
        // XEP-0004 §9.2 "Service Returns Search Results" (shortened).
        const auto form = DataForm::fromElement(test::fromXml(R"(
            <x type='result' xmlns='jabber:x:data'>
              <field type='hidden' var='FORM_TYPE'><value>jabber:iq:search</value></field>
              <reported>
                <field var='name'/>
                <field var='url'/>
              </reported>
              <item>
                <field var='name'><value>Comune di Verona - Benvenuti nel sito ufficiale</value></field>
                <field var='url'><value>http://www.comune.verona.it/</value></field>
              </item>
              <item>
                <field var='name'><value>benvenuto!</value></field>
                <field var='url'><value>http://www.hellasverona.it/</value></field>
              </item>
            </x>)"));
        QVERIFY(form);
        QCOMPARE(form->type, DataForm::Type::Result);
        QCOMPARE(form->reported.size(), size_t(2));
        QCOMPARE(form->items.size(), size_t(2));
        QCOMPARE(form->items[1][1].value(), u"http://www.hellasverona.it/"_qs);
        QCOMPARE(DataForm::fromElement(form->toElement()), form);
    }
};

QTEST_GUILESS_MAIN(TestDataForms)
#include "tst_dataforms.moc"
