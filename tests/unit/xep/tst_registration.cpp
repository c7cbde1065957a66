// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/xmpp/client.h"
#include "core/xmpp/namespaces.h"
#include "core/xmpp/xep/xep0077_register/registrationmanager.h"
#include "xmlhelper.h"

#include <QTest>

using namespace parla;
using namespace parla::xmpp;

namespace {
Element queryOf(const QByteArray &iq)
{
    return test::fromXml(iq).firstChild(u"query", ns::Register);
}

// XEP-0077 §3.1 "Host Returns Registration Fields to Entity".
const QByteArray kLegacy = R"(
    <iq type='result' id='reg1'>
      <query xmlns='jabber:iq:register'>
        <instructions>
          Choose a username and password for use with this service.
          Please also provide your email address.
        </instructions>
        <username/>
        <password/>
        <email/>
      </query>
    </iq>)";

// XEP-0077 §3.4 "Host Returns Registration Form to Entity" (contest example), with legacy
// fields and an OOB URL around it to check the precedence order (§6).
const QByteArray kDataForm = R"(
    <iq type='result'
        from='contests.shakespeare.lit'
        to='juliet@capulet.com/balcony'
        id='reg3'>
      <query xmlns='jabber:iq:register'>
        <instructions>
          Use the enclosed form to register. If your Jabber client does not
          support Data Forms, visit http://www.shakespeare.lit/contests.php
        </instructions>
        <username/>
        <x xmlns='jabber:x:data' type='form'>
          <title>Contest Registration</title>
          <instructions>
            Please provide the following information
            to sign up for our special contests!
          </instructions>
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
        </x>
        <x xmlns='jabber:x:oob'>
          <url>http://www.shakespeare.lit/contests.php</url>
        </x>
      </query>
    </iq>)";

// A registration form with every XEP-0004 field type, and fields without labels.
const QByteArray kEveryType = R"(
    <query xmlns='jabber:iq:register'>
      <x xmlns='jabber:x:data' type='form'>
        <instructions>First line.</instructions>
        <instructions>Second line.</instructions>
        <field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field>
        <field type='hidden' var='challenge'><value>abc123</value></field>
        <field type='fixed'><value>About you</value></field>
        <field type='text-single' var='username'><required/></field>
        <field type='text-private' var='password'><required/></field>
        <field type='boolean' label='Accept the terms' var='terms'><required/><value>0</value></field>
        <field type='list-single' label='Language' var='lang'>
          <option label='English'><value>en</value></option>
          <option><value>de</value></option>
        </field>
        <field type='list-multi' label='Topics' var='topics'>
          <option label='News'><value>news</value></option>
          <option label='Games'><value>games</value></option>
        </field>
        <field type='text-multi' label='About' var='about'/>
        <field type='jid-single' label='Referrer' var='referrer'/>
        <field type='jid-multi' label='Friends' var='friends'/>
        <field var='nick'/>
      </x>
    </query>)";

Error stanzaError(const QString &condition, const QString &text = {})
{
    return Error::fromStanza({StanzaError::Type::Cancel, condition, text, {}});
}
} // namespace

