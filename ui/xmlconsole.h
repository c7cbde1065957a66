// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace parla {
class Session;
}

namespace parla::ui {

/// One account's raw XMPP traffic (both directions, coloured), with pause, clear, a text filter
/// and a box to send one raw stanza. Shows the text as received: the UI never parses XML.
class XmlConsole : public QWidget
{
    Q_OBJECT
public:
    XmlConsole(Session *session, const QString &account, QWidget *parent = nullptr);

    QString account() const { return m_account; }
    QPlainTextEdit *log() const { return m_log; }
    QPlainTextEdit *input() const { return m_input; }
    QLabel *errorLabel() const { return m_error; }
    void setPaused(bool paused);
    void setFilter(const QString &text);
    void clear();

public Q_SLOTS:
    void send();

private:
    struct Entry
    {
        bool incoming;
        QString time;
        QString xml;
    };
    void onTraffic(const QString &account, bool incoming, const QByteArray &xml);
    void appendEntry(const Entry &e);
    void rerender();

    Session *m_session;
    QString m_account;
    QList<Entry> m_entries;
    QString m_filter;
    bool m_paused = false;
    QPlainTextEdit *m_log;
    QPlainTextEdit *m_input;
    QLineEdit *m_filterEdit;
    QCheckBox *m_pause;
    QLabel *m_error;
};

} // namespace parla::ui
