// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagestyling.h"

#include <array>

namespace parla::text {

namespace {

constexpr std::array<QChar, 4> kSpanChars = {QLatin1Char('*'), QLatin1Char('_'), QLatin1Char('~'),
                                             QLatin1Char('`')};
constexpr std::array<Style, 4> kSpanStyles = {Style::Strong, Style::Emphasis, Style::Strike,
                                              Style::Preformatted};

int spanKind(QChar c)
{
    for (int k = 0; k < int(kSpanChars.size()); ++k)
        if (kSpanChars[k] == c)
            return k;
    return -1;
}

/// XEP-0393 §3: "White_Space" property or category Z.
bool isWhite(QChar c)
{
    return c.isSpace();
}

class Parser
{
public:
    explicit Parser(QStringView text) : m_text(text), m_flags(text.size(), 0) {}

    StyledText run()
    {
        QList<Range> lines;
        int start = 0;
        for (;;) {
            const qsizetype nl = m_text.indexOf(QLatin1Char('\n'), start);
            const int end = nl < 0 ? int(m_text.size()) : int(nl);
            lines.append({start, end, int(m_lines.size())});
            m_lines.append({start, end - start, 0, false});
            if (nl < 0)
                break;
            start = end + 1;
        }
        blocks(lines, 0);

        StyledText out;
        out.lines = m_lines;
        for (int i = 0; i < m_flags.size();) {
            const quint16 f = m_flags[i];
            int j = i + 1;
            while (j < m_flags.size() && m_flags[j] == f)
                ++j;
            if (f)
                out.runs.append({i, j - i, Styles::fromInt(f)});
            i = j;
        }
        return out;
    }

private:
    /// A line's content left after its quote markers: [start, end) in the body.
    struct Range
    {
        int start;
        int end;
        int line;
    };

    void mark(int from, int to, Styles s)
    {
        for (int i = from; i < to; ++i)
            m_flags[i] |= quint16(s.toInt());
    }

    bool startsWith(const Range &r, QStringView prefix) const
    {
        return m_text.sliced(r.start, r.end - r.start).startsWith(prefix);
    }

    /// §5.1: a block's lines are plain lines, code blocks or quotes (whose children are blocks).
    void blocks(const QList<Range> &lines, int depth)
    {
        const QStringView fence = u"```";
        for (int i = 0; i < lines.size();) {
            const Range &l = lines[i];
            if (startsWith(l, fence)) {
                // §5.1.2: ends at a line of exactly "```" or at the end of the parent block.
                // The opening line's rest is a hint that is not shown as text of its own.
                m_lines[l.line].codeBlock = true;
                mark(l.start, l.end, Style::CodeBlock | Style::Directive);
                int j = i + 1;
                for (; j < lines.size(); ++j) {
                    const Range &c = lines[j];
                    m_lines[c.line].codeBlock = true;
                    if (c.end - c.start == 3 && startsWith(c, fence)) {
                        mark(c.start, c.end, Style::CodeBlock | Style::Directive);
                        break;
                    }
                    mark(c.start, c.end, Style::CodeBlock);
                }
                i = j + 1;
                continue;
            }
            if (l.end > l.start && m_text[l.start] == QLatin1Char('>') && depth < kMaxQuoteDepth) {
                // §5.1.3: consecutive lines beginning with '>'; the first leading whitespace
                // character of each is trimmed before its content is parsed as blocks.
                QList<Range> children;
                int j = i;
                for (; j < lines.size(); ++j) {
                    const Range &q = lines[j];
                    if (q.end == q.start || m_text[q.start] != QLatin1Char('>'))
                        break;
                    mark(q.start, q.start + 1, Style::QuoteMarker | Style::Directive);
                    m_lines[q.line].quoteDepth = depth + 1;
                    int content = q.start + 1;
                    if (content < q.end && isWhite(m_text[content]))
                        ++content;
                    children.append({content, q.end, q.line});
                }
                blocks(children, depth + 1);
                i = j;
                continue;
            }
            spans(l.start, l.end, 0);
            ++i;
        }
    }

    /// The first position >= from holding a valid closing directive of kind k (a directive
    /// character not preceded by whitespace, §5.2), or the body's length. Precomputed right to
    /// left once, so matching never rescans a line (linear even for "*a *a *a …").
    int nextCloser(int k, int from)
    {
        if (m_next[k].isEmpty()) {
            const int n = int(m_text.size());
            m_next[k].resize(n + 1);
            m_next[k][n] = n;
            for (int i = n - 1; i >= 0; --i) {
                const bool closer = m_text[i] == kSpanChars[k] && i > 0 && !isWhite(m_text[i - 1]);
                m_next[k][i] = closer ? i : m_next[k][i + 1];
            }
        }
        return m_next[k][from];
    }

    /// §5.2: spans inside [start, end) of one line, lazily matched left to right. `outer` holds
    /// the kinds of the enclosing spans, which cannot open again inside themselves.
    void spans(int start, int end, int outer)
    {
        for (int i = start; i < end;) {
            const int k = spanKind(m_text[i]);
            // The opening directive is at the start of the block or of the enclosing span's
            // content (i.e. right after a different opening directive) or after whitespace,
            // and is not followed by whitespace.
            if (k >= 0 && !(outer & (1 << k)) && (i == start || isWhite(m_text[i - 1])) &&
                i + 1 < end && !isWhite(m_text[i + 1])) {
                const int j = nextCloser(k, i + 1);
                if (j < end) {
                    if (j == i + 1) {
                        // Nothing between the directives: neither is valid.
                        i += 2;
                        continue;
                    }
                    mark(i, j + 1, kSpanStyles[k]);
                    mark(i, i + 1, Style::Directive);
                    mark(j, j + 1, Style::Directive);
                    // §5.2.5: a preformatted span holds only plain text.
                    if (kSpanStyles[k] != Style::Preformatted)
                        spans(i + 1, j, outer | (1 << k));
                    i = j + 1;
                    continue;
                }
            }
            ++i;
        }
    }

    QStringView m_text;
    QList<quint16> m_flags;
    QList<StyledLine> m_lines;
    std::array<QList<int>, 4> m_next;
};

} // namespace

StyledText parseStyling(QStringView body)
{
    return Parser(body).run();
}

std::optional<QStringView> meAction(QStringView body)
{
    if (body.startsWith(u"/me "))
        return body.sliced(4);
    return std::nullopt;
}

} // namespace parla::text
