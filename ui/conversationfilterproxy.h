// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace parla::ui {

/// Filters the conversation list by a text found (case-insensitively) in the title or the peer's
/// JID. Keeps the core's order (most recent first).
class ConversationFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ConversationFilterProxy(QObject *parent = nullptr);
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace parla::ui
