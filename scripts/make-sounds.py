#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Synthesises resources/sounds/message.wav: a soft two-tone chime (E6 then A5 with a fifth
above), 16-bit mono PCM at 22.05 kHz. Written from scratch here, so the sound is as free as the
code. Run: python3 scripts/make-sounds.py [output]"""
import math
import struct
import sys
import wave

RATE = 22050


def tone(freq, start, length, total, gain):
    """One bell-like note: sine plus a quiet octave, quick attack, exponential decay."""
    out = [0.0] * total
    first = int(start * RATE)
    for i in range(int(length * RATE)):
        t = i / RATE
        attack = min(1.0, t / 0.006)
        decay = math.exp(-t * 7.0)
        s = math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(2 * math.pi * 2 * freq * t)
        if first + i < total:
            out[first + i] = gain * attack * decay * s
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "resources/sounds/message.wav"
    duration = 0.75
    total = int(duration * RATE)
    notes = [tone(1318.5, 0.0, 0.45, total, 0.45),   # E6
             tone(880.0, 0.14, 0.6, total, 0.45),     # A5
             tone(1318.5, 0.14, 0.6, total, 0.12)]    # its fifth, for warmth
    mixed = [sum(n[i] for n in notes) for i in range(total)]
    peak = max(abs(x) for x in mixed)
    fade = int(0.05 * RATE)  # no click at the end
    frames = bytearray()
    for i, x in enumerate(mixed):
        if i >= total - fade:
            x *= (total - i) / fade
        frames += struct.pack("<h", int(round(x / peak * 0.7 * 32767)))
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(frames))


if __name__ == "__main__":
    main()
