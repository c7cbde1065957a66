// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the libFuzzer targets in tests/fuzz: invariant checks that abort (so libFuzzer keeps
// the input as a crash) and the decoding of fuzz bytes into the values a parser receives.

#include <QByteArray>
#include <QByteArrayView>
#include <QDebug>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

/// Aborts with the failed condition when an invariant does not hold.
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace parla::fuzz {

inline QByteArrayView bytes(const uint8_t *data, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

/// Text as a parser gets it from the wire: the stream parser has already refused invalid UTF-8,
/// so decoding replaces what is invalid.
inline QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(bytes(data, size));
}

/// Reads fuzz bytes as a sequence of small choices and strings, for targets that build values
/// instead of parsing one buffer. Running out of input yields zeros and empty strings.
class Reader
{
public:
    Reader(const uint8_t *data, size_t size) : m_data(data), m_size(size) {}

    bool atEnd() const { return m_pos >= m_size; }
    uint8_t byte() { return m_pos < m_size ? m_data[m_pos++] : 0; }
    /// A string of up to 255 UTF-16 code units taken as raw 16-bit values, so lone surrogates
    /// and every control character can occur (what a programmer may put into an Element).
    QString rawString()
    {
        const int length = byte() % 24;
        QString s;
        for (int i = 0; i < length && m_pos + 1 < m_size; ++i, m_pos += 2)
            s.append(QChar(char16_t(m_data[m_pos] | (m_data[m_pos + 1] << 8))));
        return s;
    }
    /// A string drawn from `choices` (by index) or, one time in four, a raw string.
    template <size_t N>
    QString pick(const QString (&choices)[N])
    {
        const uint8_t b = byte();
        if (b % 4 == 3)
            return rawString();
        return choices[(b / 4) % N];
    }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
};

} // namespace parla::fuzz
