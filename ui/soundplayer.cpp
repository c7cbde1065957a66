// SPDX-License-Identifier: GPL-3.0-or-later
#include "soundplayer.h"

#include <QAudioDevice>
#include <QLoggingCategory>
#include <QMediaDevices>
#include <QSoundEffect>

namespace parla::ui {

Q_LOGGING_CATEGORY(lcSound, "parla.ui.sound")

SoundPlayer::SoundPlayer(const QUrl &source, QObject *parent) : QObject(parent), m_source(source) {}

void SoundPlayer::play()
{
    if (!m_available)
        return;
    if (!m_effect) {
        const QAudioDevice device = QMediaDevices::defaultAudioOutput();
        if (device.isNull()) {
            qCInfo(lcSound) << "no audio output device; message sounds are off";
            m_available = false;
            return;
        }
        m_effect = new QSoundEffect(device, this);
        connect(m_effect, &QSoundEffect::statusChanged, this, [this] {
            if (m_effect->status() == QSoundEffect::Error) {
                qCInfo(lcSound) << "cannot play" << m_source << "; message sounds are off";
                m_available = false;
            }
        });
        m_effect->setSource(m_source);
        m_effect->setVolume(0.6f);
    }
    // Playing before the file is loaded is fine: QSoundEffect starts once it is ready.
    m_effect->play();
}

} // namespace parla::ui
