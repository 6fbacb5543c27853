package com.educonsult.crm.calls;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A short, quiet two-tone WAV (8 kHz, 16-bit mono PCM) standing in for a demo call's recording. */
final class DemoAudio {

    static final int SECONDS = 3;
    private static final int RATE = 8_000;
    static final int BITRATE_KBPS = RATE * 16 / 1000;

    private DemoAudio() {
    }

    static byte[] toneWav() {
        int samples = RATE * SECONDS;
        int dataBytes = samples * 2;
        ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
                .putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(dataBytes);
        for (int i = 0; i < samples; i++) {
            double frequency = i < samples / 2 ? 440 : 660;
            double fade = Math.min(1, Math.min(i, samples - i) / (RATE * 0.05));
            wav.putShort((short) (Math.sin(2 * Math.PI * frequency * i / RATE) * 3_000 * fade));
        }
        return wav.array();
    }
}
