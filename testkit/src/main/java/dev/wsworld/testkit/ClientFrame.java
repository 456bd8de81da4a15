package dev.wsworld.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One frame as a {@link ScriptedServer} read it from the client, after any extension (a compressed
 * frame is recorded as its plain payload).
 *
 * @param opcode the frame's opcode, such as {@link #TEXT} or {@link #CLOSE}; a continuation frame
 *     has {@link #CONTINUATION}
 * @param fin whether it is the last frame of its message
 * @param masked whether the client masked it, as every client must
 * @param payload its payload, unmasked; for a close frame the two-byte code and the reason
 */
@SuppressWarnings("ArrayRecordComponent") // equals and hashCode below compare the payload's bytes
public record ClientFrame(int opcode, boolean fin, boolean masked, byte[] payload) {
    /** Opcode of a continuation frame. */
    public static final int CONTINUATION = 0x0;

    /** Opcode of a text frame. */
    public static final int TEXT = 0x1;

    /** Opcode of a binary frame. */
    public static final int BINARY = 0x2;

    /** Opcode of a close frame. */
    public static final int CLOSE = 0x8;

    /** Opcode of a ping frame. */
    public static final int PING = 0x9;

    /** Opcode of a pong frame. */
    public static final int PONG = 0xA;

    /**
     * Copies the payload, so the record stays as recorded.
     *
     * @param opcode the frame's opcode
     * @param fin whether it is the last frame of its message
     * @param masked whether the client masked it
     * @param payload its payload, unmasked
     */
    public ClientFrame {
        payload = payload.clone();
    }

    /**
     * The payload, as recorded.
     *
     * @return a copy
     */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * The payload as UTF-8 text: a text frame's message (when it is one frame), a ping's data.
     *
     * @return the text
     */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * The payload as lower-case hex, as {@code binary} events carry it.
     *
     * @return the hex digits
     */
    public String hex() {
        return HexFormat.of().formatHex(payload);
    }

    /**
     * The close code of a close frame.
     *
     * @return the code; empty for another frame, or a close frame without a code
     */
    public OptionalInt closeCode() {
        if (opcode != CLOSE || payload.length < 2) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(ByteBuffer.wrap(payload, 0, 2).getShort() & 0xFFFF);
    }

    /**
     * The reason of a close frame.
     *
     * @return the reason; empty for another frame or a close frame without one
     */
    public String closeReason() {
        if (opcode != CLOSE || payload.length <= 2) {
            return "";
        }
        return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientFrame frame
                && frame.opcode == opcode
                && frame.fin == fin
                && frame.masked == masked
                && Arrays.equals(frame.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(opcode, fin, masked) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String kind =
                switch (opcode) {
                    case CONTINUATION -> "continuation";
                    case TEXT -> "text";
                    case BINARY -> "binary";
                    case CLOSE -> "close";
                    case PING -> "ping";
                    case PONG -> "pong";
                    default -> "opcode " + opcode;
                };
        String shown =
                opcode == CLOSE
                        ? closeCode().stream().mapToObj(String::valueOf).findFirst().orElse("")
                                + " "
                                + closeReason()
                        : opcode == BINARY ? hex() : text();
        return kind + (fin ? "" : " (not fin)") + (masked ? "" : " UNMASKED") + " " + shown;
    }
}
