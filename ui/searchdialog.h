// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListView;
class QStandardItemModel;
class QTimer;

namespace parla {
class Session;
}

namespace parla::ui {

/// Full-text search over every account's history (SearchApi::searchMessages): a query field,
/// live results as the user types (debounced; the search itself runs off the GUI thread), each
/// with the contact, the time and the snippet with the matched words highlighted. Enter or a
/// double-click on a result emits messageChosen and hides the dialog.
///
/// Snippets are drawn as plain text with highlight ranges (never as HTML), so markup in a
/// message body shows as the characters it is.
class SearchDialog : public QDialog
{
    Q_OBJECT
public:
    /// Item data roles of the results model.
    enum ResultRole
    {
        HitAccountRole = Qt::UserRole + 1, ///< QString
        HitPeerRole,                       ///< QString
        HitMessageIdRole,                  ///< qint64
        HitTitleRole,                      ///< QString, contact name
        HitTimeRole,                       ///< QDateTime (UTC)
        HitSnippetRole,                    ///< QString, plain text
        HitMatchesRole,                    ///< QVariantList of QPoint(start, length)
    };

    static constexpr int kDebounceMs = 150;
    static constexpr int kResultLimit = 50;

    explicit SearchDialog(Session *session, QWidget *parent = nullptr);

    QLineEdit *queryField() const { return m_query; }
    QListView *resultView() const { return m_results; }
    QStandardItemModel *resultModel() const { return m_model; }
    /// Runs the search for the current text now (skipping the debounce).
    void searchNow();

Q_SIGNALS:
    void messageChosen(const QString &account, const QString &peer, qint64 messageId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void activate(const QModelIndex &index);
    QString contactName(const QString &account, const QString &peer) const;

    Session *m_session;
    QLineEdit *m_query;
    QListView *m_results;
    QLabel *m_status;
    QStandardItemModel *m_model;
    QTimer *m_debounce;
    quint64 m_generation = 0;
    bool m_activateWhenDone = false; ///< Enter pressed before the results came
};

} // namespace parla::ui
