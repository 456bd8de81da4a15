package dev.wsworld.websocket.transport.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.websocket.transport.TransportListener;
import dev.wsworld.websocket.transport.TransportSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.junit.jupiter.api.Test;

/** Frames to messages: joining, strict UTF-8 and size limits, on heap and direct buffers alike. */
class MessageAssemblerTest {
    private final List<String> messages = new ArrayList<>();

    /** What the sink answers for each whole message: false asks to pause reading. */
    private boolean readOn = true;

    private final MessageAssembler assembler = new MessageAssembler(16, 8, null, new Recorder());

    private static ByteBuffer heap(byte... bytes) {
        return ByteBuffer.wrap(bytes);
    }

    private static ByteBuffer direct(byte... bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length + 4);
        buffer.position(2); // a slice in the middle of a network buffer
        buffer.put(bytes).flip().position(2);
        return buffer;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aOneFrameTextIsDecodedFromHeapAndDirectBuffers() {
        assembler.first(true, true, false, heap(utf8("héllo")));
        assembler.first(true, true, false, direct(utf8("wörld €")));
        assembler.first(true, true, false, heap());
        assertEquals(List.of("text héllo", "text wörld €", "text "), messages);
    }

    @Test
    void fragmentsAreJoinedEvenWhenACharacterIsSplitBetweenThem() {
        byte[] euro = utf8("a€b"); // € is three bytes
        assembler.first(true, false, false, direct(Arrays.copyOfRange(euro, 0, 2)));
        assembler.continuation(false, false, heap(Arrays.copyOfRange(euro, 2, 3)));
        assertEquals(List.of(), messages, "nothing before the last fragment");
        assembler.continuation(true, false, direct(Arrays.copyOfRange(euro, 3, euro.length)));
        assembler.first(false, false, false, heap((byte) 1, (byte) 2));
        assembler.continuation(true, false, direct((byte) 3));
        assertEquals(List.of("text a€b", "binary 010203"), messages);
    }

    @Test
    void invalidUtf8IsRefusedAndAReplacementCharacterSentOnPurposeIsNot() {
        assertThrows(
                BadPayloadException.class,
                () -> assembler.first(true, true, false, heap((byte) 'a', (byte) 0xff)));
        // overlong encoding of '/', and a lone surrogate: both malformed in strict UTF-8
        assertThrows(
                BadPayloadException.class,
                () -> assembler.first(true, true, false, direct((byte) 0xc0, (byte) 0xaf)));
        assertThrows(
                BadPayloadException.class,
                () ->
                        assembler.first(
                                true, true, false, heap((byte) 0xed, (byte) 0xa0, (byte) 0x80)));
        // a character cut off at the end of the message
        assembler.first(true, false, false, heap((byte) 'x', (byte) 0xe2));
        assertThrows(
                BadPayloadException.class,
                () -> assembler.continuation(true, false, heap((byte) 0x82)));
        assembler.first(true, true, false, heap(utf8("\uFFFD ok")));
        assertEquals(List.of("text \uFFFD ok"), messages);
    }

    @Test
    void messagesOverTheLimitAreRefusedAcrossFragmentsAndTheNextOneStartsClean() {
        assertThrows(
                MessageTooLargeException.class,
                () -> assembler.first(true, true, false, heap(new byte[17])));
        assembler.first(true, false, false, heap(utf8("0123456789")));
        MessageTooLargeException tooLarge =
                assertThrows(
                        MessageTooLargeException.class,
                        () -> assembler.continuation(true, false, heap(utf8("0123456"))));
        assertEquals(true, tooLarge.getMessage().contains("17 > 16"), tooLarge.getMessage());
        assertThrows(
                MessageTooLargeException.class,
                () -> assembler.first(false, true, false, direct(new byte[9])));
        assembler.first(true, true, false, heap(utf8("0123456789abcdef")));
        assembler.first(false, true, false, heap(new byte[8]));
        assertEquals(List.of("text 0123456789abcdef", "binary 0000000000000000"), messages);
    }

    @Test
    void aLargeFragmentedMessageIsJoinedWhole() {
        MessageAssembler unlimited = new MessageAssembler(0, 0, null, new Recorder());
        String big = "x".repeat(20_000) + "é";
        byte[] bytes = utf8(big);
        for (int from = 0; from < bytes.length; from += 4096) {
            int to = Math.min(bytes.length, from + 4096);
            ByteBuffer part = direct(Arrays.copyOfRange(bytes, from, to));
            if (from == 0) {
                unlimited.first(true, false, false, part);
            } else {
                unlimited.continuation(to == bytes.length, false, part);
            }
        }
        unlimited.first(true, true, false, heap(utf8("after")));
        assertEquals(2, messages.size());
        assertEquals("text " + big, messages.get(0));
        assertEquals("text after", messages.get(1));
    }

    @Test
    void aMessageOfExactlyTheLimitArrivesAndOneByteMoreIsRefusedWithoutHoldingMoreThanTheLimit() {
        MessageAssembler limited = new MessageAssembler(1000, 1000, null, new Recorder());
        byte[] exact = new byte[1000];
        Arrays.fill(exact, (byte) 'x');
        // fragments of 300 bytes: doubling from 256 would reach 1024, past the limit
        limited.first(true, false, false, heap(Arrays.copyOfRange(exact, 0, 300)));
        limited.continuation(false, false, direct(Arrays.copyOfRange(exact, 300, 600)));
        limited.continuation(false, false, heap(Arrays.copyOfRange(exact, 600, 900)));
        assertTrue(
                limited.heldCapacity() <= 1000,
                "held " + limited.heldCapacity() + " bytes for a 1000-byte limit");
        limited.continuation(true, false, heap(Arrays.copyOfRange(exact, 900, 1000)));
        assertEquals(List.of("text " + "x".repeat(1000)), messages);

        limited.first(false, false, false, heap(new byte[600]));
        MessageTooLargeException tooLarge =
                assertThrows(
                        MessageTooLargeException.class,
                        () -> limited.continuation(true, false, heap(new byte[401])));
        assertTrue(tooLarge.getMessage().contains("1001 > 1000"), tooLarge.getMessage());
        assertThrows(
                MessageTooLargeException.class,
                () -> limited.first(true, true, false, heap(new byte[1001])));
        assertEquals(0, limited.heldCapacity(), "nothing is kept after a refusal");
    }

    @Test
    void theSinksAnswerForAWholeMessageDecidesWhetherToReadOn() {
        readOn = false;
        assertTrue(
                assembler.first(true, false, false, heap(utf8("ab"))),
                "an unfinished message always reads on");
        assertFalse(
                assembler.continuation(true, false, heap(utf8("c"))), "the sink asked to pause");
        assertFalse(assembler.first(false, true, false, direct((byte) 7)));
        readOn = true;
        assertTrue(assembler.first(true, true, false, heap(utf8("d"))));
        assertEquals(List.of("text abc", "binary 07", "text d"), messages);
    }

    private final class Recorder implements TransportListener {
        @Override
        public void onOpen(TransportSession session, String subprotocol) {}

        @Override
        public boolean onText(String text, int wireBytes) {
            assertEquals(utf8(text).length, wireBytes, "wire size of " + text);
            messages.add("text " + text);
            return readOn;
        }

        @Override
        public boolean onBinary(byte[] data) {
            messages.add("binary " + HexFormat.of().formatHex(data));
            return readOn;
        }

        @Override
        public void onPong() {}

        @Override
        public void onClosed(int code, String reason, boolean clean) {}

        @Override
        public void onConnectFailed(dev.wsworld.websocket.failure.Failure failure) {}
    }
}
