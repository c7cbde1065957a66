// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLineEdit;
class QListWidget;
class QTabBar;

namespace parla::ui {

/// A popup to pick an emoji: a search field (shortcodes and names), category tabs with
/// "Recently used" first, and a grid. Fully keyboard-driven: type to search, Down or Tab into the
/// grid, arrows to move, Enter to insert, Esc to close. Every part has an accessible name and
/// each emoji its Unicode name, so screen readers can use it too.
class EmojiPicker : public QFrame
{
    Q_OBJECT
public:
    explicit EmojiPicker(QWidget *parent = nullptr);

    /// Shows the picker as a popup whose bottom-left corner is at `bottomLeft` (global).
    void popup(const QPoint &bottomLeft);
    /// Shows a category by tab index (0: recently used).
    void showCategory(int tab);

    QLineEdit *searchField() const { return m_search; }
    QTabBar *tabBar() const { return m_tabs; }
    QListWidget *grid() const { return m_grid; }

Q_SIGNALS:
    /// The user picked an emoji (it is also remembered as recently used).
    void emojiChosen(const QString &emoji);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void fill(const QStringList &emoji);
    void applySearch();
    void chooseCurrent();

    QLineEdit *m_search;
    QTabBar *m_tabs;
    QListWidget *m_grid;
};

} // namespace parla::ui
