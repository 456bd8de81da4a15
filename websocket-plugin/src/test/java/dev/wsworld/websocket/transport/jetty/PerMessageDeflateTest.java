package dev.wsworld.websocket.transport.jetty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.transport.TransportListener;
import dev.wsworld.websocket.transport.TransportSession;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.eclipse.jetty.util.compression.CompressionPool;
import org.eclipse.jetty.util.compression.DeflaterPool;
import org.eclipse.jetty.util.compression.InflaterPool;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7692 7.2 both ways: what the server sends is inflated into whole messages (every block type,
 * final or not, followed by more), within the size limit; what the client sends inflates back,
 * message by message, on the agreed terms.
 */
class PerMessageDeflateTest {
    private static final byte[] SYNC_TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final List<String> messages = new ArrayList<>();
    private final CountingInflaterPool inflaters = new CountingInflaterPool();

    private MessageInflater inflater(DeflateAgreement agreement) {
        return new MessageInflater(agreement, inflaters);
    }

    private MessageAssembler assembler(DeflateAgreement agreement, long limit) {
        return new MessageAssembler(limit, limit, inflater(agreement), new Recorder());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer readOnly(byte[] bytes) {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer(); // as Jetty hands payloads over
    }

    /** Raw deflate of {@code data} by a fresh deflater: sync-flushed, tail dropped (RFC 7.2.1). */
    private static byte[] deflated(int level, byte[] data) {
        Deflater deflater = new Deflater(level, true);
        byte[] out = flush(deflater, data, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(out, out.length - SYNC_TAIL.length);
    }

    /** Raw deflate ending in a final block (BFINAL), as RFC 7692 7.2.3.4 shows. */
    private static byte[] deflatedFinal(int level, byte[] data) {
        Deflater deflater = new Deflater(level, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] flush(Deflater deflater, byte[] data, int mode) {
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int written;
        do {
            written = deflater.deflate(buffer, 0, buffer.length, mode);
            out.write(buffer, 0, written);
        } while (written == buffer.length);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte... b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String letters(int length, long seed) {
        Random random = new Random(seed);
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(text);
    }

    // ---------------------------------------------------------------- inflating

    @Test
    void theRfcExamplesInflate() {
        MessageAssembler assembler = assembler(DeflateAgreement.DEFAULTS, 0);
        HexFormat hex = HexFormat.of();
        // RFC 7692 7.2.3.1, 7.2.3.2 (the second refers back into the first), 7.2.3.3 (a stored
        // block), 7.2.3.4 (BFINAL), 7.2.3.5 (two blocks), in this order on one connection
        for (String payload :
                List.of(
                        "f248cdc9c90700",
                        "f200110000",
                        "000500faff48656c6c6f00",
                        "f348cdc9c9070000",
                        "f24805000000ffffcac9c90700")) {
            assembler.first(true, true, true, readOnly(hex.parseHex(payload)));
        }
        assertEquals(
                Arrays.asList(new String[5]).stream().map(x -> "text Hello").toList(), messages);
    }

    /**
     * The defect of issue 30: after a message ending in a final block (and the empty block RFC 7692
     * 7.2.3.4 puts after it), the next message came out empty.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "stored, not final",
                "stored, final",
                "stored, final, no empty block after",
                "fixed, not final",
                "fixed, final",
                "fixed, final, no empty block after",
                "dynamic, not final",
                "dynamic, final",
                "dynamic, final, no empty block after"
            })
    void everyBlockTypeFinalOrNotIsFollowedByWholeMessages(String kind) {
        String first =
                kind.startsWith("fixed")
                        ? "Hello"
                        : "the quick brown fox jumps over the lazy dog ".repeat(20);
        int level = kind.startsWith("stored") ? Deflater.NO_COMPRESSION : Deflater.BEST_COMPRESSION;
        byte[] payload;
        if (kind.contains("not final")) {
            payload = deflated(level, utf8(first));
        } else {
            payload = deflatedFinal(level, utf8(first));
            if (!kind.contains("no empty block")) {
                payload = concat(payload, (byte) 0); // RFC 7692 7.2.3.4
            }
        }
        for (DeflateAgreement agreement :
                List.of(DeflateAgreement.DEFAULTS, new DeflateAgreement(true, false, 15, 15))) {
            messages.clear();
            MessageAssembler assembler = assembler(agreement, 1 << 20);
            assembler.first(true, true, true, readOnly(payload));
            // an independent message of 19 bytes, then one that refers back into it
            Deflater sender = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            byte[] next = flush(sender, utf8("19 bytes after it!!"), Deflater.SYNC_FLUSH);
            assembler.first(true, true, true, readOnly(Arrays.copyOf(next, next.length - 4)));
            byte[] again = flush(sender, utf8("19 bytes after it!!"), Deflater.SYNC_FLUSH);
            sender.end();
            if (!agreement.serverNoContextTakeover()) {
                assembler.first(true, true, true, readOnly(Arrays.copyOf(again, again.length - 4)));
            }
            List<String> expected = new ArrayList<>(List.of("text " + first));
            expected.add("text 19 bytes after it!!");
            if (!agreement.serverNoContextTakeover()) {
                expected.add("text 19 bytes after it!!");
            }
            assertEquals(expected, messages, kind + " with " + agreement);
        }
    }

    @Test
    void aCompressedMessageCutIntoOneByteFragmentsArrivesWhole() {
        MessageAssembler assembler = assembler(DeflateAgreement.DEFAULTS, 1 << 20);
        String text = letters(3000, 1) + "é€";
        byte[] payload = deflated(Deflater.DEFAULT_COMPRESSION, utf8(text));
        for (int i = 0; i < payload.length; i++) {
            ByteBuffer one = readOnly(new byte[] {payload[i]});
            boolean fin = i == payload.length - 1;
            if (i == 0) {
                assembler.first(true, fin, true, one);
            } else {
                assembler.continuation(fin, false, one);
            }
        }
        assertEquals(List.of("text " + text), messages);
    }

    @Test
    void anEmptyCompressedMessageArrivesEmptyAndTheContextStaysIntact() {
        MessageAssembler assembler = assembler(DeflateAgreement.DEFAULTS, 1 << 20);
        Deflater sender = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] one = flush(sender, utf8("context"), Deflater.SYNC_FLUSH);
        assembler.first(true, true, true, readOnly(Arrays.copyOf(one, one.length - 4)));
        assembler.first(false, true, true, readOnly(new byte[0])); // no payload at all
        assembler.first(false, true, true, readOnly(new byte[] {0})); // RFC 7692 7.2.3.6
        byte[] two = flush(sender, utf8("context"), Deflater.SYNC_FLUSH);
        sender.end();
        assembler.first(true, true, true, readOnly(Arrays.copyOf(two, two.length - 4)));
        assertEquals(List.of("text context", "binary ", "binary ", "text context"), messages);
    }

    @Test
    void withoutServerContextTakeoverTheInflaterGoesBackToThePoolAfterEachMessage() {
        MessageInflater takesOver = inflater(DeflateAgreement.DEFAULTS);
        MessageInflater fresh = inflater(new DeflateAgreement(true, false, 9, 15));
        byte[] payload = deflated(Deflater.DEFAULT_COMPRESSION, utf8("hello hello hello"));
        List<String> out = new ArrayList<>();
        MessageInflater.Sink sink = (data, length) -> out.add(new String(data, 0, length));
        takesOver.inflate(readOnly(payload), true, sink);
        fresh.inflate(readOnly(payload), true, sink);
        assertEquals(List.of("hello hello hello", "hello hello hello"), out);
        assertTrue(takesOver.holdingInflater(), "context takeover keeps the window");
        assertFalse(fresh.holdingInflater(), "nothing to keep");
        takesOver.close();
        assertFalse(takesOver.holdingInflater(), "given back when the session ends");
        assertThrows(
                IllegalStateException.class,
                () -> takesOver.inflate(readOnly(payload), true, sink));
    }

    /**
     * Inflated data counts against maxMessageSize as it is made: 10 MiB of zeros (about 10 KiB on
     * the wire) is refused at the 1 MiB limit, held no larger than the limit and inflated no
     * further than one chunk past it.
     */
    @Test
    void aDeflateBombIsRefusedAtTheLimitWithoutBeingInflatedWhole() {
        int limit = 1 << 20;
        MessageAssembler assembler = assembler(DeflateAgreement.DEFAULTS, limit);
        inflaters.watch = assembler::heldCapacity;
        byte[] bomb = deflated(Deflater.BEST_COMPRESSION, new byte[10 << 20]);
        assertTrue(bomb.length < 20_000, bomb.length + " bytes on the wire");
        MessageTooLargeException tooLarge =
                assertThrows(
                        MessageTooLargeException.class,
                        () -> assembler.first(false, true, true, readOnly(bomb)));
        assertTrue(tooLarge.getMessage().contains("> " + limit), tooLarge.getMessage());
        assertEquals(0, assembler.heldCapacity(), "nothing is kept after a refusal");
        assertTrue(
                inflaters.largestHeld <= limit,
                "held " + inflaters.largestHeld + " bytes for a " + limit + "-byte limit");
        assertTrue(
                inflaters.inflated <= limit + 8 * 1024,
                "inflated " + inflaters.inflated + " bytes for a " + limit + "-byte limit");
        assertTrue(messages.isEmpty());
    }

    @Test
    void rsv1OnAContinuationOrWithoutAnAgreementAndDataThatIsNotDeflateAreRefused() {
        MessageAssembler assembler = assembler(DeflateAgreement.DEFAULTS, 1 << 20);
        assembler.first(true, false, true, readOnly(deflated(6, utf8("ab"))));
        assertThrows(
                ProtocolException.class,
                () -> assembler.continuation(true, true, readOnly(new byte[] {0})));
        MessageAssembler plain = new MessageAssembler(100, 100, null, new Recorder());
        assertThrows(
                ProtocolException.class,
                () -> plain.first(true, true, true, readOnly(new byte[1])));
        MessageAssembler other = assembler(DeflateAgreement.DEFAULTS, 1 << 20);
        assertThrows(
                BadPayloadException.class,
                () ->
                        other.first(
                                true, true, true, readOnly(HexFormat.of().parseHex("ffffffffff"))));
        assertTrue(messages.isEmpty());
    }

    // ---------------------------------------------------------------- deflating

    private static final DeflaterPool DEFLATERS =
            new DeflaterPool(CompressionPool.DEFAULT_CAPACITY, Deflater.DEFAULT_COMPRESSION, true);

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }

    /** RFC 7692 7.2.2, as a server reads a message: tail appended, then inflated. */
    private static byte[] inflate(Inflater inflater, byte[] payload) throws DataFormatException {
        inflater.setInput(concat(payload, SYNC_TAIL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = inflater.inflate(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void withContextTakeoverLaterMessagesReferBackAndInflateOnOneStream() throws Exception {
        MessageDeflater deflater = new MessageDeflater(DeflateAgreement.DEFAULTS, DEFLATERS);
        Inflater server = new Inflater(true);
        byte[] message = utf8(letters(400, 2));
        byte[] first = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
        byte[] second = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
        assertArrayEquals(message, inflate(server, first));
        assertArrayEquals(message, inflate(server, second));
        assertTrue(
                second.length < first.length / 4,
                "the repeat is a back-reference: " + second.length + " vs " + first.length);
        assertTrue(deflater.holdingDeflater());
        deflater.close();
        assertFalse(deflater.holdingDeflater());
    }

    @Test
    void withoutClientContextTakeoverEveryMessageInflatesOnItsOwn() throws Exception {
        MessageDeflater deflater =
                new MessageDeflater(new DeflateAgreement(false, true, 15, 15), DEFLATERS);
        byte[] message = utf8(letters(400, 3));
        for (int i = 0; i < 3; i++) {
            byte[] payload = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
            Inflater fresh = new Inflater(true); // knows nothing of earlier messages
            assertArrayEquals(message, inflate(fresh, payload), "message " + i);
            fresh.end();
            assertFalse(deflater.holdingDeflater(), "no deflater is kept between messages");
        }
    }

    @ParameterizedTest(name = "client_max_window_bits={0}")
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void underAnyWindowAMessageInFragmentsAndOnesAfterItInflateBack(int bits) throws Exception {
        MessageDeflater deflater =
                new MessageDeflater(new DeflateAgreement(false, false, 15, bits), DEFLATERS);
        Inflater server = new Inflater(true);
        String block = letters((1 << bits) + 100, bits);
        byte[] message = utf8(block + block);
        int half = message.length / 2;
        byte[] one = bytes(deflater.deflate(ByteBuffer.wrap(message, 0, half), false));
        byte[] two = bytes(deflater.deflate(ByteBuffer.wrap(message, half, half), true));
        assertArrayEquals(message, inflate(server, concat(one, two)));
        byte[] again = bytes(deflater.deflate(ByteBuffer.wrap(message), true));
        assertArrayEquals(message, inflate(server, again));
        byte[] empty = bytes(deflater.deflate(ByteBuffer.allocate(0), true));
        assertArrayEquals(new byte[] {0}, empty, "RFC 7692 7.2.3.6");
        assertArrayEquals(new byte[0], inflate(server, empty));
    }

    /**
     * Counts what its inflaters make and, at each step, looks at how much the {@code watch}ed
     * assembler holds.
     */
    private static final class CountingInflaterPool extends InflaterPool {
        long inflated;
        long largestHeld;
        java.util.function.IntSupplier watch = () -> 0;

        CountingInflaterPool() {
            super(CompressionPool.DEFAULT_CAPACITY, true);
        }

        @Override
        protected Inflater newPooled() {
            return new Inflater(true) {
                @Override
                public int inflate(byte[] output, int offset, int length)
                        throws DataFormatException {
                    largestHeld = Math.max(largestHeld, watch.getAsInt());
                    int n = super.inflate(output, offset, length);
                    inflated += n;
                    return n;
                }
            };
        }
    }

    private final class Recorder implements TransportListener {
        @Override
        public void onOpen(TransportSession session, String subprotocol) {}

        @Override
        public boolean onText(String text, int wireBytes) {
            assertEquals(utf8(text).length, wireBytes, "inflated size of " + text);
            messages.add("text " + text);
            return true;
        }

        @Override
        public boolean onBinary(byte[] data) {
            messages.add("binary " + HexFormat.of().formatHex(data));
            return true;
        }

        @Override
        public void onPong() {}

        @Override
        public void onClosed(int code, String reason, boolean clean) {}

        @Override
        public void onConnectFailed(Failure failure) {}
    }
}
