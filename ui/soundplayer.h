// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QUrl>

class QSoundEffect;

namespace parla::ui {

/// Plays a short sound (Qt Multimedia's QSoundEffect, loaded on first use). Where no audio
/// output exists (no PulseAudio sink, a headless machine) it logs that once and stays silent:
/// a chat client must never stall or crash over a missing speaker.
class SoundPlayer : public QObject
{
    Q_OBJECT
public:
    explicit SoundPlayer(const QUrl &source = QUrl(QStringLiteral("qrc:/sounds/message.wav")),
                         QObject *parent = nullptr);

    void play();
    /// False once it is known that nothing can be played.
    bool isAvailable() const { return m_available; }

private:
    QUrl m_source;
    QSoundEffect *m_effect = nullptr;
    bool m_available = true;
};

} // namespace parla::ui
