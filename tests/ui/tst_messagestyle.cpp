// SPDX-License-Identifier: GPL-3.0-or-later
// How message text looks (XEP-0393 styling, /me, links, emoji) and how emoji are typed.
#include "fakesession.h"

#include "ui/chatview.h"
#include "ui/composer.h"
#include "ui/emojicatalog.h"
#include "ui/emojicompleter.h"
#include "ui/emojipicker.h"
#include "ui/messagedelegate.h"
#include "ui/messagetext.h"
#include "ui/theme.h"

#include "core/models/roles.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTest>
#include <QToolButton>

using namespace parla;
using namespace parla::models;

namespace {
const QString kAccount = QStringLiteral("sam@parla.im");
const QString kPeer = QStringLiteral("anna@parla.im");

/// The layout formats covering a substring of the shown text.
QList<QTextCharFormat> formatsAt(const ui::MessageText &text, const QString &part)
{
    const int at = int(text.displayText().indexOf(part));
    QList<QTextCharFormat> out;
    if (at < 0)
        return out;
    for (const QTextLayout::FormatRange &r : text.textLayout().formats())
        if (r.start <= at && r.start + r.length >= at + part.size())
            out << r.format;
    return out;
}

bool anyBold(const QList<QTextCharFormat> &formats)
{
    return std::any_of(formats.cbegin(), formats.cend(),
                       [](const QTextCharFormat &f) { return f.fontWeight() >= QFont::Bold; });
}
} // namespace