class TestRegistration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesLegacyFields()
    {
        const auto form = RegistrationManager::parseForm(queryOf(kLegacy), u"shakespeare.lit"_qs);
        QVERIFY(form);
        QVERIFY(!form->isDataForm);
        QCOMPARE(form->domain, u"shakespeare.lit"_qs);
        QVERIFY(form->instructions.startsWith(u"Choose a username"));
        QCOMPARE(form->fields.size(), 3);
        QCOMPARE(form->fields[0].var, u"username"_qs);
        QCOMPARE(form->fields[0].type, FormField::Type::Text);
        QVERIFY(form->fields[0].required);
        QVERIFY(!form->fields[0].label.isEmpty());
        QCOMPARE(form->fields[1].type, FormField::Type::Password);
        QCOMPARE(form->fields[2].var, u"email"_qs);
        QVERIFY(form->oobUrl.isEmpty());
    }

    void dataFormTakesPrecedence()
    {
        const auto form =
            RegistrationManager::parseForm(queryOf(kDataForm), u"contests.shakespeare.lit"_qs);
        QVERIFY(form);
        QVERIFY(form->isDataForm);
        QCOMPARE(form->formType, u"jabber:iq:register"_qs);
        QVERIFY(form->instructions.startsWith(u"Please provide the following information"));
        QCOMPARE(form->oobUrl, u"http://www.shakespeare.lit/contests.php"_qs);
        // Legacy <username/> is not mixed in (§6: never both).
        QCOMPARE(form->fields.size(), 5);
        QCOMPARE(form->fields[0].type, FormField::Type::Hidden);
        QCOMPARE(form->fields[0].value, u"jabber:iq:register"_qs);
        QCOMPARE(form->fields[1].label, u"Given Name"_qs);
        QVERIFY(form->fields[1].required);
        QCOMPARE(form->fields[4].type, FormField::Type::List);
        QCOMPARE(form->fields[4].options, (QStringList{u"M"_qs, u"F"_qs}));
        QCOMPARE(form->fields[4].optionLabels, (QStringList{u"Male"_qs, u"Female"_qs}));
        QVERIFY(!form->fields[4].required);
    }

    void convertsEveryFieldType()
    {
        const auto form =
            RegistrationManager::parseForm(test::fromXml(kEveryType), u"example.org"_qs);
        QVERIFY(form);
        QVERIFY(form->isDataForm);
        QCOMPARE(form->instructions, u"First line.\nSecond line."_qs);
        QCOMPARE(form->fields.size(), 12);
        using T = FormField::Type;
        const QList<T> types{T::Hidden, T::Hidden, T::Fixed,     T::Text, T::Password,  T::Boolean,
                             T::List,   T::List,   T::MultiText, T::Text, T::MultiText, T::Text};
        for (int i = 0; i < types.size(); ++i)
            QCOMPARE(form->fields[i].type, types[i]);
        QCOMPARE(form->fields[2].value, u"About you"_qs);
        // Standard fields without a label get the standard one (XEP-0077 §13.4).
        QVERIFY(!form->fields[3].label.isEmpty());
        QVERIFY(!form->fields[4].label.isEmpty());
        QVERIFY(!form->fields[11].label.isEmpty()); // nick, type omitted → text-single
        QCOMPARE(form->fields[11].var, u"nick"_qs);
        QCOMPARE(form->fields[5].value, u"false"_qs);
        QCOMPARE(form->fields[6].optionLabels, (QStringList{u"English"_qs, u"de"_qs}));
    }

    void submitsDataFormWithFetchedTypes()
    {
        const Element query = test::fromXml(kEveryType);
        auto form = RegistrationManager::parseForm(query, u"example.org"_qs);
        QVERIFY(form);
        auto set = [&](const QString &var, const QString &value) {
            for (FormField &f : form->fields) {
                if (f.var == var)
                    f.value = value;
            }
        };
        set(u"username"_qs, u"juliet"_qs);
        set(u"password"_qs, u"R0m30"_qs);
        set(u"terms"_qs, u"true"_qs);
        set(u"lang"_qs, u"de"_qs);
        set(u"topics"_qs, u"news\ngames"_qs);
        set(u"challenge"_qs, u"forged"_qs); // hidden: the server's value is kept
        set(u"referrer"_qs, u"romeo@montague.lit"_qs);

        const Element submit =
            RegistrationManager::makeSubmitQuery(*form, RegistrationManager::dataFormOf(query));
        const Element expected = test::fromXml(R"(
            <query xmlns='jabber:iq:register'>
              <x xmlns='jabber:x:data' type='submit'>
                <field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field>
                <field type='hidden' var='challenge'><value>abc123</value></field>
                <field type='text-single' var='username'><value>juliet</value></field>
                <field type='text-private' var='password'><value>R0m30</value></field>
                <field type='boolean' var='terms'><value>1</value></field>
                <field type='list-single' var='lang'><value>de</value></field>
                <field type='list-multi' var='topics'><value>news</value><value>games</value></field>
                <field type='text-multi' var='about'/>
                <field type='jid-single' var='referrer'><value>romeo@montague.lit</value></field>
                <field type='jid-multi' var='friends'/>
                <field type='text-single' var='nick'/>
              </x>
            </query>)");
        QCOMPARE(submit, expected);
    }

    void submitsDataFormWithoutFetchedForm()
    {
        // XEP-0077 §3.4 "User Submits Registration Form", from the reduced fields alone.
        auto form =
            RegistrationManager::parseForm(queryOf(kDataForm), u"contests.shakespeare.lit"_qs);
        QVERIFY(form);
        form->fields[1].value = u"Juliet"_qs;
        form->fields[2].value = u"Capulet"_qs;
        form->fields[3].value = u"juliet@capulet.com"_qs;
        form->fields[4].value = u"F"_qs;
        const Element expected = test::fromXml(R"(
            <query xmlns='jabber:iq:register'>
              <x xmlns='jabber:x:data' type='submit'>
                <field type='hidden' var='FORM_TYPE'>
                  <value>jabber:iq:register</value>
                </field>
                <field type='text-single' var='first'>
                  <value>Juliet</value>
                </field>
                <field type='text-single' var='last'>
                  <value>Capulet</value>
                </field>
                <field type='text-single' var='email'>
                  <value>juliet@capulet.com</value>
                </field>
                <field type='list-single' var='x-gender'>
                  <value>F</value>
                </field>
              </x>
            </query>)");
        QCOMPARE(RegistrationManager::makeSubmitQuery(*form, std::nullopt), expected);
    }

    void submitsLegacyFields()
    {
        auto form = RegistrationManager::parseForm(queryOf(kLegacy), u"shakespeare.lit"_qs);
        QVERIFY(form);
        form->fields[0].value = u"bill"_qs;
        form->fields[1].value = u"Calliope"_qs;
        form->fields[2].value = u"bard@shakespeare.lit"_qs;
        // XEP-0077 §3.1 "Entity Provides Required Information".
        const Element expected = queryOf(R"(
            <iq type='set' id='reg2'>
              <query xmlns='jabber:iq:register'>
                <username>bill</username>
                <password>Calliope</password>
                <email>bard@shakespeare.lit</email>
              </query>
            </iq>)");
        QCOMPARE(RegistrationManager::makeSubmitQuery(*form, std::nullopt), expected);
    }

    void redirectOnly()
    {
        // XEP-0077 §5 "Host Redirects Entity to Web Registration".
        const auto form = RegistrationManager::parseForm(queryOf(R"(
            <iq type='result' from='contests.shakespeare.lit' id='reg3'>
              <query xmlns='jabber:iq:register'>
                <instructions>
                  To register, visit http://www.shakespeare.lit/contests.php
                </instructions>
                <x xmlns='jabber:x:oob'>
                  <url>http://www.shakespeare.lit/contests.php</url>
                </x>
              </query>
            </iq>)"),
                                                         u"contests.shakespeare.lit"_qs);
        QVERIFY(form);
        QVERIFY(form->fields.isEmpty());
        QCOMPARE(form->oobUrl, u"http://www.shakespeare.lit/contests.php"_qs);
        QCOMPARE(form->instructions,
                 u"To register, visit http://www.shakespeare.lit/contests.php"_qs);
    }

    void parsingIsTotal()
    {
        QVERIFY(!RegistrationManager::parseForm(Element(), {}));
        QVERIFY(!RegistrationManager::parseForm(test::fromXml("<query xmlns='jabber:iq:roster'/>"),
                                                {}));
        // Unknown legacy elements and elements of other namespaces are ignored.
        const auto form = RegistrationManager::parseForm(
            test::fromXml("<query xmlns='jabber:iq:register'><registered/><favourite-colour/>"
                          "<username xmlns='urn:other'/><key>k1</key></query>"),
            {});
        QVERIFY(form);
        QCOMPARE(form->fields.size(), 1);
        QCOMPARE(form->fields[0].type, FormField::Type::Hidden);
        QCOMPARE(form->fields[0].value, u"k1"_qs);
        // A broken data form (unknown type) falls back to the legacy fields.
        const auto fallback = RegistrationManager::parseForm(
            test::fromXml("<query xmlns='jabber:iq:register'><username/><x xmlns='jabber:x:data' "
                          "type='odd'/></query>"),
            {});
        QVERIFY(fallback);
        QVERIFY(!fallback->isDataForm);
        QCOMPARE(fallback->fields.size(), 1);
    }

    void errorsInPlainWords()
    {
        using Op = RegistrationManager::Operation;
        QCOMPARE(RegistrationManager::describeError(stanzaError(u"conflict"_qs), Op::Register).text,
                 u"That user name is taken."_qs);
        QCOMPARE(RegistrationManager::describeError(stanzaError(u"not-acceptable"_qs), Op::Register)
                     .text,
                 u"Some required information is missing or not accepted."_qs);
        const QString disabled =
            RegistrationManager::describeError(stanzaError(u"not-allowed"_qs), Op::Register).text;
        QVERIFY(disabled.contains(u"does not allow creating accounts"));
        const QString tooMany =
            RegistrationManager::describeError(stanzaError(u"resource-constraint"_qs), Op::Register)
                .text;
        QVERIFY(tooMany.contains(u"Too many"));
        QVERIFY(tooMany.contains(u"later"));
        // The server's own words are added.
        const Error withText = RegistrationManager::describeError(
            stanzaError(u"not-acceptable"_qs, u"Password is too weak"_qs), Op::Register);
        QVERIFY(withText.text.startsWith(u"Some required information"));
        QVERIFY(withText.text.contains(u"Password is too weak"));
        QCOMPARE(withText.kind, Error::Kind::Stanza);
        QCOMPARE(withText.stanza.condition, u"not-acceptable"_qs);
        // Operation-specific words; non-stanza errors unchanged.
        QVERIFY(
            RegistrationManager::describeError(stanzaError(u"not-allowed"_qs), Op::ChangePassword)
                .text.contains(u"password"));
        const Error timeout{Error::Kind::Timeout, {}, u"No answer in time."_qs};
        QCOMPARE(RegistrationManager::describeError(timeout, Op::Register).text, timeout.text);
    }

    void loggedInOperationsNeedASession()
    {
        Client client;
        auto *manager = new RegistrationManager;
        client.addExtension(manager);
        auto change = manager->changePassword(u"new"_qs);
        QVERIFY(change.isFinished());
        QCOMPARE(std::get<Error>(*change.result()).kind, Error::Kind::Local);
        auto cancel = manager->cancelRegistration();
        QVERIFY(cancel.isFinished());
        QCOMPARE(std::get<Error>(*cancel.result()).kind, Error::Kind::Local);
        auto fetch = manager->fetchForm();
        QVERIFY(fetch.isFinished());
        QCOMPARE(std::get<Error>(*fetch.result()).kind, Error::Kind::Disconnected);
    }
};

QTEST_GUILESS_MAIN(TestRegistration)
#include "tst_registration.moc"
