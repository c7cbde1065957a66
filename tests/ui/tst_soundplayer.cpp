// SPDX-License-Identifier: GPL-3.0-or-later
// The message sound: the bundled file is a short 16-bit WAV, and playing it where there is no
// audio output (CI, no PulseAudio sink) neither crashes nor blocks; it says so once.
#include "ui/soundplayer.h"

#include <QAudioDevice>
#include <QFile>
#include <QMediaDevices>
#include <QTest>
#include <QtEndian>

class TestSoundPlayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bundledSoundIsASmallWav()
    {
        QFile f(QStringLiteral(":/sounds/message.wav"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray wav = f.readAll();
        QVERIFY(wav.size() < 100 * 1024);
        QCOMPARE(wav.left(4), QByteArray("RIFF"));
        QCOMPARE(wav.mid(8, 4), QByteArray("WAVE"));
        QCOMPARE(qFromLittleEndian<quint16>(wav.constData() + 20), quint16(1));  // PCM
        QCOMPARE(qFromLittleEndian<quint16>(wav.constData() + 34), quint16(16)); // bits
    }

    void playingWithoutAudioDeviceIsHarmless()
    {
        parla::ui::SoundPlayer player;
        const bool haveOutput = !QMediaDevices::defaultAudioOutput().isNull();
        if (!haveOutput)
            QTest::ignoreMessage(QtInfoMsg, "no audio output device; message sounds are off");
        player.play();
        player.play(); // and again: still no crash, no second log line
        if (!haveOutput)
            QVERIFY(!player.isAvailable());
    }
};

QTEST_MAIN(TestSoundPlayer)
#include "tst_soundplayer.moc"