class TestMessageStyle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("emoji/recent"));
    }

    void styledBodyRendersWithFormatsNotHtml()
    {
        test::FakeMessageModel model(kAccount, kPeer, 0);
        const qint64 id = model.append(
            QStringLiteral("*bold* and <b>x</b> `code` see https://parla.im. javascript:alert(1)"),
            false, DeliveryState::Received);
        ui::ChatView view;
        view.resize(700, 400);
        view.setMessageModel(&model, kAccount);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QStyleOptionViewItem option;
        option.font = view.font();
        option.palette = view.palette();
        const QModelIndex index = view.model()->index(model.indexForId(id).row(), 0);
        ui::MessageText *text = view.messageDelegate()->messageText(option, index);

        QVERIFY(anyBold(formatsAt(*text, QStringLiteral("bold"))));
        QVERIFY(!anyBold(formatsAt(*text, QStringLiteral(" and "))));
        // The tag is text: shown as typed, nothing bold about it.
        QVERIFY(text->displayText().contains(QStringLiteral("<b>x</b>")));
        QVERIFY(!anyBold(formatsAt(*text, QStringLiteral("x</b>"))));
        const auto code = formatsAt(*text, QStringLiteral("code"));
        QVERIFY(std::any_of(code.cbegin(), code.cend(), [](const QTextCharFormat &f) {
            return !f.fontFamilies().toStringList().isEmpty();
        }));
        // Only the http link, without the sentence's full stop; javascript: is plain text.
        QCOMPARE(text->links().size(), 1);
        QCOMPARE(text->links().first().url, QStringLiteral("https://parla.im"));
        const auto link = formatsAt(*text, QStringLiteral("https://parla.im"));
        QVERIFY(std::any_of(link.cbegin(), link.cend(),
                            [](const QTextCharFormat &f) { return f.fontUnderline(); }));
        QVERIFY(formatsAt(*text, QStringLiteral("javascript")).isEmpty());

        // It paints (the whole row goes through the delegate).
        QImage image(700, 200, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        option.rect = QRect(0, 0, 700, view.messageDelegate()->sizeHint(option, index).height());
        view.messageDelegate()->paint(&painter, option, index);
    }

    void meActionShowsNickInItalics()
    {
        ui::MessageText text(QStringLiteral("/me waves *hello*"), QStringLiteral("Anna"), QFont(),
                             ui::Theme::fromPalette(QPalette()));
        QCOMPARE(text.displayText(), QStringLiteral("* Anna waves *hello*"));
        const auto f = formatsAt(text, QStringLiteral("* Anna waves"));
        QVERIFY(std::any_of(f.cbegin(), f.cend(),
                            [](const QTextCharFormat &c) { return c.fontItalic(); }));
        QVERIFY(anyBold(formatsAt(text, QStringLiteral("hello"))));
    }

    void quotesAndCodeBlocksAreIndented()
    {
        ui::MessageText text(QStringLiteral("> quoted\nplain\n```\ncode\n```"), QString(), QFont(),
                             ui::Theme::fromPalette(QPalette()));
        text.layout(400);
        const QTextLayout &l = text.textLayout();
        QCOMPARE(l.lineCount(), 5);
        QVERIFY(l.lineAt(0).x() > 0);  // quote
        QCOMPARE(l.lineAt(1).x(), 0.); // plain
        QVERIFY(l.lineAt(3).x() > 0);  // code block
    }

    void emojiOnlyMessagesAreLarger()
    {
        const ui::Theme theme = ui::Theme::fromPalette(QPalette());
        ui::MessageText plain(QStringLiteral("ok"), QString(), QFont(), theme);
        ui::MessageText emoji(QStringLiteral("👍"), QString(), QFont(), theme);
        ui::MessageText mixed(QStringLiteral("ok 👍"), QString(), QFont(), theme);
        QVERIFY(emoji.isEmojiOnly());
        QVERIFY(!mixed.isEmojiOnly());
        QVERIFY(emoji.layout(400).height > plain.layout(400).height * 3 / 2);
        QVERIFY(emoji.textLayout().font().pointSizeF() > QFont().pointSizeF());
        QCOMPARE(mixed.textLayout().font().pointSizeF(), QFont().pointSizeF());
        // The colour emoji font backs the message font.
        QVERIFY(emoji.textLayout().font().families().contains(QStringLiteral("Noto Color Emoji")));
    }

    void plainLineFastPathOnlyForUnstyledText()
    {
        // The delegate measures these without a layout; anything that styling, /me, line
        // breaks or the emoji font could change must take the full layout.
        QVERIFY(ui::MessageText::isPlainLine(QStringLiteral("hello there, a > b")));
        QVERIFY(ui::MessageText::isPlainLine(QStringLiteral("see https://parla.im")));
        for (const char *s :
             {"a *b*", "> quote", "/me waves", "two\nlines", "`x`", "hi 😀", "❤️"})
            QVERIFY2(!ui::MessageText::isPlainLine(QString::fromUtf8(s)), s);
    }

    void contextMenuOffersLinks()
    {
        test::FakeMessageModel model(kAccount, kPeer, 0);
        const qint64 id = model.append(
            QStringLiteral("join xmpp:room@muc.parla.im?join or (https://parla.im/docs)"), false,
            DeliveryState::Received);
        ui::ChatView view;
        view.resize(600, 400);
        view.setMessageModel(&model, kAccount);
        const QModelIndex index = view.model()->index(model.indexForId(id).row(), 0);
        std::unique_ptr<QMenu> menu(view.createContextMenu(index, &view));
        const auto copies = menu->findChildren<QAction *>(QStringLiteral("copyLinkAction"));
        const auto opens = menu->findChildren<QAction *>(QStringLiteral("openLinkAction"));
        QCOMPARE(copies.size(), 2);
        QCOMPARE(opens.size(), 2);
        copies[1]->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("https://parla.im/docs"));
        QSignalSpy xmpp(&view, &ui::ChatView::xmppUriActivated);
        opens[0]->trigger();
        QCOMPARE(xmpp.size(), 1);
        QCOMPARE(xmpp.first().first().toUrl().toString(),
                 QStringLiteral("xmpp:room@muc.parla.im?join"));
        // A blocked scheme is never opened, even if asked for directly.
        view.activateLink(QStringLiteral("javascript:alert(1)"));
        QCOMPARE(xmpp.size(), 1);
        // "Copy text" copies the body as it was received.
        menu->findChild<QAction *>(QStringLiteral("copyAction"))->trigger();
        QCOMPARE(QApplication::clipboard()->text(), index.data(MessageBodyRole).toString());
    }

    void clickingXmppLinkEmitsSignal()
    {
        test::FakeMessageModel model(kAccount, kPeer, 0);
        const qint64 id = model.append(QStringLiteral("xmpp:anna@parla.im?message and text"), false,
                                       DeliveryState::Received);
        ui::ChatView view;
        view.resize(600, 300);
        view.setMessageModel(&model, kAccount);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QModelIndex index = view.model()->index(model.indexForId(id).row(), 0);
        QStyleOptionViewItem option;
        option.font = view.font();
        option.palette = view.palette();
        option.rect = view.visualRect(index);
        // Find a point over the link, and the first one after it on the same line.
        QPoint onLink;
        QPoint onText;
        for (int y = option.rect.top(); y < option.rect.bottom() && onText.isNull(); y += 2)
            for (int x = option.rect.left(); x < option.rect.right(); x += 3) {
                const QString link = view.messageDelegate()->linkAt(option, index, QPoint(x, y));
                if (!link.isEmpty() && onLink.isNull())
                    onLink = QPoint(x, y);
                if (link.isEmpty() && !onLink.isNull() && y == onLink.y() && onText.isNull())
                    onText = QPoint(x, y);
            }
        QVERIFY(!onLink.isNull());
        QSignalSpy xmpp(&view, &ui::ChatView::xmppUriActivated);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onLink);
        QCOMPARE(xmpp.size(), 1);
        QCOMPARE(xmpp.first().first().toUrl(), QUrl(QStringLiteral("xmpp:anna@parla.im?message")));
        // Just past the link ("and text"): no link, no signal.
        QVERIFY(!onText.isNull());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onText);
        QCOMPARE(xmpp.size(), 1);
    }

    void pickerSearchAndKeyboardInsert()
    {
        ui::Composer composer;
        composer.resize(500, 120);
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QTest::keyClicks(composer.edit(), QStringLiteral("nice "));
        QTest::keyClick(composer.edit(), Qt::Key_Period, Qt::ControlModifier);
        ui::EmojiPicker *picker = composer.emojiPicker();
        QVERIFY(picker);
        QVERIFY(picker->isVisible());
        QCOMPARE(picker->tabBar()->count(), ui::EmojiCatalog::instance().categories().size() + 1);
        QVERIFY(!picker->tabBar()->accessibleTabName(1).isEmpty());
        QVERIFY(picker->grid()->count() > 50); // the first category (nothing recent yet)

        QTest::keyClicks(picker->searchField(), QStringLiteral("thumbsup"));
        QVERIFY(picker->grid()->count() >= 1);
        QCOMPARE(picker->grid()->item(0)->text(), QStringLiteral("👍"));
        QTest::keyClick(picker->searchField(), Qt::Key_Down);
        QVERIFY(picker->grid()->hasFocus());
        QTest::keyClick(picker->grid(), Qt::Key_Return);
        QVERIFY(!picker->isVisible());
        QCOMPARE(composer.edit()->toPlainText(), QStringLiteral("nice 👍"));
        QCOMPARE(ui::EmojiRecents::load().value(0), QStringLiteral("👍"));

        // Reopened: the recently used tab comes first and holds it; arrows move in the grid.
        composer.emojiButton()->click();
        QVERIFY(picker->isVisible());
        QCOMPARE(picker->tabBar()->currentIndex(), 0);
        QCOMPARE(picker->grid()->item(0)->text(), QStringLiteral("👍"));
        picker->showCategory(1);
        picker->grid()->setFocus();
        QTest::keyClick(picker->grid(), Qt::Key_Right);
        const QString second = picker->grid()->currentItem()->text();
        QCOMPARE(second, picker->grid()->item(1)->text());
        QTest::keyClick(picker->grid(), Qt::Key_Enter);
        QCOMPARE(composer.edit()->toPlainText(), QStringLiteral("nice 👍") + second);
        // Esc closes without inserting.
        composer.openEmojiPicker();
        QTest::keyClick(picker->searchField(), Qt::Key_Escape);
        QVERIFY(!picker->isVisible());
        QCOMPARE(composer.edit()->toPlainText(), QStringLiteral("nice 👍") + second);
    }

    void shortcodeCompletion()
    {
        ui::Composer composer;
        composer.resize(500, 300);
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        QSignalSpy sent(&composer, &ui::Composer::sendRequested);
        ui::ComposerEdit *edit = composer.edit();
        ui::EmojiCompleter *completer = composer.emojiCompleter();

        QTest::keyClicks(edit, QStringLiteral("hi :smi"));
        QVERIFY(completer->isPopupVisible());
        QListWidget *list = completer->popup();
        QVERIFY(list->count() >= 2);
        QTest::keyClick(edit, Qt::Key_Down);
        const QString chosen = list->currentItem()->data(Qt::UserRole).toString();
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(edit->toPlainText(), QStringLiteral("hi ") + chosen);
        QVERIFY(!completer->isPopupVisible());
        QCOMPARE(sent.size(), 0); // Enter completed, it did not send

        // Tab completes too; Esc closes and the next Enter sends as usual.
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral(":heart_ey"));
        QVERIFY(completer->isPopupVisible());
        QTest::keyClick(edit, Qt::Key_Tab);
        QCOMPARE(edit->toPlainText(), QStringLiteral("😍"));
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("see :thu"));
        QVERIFY(completer->isPopupVisible());
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(!completer->isPopupVisible());
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().first().toString(), QStringLiteral("see :thu"));

        // A full :shortcode: is replaced as it is typed; times and words with colons are not.
        QTest::keyClicks(edit, QStringLiteral("ok :smile: at 10:30: a:bc"));
        QCOMPARE(edit->toPlainText(), QStringLiteral("ok 😄 at 10:30: a:bc"));
        QVERIFY(!completer->isPopupVisible());
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(sent.size(), 2);
    }
};

QTEST_MAIN(TestMessageStyle)
#include "tst_messagestyle.moc"
