// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/searchapi.h"

namespace parla::test {

class FakeSession;

/// SearchApi for UI tests: a case-insensitive substring search over searchCorpus.
class FakeSearch : public SearchApi
{
    Q_OBJECT
public:
    explicit FakeSearch(FakeSession &root) : m_root(root) {}

    /// One hit per corpus entry whose snippet holds the text (snippet = whole body), at once.
    Task<xmpp::Result<QList<SearchHit>>>
    searchMessages(const QString &text, const SearchFilter &filter, int limit) override;

    /// What searchMessages() searches: one hit per message, the body in `snippet`.
    QList<SearchHit> searchCorpus;

private:
    FakeSession &m_root;
};

} // namespace parla::test
