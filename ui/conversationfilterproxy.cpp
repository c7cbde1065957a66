// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversationfilterproxy.h"

#include "core/models/roles.h"

namespace parla::ui {

using namespace parla::models;

ConversationFilterProxy::ConversationFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void ConversationFilterProxy::setFilterText(const QString &text)
{
    if (m_text == text)
        return;
    m_text = text;
    invalidateFilter();
}

bool ConversationFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QString needle = m_text.trimmed();
    if (needle.isEmpty())
        return true;
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    return i.data(ConversationTitleRole).toString().contains(needle, Qt::CaseInsensitive) ||
           i.data(ConversationPeerRole).toString().contains(needle, Qt::CaseInsensitive);
}

} // namespace parla::ui
