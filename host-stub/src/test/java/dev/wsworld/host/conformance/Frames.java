package dev.wsworld.host.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Server frames built byte by byte (RFC 6455 5.2), including the wrong ones. */
final class Frames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private Frames() {}

    /**
     * One frame; {@code rsv} is the three reserved bits (0 to 7); {@code mask} non-null masks it
     * (servers must not).
     */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, byte[] mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | opcode & 0x0F);
        int maskBit = mask == null ? 0 : 0x80;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >> shift) & 0xFF);
            }
        }
        byte[] body = payload.clone();
        if (mask != null) {
            out.writeBytes(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, 0, opcode, payload, null);
    }

    static byte[] text(String text) {
        return frame(true, TEXT, utf8(text));
    }

    static byte[] binary(byte[] data) {
        return frame(true, BINARY, data);
    }

    static byte[] close(int code, String reason) {
        return frame(true, CLOSE, closePayload(code, utf8(reason)));
    }

    static byte[] closePayload(int code, byte[] reason) {
        return ByteBuffer.allocate(2 + reason.length).putShort((short) code).put(reason).array();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes 0, 1, 2, … of the given length: a payload whose every byte is checked. */
    static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return data;
    }

    /** ASCII text of the given length. */
    static String letters(int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = (char) ('a' + i % 26);
        }
        return new String(text);
    }

    /** Seeded pseudo-random letters: text that compresses, but only by what repeats in it. */
    static String randomLetters(int length, long seed) {
        java.util.Random random = new java.util.Random(seed);
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(text);
    }

    /** Seeded pseudo-random bytes. */
    static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new java.util.Random(seed).nextBytes(data);
        return data;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code bytes} cut into writes of {@code size} bytes. */
    static List<byte[]> chunks(byte[] bytes, int size) {
        List<byte[]> writes = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += size) {
            writes.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size)));
        }
        return writes;
    }

    /** RFC 7692 7.2.1: raw deflate, flushed, without its final empty block's 00 00 FF FF. */
    static byte[] deflate(byte[] data) {
        java.util.zip.Deflater deflater =
                new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        int written;
        do {
            written = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
            out.write(buffer, 0, written);
        } while (written == buffer.length);
        deflater.end();
        byte[] bytes = out.toByteArray();
        return Arrays.copyOf(bytes, bytes.length - 4);
    }

    /** A compressed message in one frame: RSV1 set (RFC 7692 6). */
    static byte[] deflated(boolean fin, int opcode, byte[] data) {
        return frame(fin, 4, opcode, deflate(data), null);
    }

    /**
     * Raw deflate at {@code level} ({@link java.util.zip.Deflater#NO_COMPRESSION} makes stored
     * blocks), either sync-flushed without its tail or ending in a final block (BFINAL), to which
     * {@code emptyBlock} adds the one 00 byte RFC 7692 7.2.3.4 puts after it.
     */
    static byte[] deflate(int level, byte[] data, boolean bfinal, boolean emptyBlock) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(level, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        if (bfinal) {
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            if (emptyBlock) {
                out.write(0);
            }
        } else {
            int written;
            do {
                written =
                        deflater.deflate(
                                buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
                out.write(buffer, 0, written);
            } while (written == buffer.length);
        }
        deflater.end();
        byte[] bytes = out.toByteArray();
        return bfinal ? bytes : Arrays.copyOf(bytes, bytes.length - 4);
    }

    /**
     * A server's compressor for one connection, keeping to what its answer said (RFC 7692 7.1):
     * with {@code server_no_context_takeover} each message starts from an empty window; with {@code
     * server_max_window_bits} below 15 the window is emptied every 2^bits bytes (a back-reference
     * never reaches further than the data since), after a sync flush.
     */
    static final class Compressor {
        private final java.util.zip.Deflater deflater =
                new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        private final boolean contextTakeover;
        private final int window;
        private int sinceReset;

        Compressor(boolean contextTakeover, int windowBits) {
            this.contextTakeover = contextTakeover;
            this.window = 1 << windowBits;
        }

        /** One message's payload, its sync flush tail dropped. */
        byte[] message(byte[] data) {
            if (!contextTakeover) {
                deflater.reset();
                sinceReset = 0;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            int at = 0;
            do {
                if (window < 32768 && sinceReset == window) {
                    deflater.reset();
                    sinceReset = 0;
                }
                int take =
                        window < 32768
                                ? Math.min(data.length - at, window - sinceReset)
                                : data.length - at;
                deflater.setInput(data, at, take);
                at += take;
                sinceReset += take;
                int written;
                do {
                    written =
                            deflater.deflate(
                                    buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, written);
                } while (written == buffer.length);
            } while (at < data.length);
            byte[] bytes = out.toByteArray();
            return Arrays.copyOf(bytes, bytes.length - 4);
        }
    }

    static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
