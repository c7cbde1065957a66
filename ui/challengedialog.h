// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/services/roomtypes.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QLineEdit;

namespace parla {
class Session;
}

namespace parla::ui {

/// A room's CAPTCHA (XEP-0158): the image if there is one, one line per question field (ocr,
/// qa, …, with the form's labels), and the fallback URL for solving it in a browser. OK sends
/// the filled form with RoomsApi::answerChallenge; hidden fields go back unchanged (§3.3).
class ChallengeDialog : public QDialog
{
    Q_OBJECT
public:
    ChallengeDialog(Session *session, QString account, RoomChallenge challenge,
                    QWidget *parent = nullptr);

    /// The answer field of `var`, null if the form has none.
    QLineEdit *answerField(const QString &var) const { return m_fields.value(var); }
    bool hasImage() const { return m_hasImage; }
    QLabel *fallbackLink() const { return m_url; }

public Q_SLOTS:
    void accept() override;

private:
    Session *m_session;
    QString m_account;
    RoomChallenge m_challenge;
    QHash<QString, QLineEdit *> m_fields;
    QLabel *m_url = nullptr;
    bool m_hasImage = false;
};

} // namespace parla::ui
