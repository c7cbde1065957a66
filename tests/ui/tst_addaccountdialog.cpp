// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakesession.h"

#include "ui/addaccountdialog.h"
#include "ui/registrationformwidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace parla;

namespace {

template <typename T>
T *child(QWidget *parent, const char *name)
{
    T *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

xmpp::Error errorWithText(const QString &text)
{
    xmpp::Error e;
    e.kind = xmpp::Error::Kind::Stanza;
    e.text = text;
    return e;
}

} // namespace

class TestAddAccountDialog : public QObject
{
    Q_OBJECT

private:
    /// Opens the Register page for example.org and fetches its form.
    void openRegistration(ui::AddAccountDialog &dialog)
    {
        dialog.setPage(ui::AddAccountDialog::Page::Register);
        dialog.show();
        QTest::keyClicks(child<QLineEdit>(&dialog, "domainEdit"), QStringLiteral("example.org"));
        QTest::mouseClick(child<QPushButton>(&dialog, "submitButton"), Qt::LeftButton);
    }

private Q_SLOTS:
    void loginSubmitsTheSpec()
    {
        test::FakeSession session(nullptr, false);
        session.accounts().addAccountResult = xmpp::Success{};
        ui::AddAccountDialog dialog(&session);
        dialog.show();
        QPushButton *submit = child<QPushButton>(&dialog, "submitButton");
        QVERIFY(!submit->isEnabled()); // nothing typed yet

        QTest::keyClicks(child<QLineEdit>(&dialog, "jidEdit"),
                         QStringLiteral("juliet@example.org"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "passwordEdit"), QStringLiteral("s3cret"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "resourceEdit"), QStringLiteral("laptop"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "hostEdit"), QStringLiteral("xmpp.example.org"));
        child<QSpinBox>(&dialog, "portSpin")->setValue(5223);
        child<QCheckBox>(&dialog, "directTlsCheck")->setChecked(true);
        QVERIFY(submit->isEnabled());
        QTest::mouseClick(submit, Qt::LeftButton);

        QCOMPARE(session.callNames(), QStringList{QStringLiteral("addAccount")});
        QCOMPARE(session.accounts().lastSpec.jid, QStringLiteral("juliet@example.org"));
        QCOMPARE(session.accounts().lastSpec.resource, QStringLiteral("laptop"));
        QCOMPARE(session.accounts().lastSpec.host, QStringLiteral("xmpp.example.org"));
        QCOMPARE(session.accounts().lastSpec.port, quint16(5223));
        QVERIFY(session.accounts().lastSpec.directTls);
        QCOMPARE(session.accounts().lastPassword, QStringLiteral("s3cret"));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void loginErrorIsShownInPlainWords()
    {
        test::FakeSession session(nullptr, false);
        ui::AddAccountDialog dialog(&session);
        dialog.show();
        QTest::keyClicks(child<QLineEdit>(&dialog, "jidEdit"),
                         QStringLiteral("juliet@example.org"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "passwordEdit"), QStringLiteral("wrong"));
        QTest::keyClick(child<QLineEdit>(&dialog, "passwordEdit"), Qt::Key_Return);

        // Pending: the dialog shows progress and refuses a second submit.
        QVERIFY(dialog.isBusy());
        QVERIFY(!child<QPushButton>(&dialog, "submitButton")->isEnabled());
        QCOMPARE(session.callNames().count(QStringLiteral("addAccount")), 1);

        session.accounts().pendingAddAccount.finish(
            errorWithText(QStringLiteral("Wrong user name or password.")));
        QVERIFY(!dialog.isBusy());
        QCOMPARE(dialog.errorText(), QStringLiteral("Wrong user name or password."));
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // not accepted
        QVERIFY(child<QPushButton>(&dialog, "submitButton")->isEnabled());
    }

    void registrationFormRendersEveryFieldType()
    {
        test::FakeSession session(nullptr, false);
        ui::AddAccountDialog dialog(&session);
        openRegistration(dialog);
        QCOMPARE(session.lastCall(QStringLiteral("fetchRegistrationForm"))->args,
                 QStringList{QStringLiteral("example.org")});

        ui::RegistrationFormWidget *form = dialog.formWidget();
        auto *user = qobject_cast<QLineEdit *>(form->editorFor(QStringLiteral("username")));
        QVERIFY(user);
        QCOMPARE(user->echoMode(), QLineEdit::Normal);
        auto *pass = qobject_cast<QLineEdit *>(form->editorFor(QStringLiteral("password")));
        QVERIFY(pass);
        QCOMPARE(pass->echoMode(), QLineEdit::Password);
        auto *lang = qobject_cast<QComboBox *>(form->editorFor(QStringLiteral("lang")));
        QVERIFY(lang);
        QCOMPARE(lang->count(), 2);
        QCOMPARE(lang->itemText(1), QStringLiteral("Deutsch"));
        QCOMPARE(lang->currentData().toString(), QStringLiteral("en"));
        QVERIFY(qobject_cast<QCheckBox *>(form->editorFor(QStringLiteral("tos"))));
        QVERIFY(qobject_cast<QPlainTextEdit *>(form->editorFor(QStringLiteral("about"))));
        QVERIFY(!form->editorFor(QStringLiteral("FORM_TYPE"))); // hidden: no editor

        // Fixed text and instructions are shown as plain text; required fields are marked.
        QStringList labels;
        for (QLabel *l : form->findChildren<QLabel *>())
            labels << l->text();
        QVERIFY(labels.contains(QStringLiteral("Your address will be username@example.org")));
        QVERIFY(labels.contains(QStringLiteral("User name *")));
        QVERIFY(labels.contains(QStringLiteral("Email (for password recovery)")));
        QVERIFY(labels.contains(
            QStringLiteral("Choose a user name and password to register with this server.")));
    }

    void requiredFieldsBlockSubmit()
    {
        test::FakeSession session(nullptr, false);
        ui::AddAccountDialog dialog(&session);
        openRegistration(dialog);
        QPushButton *submit = child<QPushButton>(&dialog, "submitButton");

        QTest::mouseClick(submit, Qt::LeftButton);
        QVERIFY(!session.lastCall(QStringLiteral("registerAccount")).has_value());
        QVERIFY(dialog.errorText().contains(QStringLiteral("User name")));

        ui::RegistrationFormWidget *form = dialog.formWidget();
        QTest::keyClicks(form->editorFor(QStringLiteral("username")), QStringLiteral("newbie"));
        QTest::keyClicks(form->editorFor(QStringLiteral("password")), QStringLiteral("pw"));
        QTest::mouseClick(submit, Qt::LeftButton);
        // The terms check box is required too: it must be ticked.
        QVERIFY(!session.lastCall(QStringLiteral("registerAccount")).has_value());
        QVERIFY(dialog.errorText().contains(QStringLiteral("terms")));

        qobject_cast<QCheckBox *>(form->editorFor(QStringLiteral("tos")))->setChecked(true);
        QWidget *about = form->editorFor(QStringLiteral("about"));
        QTest::keyClicks(about, QStringLiteral("hi"));
        QTest::keyClick(about, Qt::Key_Return);
        QTest::keyClicks(about, QStringLiteral("there"));
        QTest::mouseClick(submit, Qt::LeftButton);
        QVERIFY(session.lastCall(QStringLiteral("registerAccount")).has_value());
        QCOMPARE(session.accounts().lastSpec.jid, QStringLiteral("example.org"));
        const RegistrationForm &sent = session.accounts().lastSubmittedForm;
        QHash<QString, QString> values;
        for (const FormField &f : sent.fields)
            values.insert(f.var, f.value);
        QCOMPARE(values.value(QStringLiteral("username")), QStringLiteral("newbie"));
        QCOMPARE(values.value(QStringLiteral("password")), QStringLiteral("pw"));
        QCOMPARE(values.value(QStringLiteral("tos")), QStringLiteral("1"));
        QCOMPARE(values.value(QStringLiteral("lang")), QStringLiteral("en"));
        QCOMPARE(values.value(QStringLiteral("about")), QStringLiteral("hi\nthere"));
        QCOMPARE(values.value(QStringLiteral("FORM_TYPE")), QStringLiteral("jabber:iq:register"));
        QVERIFY(sent.isDataForm);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void registrationErrorsAndWebLink()
    {
        test::FakeSession session(nullptr, false);
        session.accounts().registrationFormResult =
            errorWithText(QStringLiteral("Registration is closed."));
        {
            ui::AddAccountDialog dialog(&session);
            openRegistration(dialog);
            QCOMPARE(dialog.errorText(), QStringLiteral("Registration is closed."));
        }

        RegistrationForm web;
        web.domain = QStringLiteral("example.org");
        web.instructions = QStringLiteral("<b>Use our website</b>");
        web.oobUrl = QStringLiteral("https://example.org/register?a=1&b=2");
        session.accounts().registrationFormResult = web;
        ui::AddAccountDialog dialog(&session);
        openRegistration(dialog);
        auto *link = dialog.formWidget()->findChild<QLabel *>(QStringLiteral("oobLink"));
        QVERIFY(link);
        QVERIFY(link->text().contains(
            QStringLiteral("href=\"https://example.org/register?a=1&amp;b=2\"")));
        // Server text is shown as typed, never as markup.
        bool instructionsPlain = false;
        for (QLabel *l : dialog.formWidget()->findChildren<QLabel *>())
            instructionsPlain |= l->text() == web.instructions && l->textFormat() == Qt::PlainText;
        QVERIFY(instructionsPlain);

        session.accounts().registerResult =
            errorWithText(QStringLiteral("The user name is taken."));
        RegistrationForm simple = test::FakeAccounts::sampleForm(QStringLiteral("example.org"));
        simple.fields.removeLast(); // no terms box
        session.accounts().registrationFormResult = simple;
        ui::AddAccountDialog again(&session);
        openRegistration(again);
        QTest::keyClicks(again.formWidget()->editorFor(QStringLiteral("username")),
                         QStringLiteral("taken"));
        QTest::keyClicks(again.formWidget()->editorFor(QStringLiteral("password")),
                         QStringLiteral("pw"));
        QTest::mouseClick(child<QPushButton>(&again, "submitButton"), Qt::LeftButton);
        QCOMPARE(again.errorText(), QStringLiteral("The user name is taken."));
        QVERIFY(again.result() != QDialog::Accepted);
    }
};

QTEST_MAIN(TestAddAccountDialog)
#include "tst_addaccountdialog.moc"
