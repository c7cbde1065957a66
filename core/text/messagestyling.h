// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFlags>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace parla::text {

/// What a character of a message body means under XEP-0393 (Message Styling).
enum class Style : quint16
{
    None = 0,
    Strong = 1 << 0,       ///< *strong* (§5.2.3)
    Emphasis = 1 << 1,     ///< _emphasis_ (§5.2.2)
    Strike = 1 << 2,       ///< ~strikethrough~ (§5.2.4)
    Preformatted = 1 << 3, ///< `preformatted span` (§5.2.5)
    CodeBlock = 1 << 4,    ///< a line of a ``` preformatted code block (§5.1.2)
    Directive = 1 << 5,    ///< a styling directive; shown, but dimmed (§8 recommends showing them)
    QuoteMarker = 1 << 6,  ///< the '>' of a block quote (§5.1.3), also a Directive
};
Q_DECLARE_FLAGS(Styles, Style)
Q_DECLARE_OPERATORS_FOR_FLAGS(Styles)

/// A maximal range of the body with the same, non-empty set of styles.
struct StyledRun
{
    int start = 0;
    int length = 0;
    Styles styles;
    bool operator==(const StyledRun &) const = default;
};

/// One line of the body ('\n'-separated, without the '\n') and its block context.
struct StyledLine
{
    int start = 0;
    int length = 0;
    int quoteDepth = 0;     ///< how many block quotes contain this line
    bool codeBlock = false; ///< inside a preformatted code block (including its ``` lines)
    bool operator==(const StyledLine &) const = default;
};

struct StyledText
{
    QList<StyledRun> runs; ///< sorted, non-overlapping; unstyled text has no run
    QList<StyledLine> lines;
};

/// Parses a message body per XEP-0393 §5: first blocks (plain lines, ``` code blocks, nested
/// > quotes), then the spans inside each plain line. Directives stay part of the text (the
/// caller renders them dimmed). Total and linear in the body's length: each character is looked
/// at a bounded number of times (span nesting is at most four deep, since a span cannot contain
/// a span of its own kind), and quote nesting beyond kMaxQuoteDepth is shown as plain text so a
/// hostile ">>>>…" cannot exhaust the stack.
StyledText parseStyling(QStringView body);

inline constexpr int kMaxQuoteDepth = 32;

/// XEP-0245 §2: a body beginning with the four characters "/me " is an action. Returns the
/// action text after "/me " (possibly empty), or nullopt for an ordinary message.
std::optional<QStringView> meAction(QStringView body);

} // namespace parla::text
