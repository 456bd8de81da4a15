package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.websocket.transport.TransportListener;
import dev.wsworld.websocket.transport.TransportSession;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Frames to messages: joining, strict UTF-8 and size limits, on heap and direct buffers alike. */
class MessageAssemblerTest {
    private final List<String> messages = new ArrayList<>();
    private final MessageAssembler assembler = new MessageAssembler(16, 8, new Recorder());

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
        assembler.first(true, true, heap(utf8("héllo")));
        assembler.first(true, true, direct(utf8("wörld €")));
        assembler.first(true, true, heap());
        assertEquals(List.of("text héllo", "text wörld €", "text "), messages);
    }

    @Test
    void fragmentsAreJoinedEvenWhenACharacterIsSplitBetweenThem() {
        byte[] euro = utf8("a€b"); // € is three bytes
        assembler.first(true, false, direct(Arrays.copyOfRange(euro, 0, 2)));
        assembler.continuation(false, heap(Arrays.copyOfRange(euro, 2, 3)));
        assertEquals(List.of(), messages, "nothing before the last fragment");
        assembler.continuation(true, direct(Arrays.copyOfRange(euro, 3, euro.length)));
        assembler.first(false, false, heap((byte) 1, (byte) 2));
        assembler.continuation(true, direct((byte) 3));
        assertEquals(List.of("text a€b", "binary 010203"), messages);
    }

    @Test
    void invalidUtf8IsRefusedAndAReplacementCharacterSentOnPurposeIsNot() {
        assertThrows(BadPayloadException.class, () -> assembler.first(true, true, heap((byte) 'a', (byte) 0xff)));
        // overlong encoding of '/', and a lone surrogate: both malformed in strict UTF-8
        assertThrows(BadPayloadException.class, () -> assembler.first(true, true, direct((byte) 0xc0, (byte) 0xaf)));
        assertThrows(BadPayloadException.class,
                () -> assembler.first(true, true, heap((byte) 0xed, (byte) 0xa0, (byte) 0x80)));
        // a character cut off at the end of the message
        assembler.first(true, false, heap((byte) 'x', (byte) 0xe2));
        assertThrows(BadPayloadException.class, () -> assembler.continuation(true, heap((byte) 0x82)));
        assembler.first(true, true, heap(utf8("\uFFFD ok")));
        assertEquals(List.of("text \uFFFD ok"), messages);
    }

    @Test
    void messagesOverTheLimitAreRefusedAcrossFragmentsAndTheNextOneStartsClean() {
        assertThrows(MessageTooLargeException.class, () -> assembler.first(true, true, heap(new byte[17])));
        assembler.first(true, false, heap(utf8("0123456789")));
        MessageTooLargeException tooLarge = assertThrows(MessageTooLargeException.class,
                () -> assembler.continuation(true, heap(utf8("0123456"))));
        assertEquals(true, tooLarge.getMessage().contains("17 > 16"), tooLarge.getMessage());
        assertThrows(MessageTooLargeException.class, () -> assembler.first(false, true, direct(new byte[9])));
        assembler.first(true, true, heap(utf8("0123456789abcdef")));
        assembler.first(false, true, heap(new byte[8]));
        assertEquals(List.of("text 0123456789abcdef", "binary 0000000000000000"), messages);
    }

    @Test
    void aLargeFragmentedMessageIsJoinedWhole() {
        MessageAssembler unlimited = new MessageAssembler(0, 0, new Recorder());
        String big = "x".repeat(20_000) + "é";
        byte[] bytes = utf8(big);
        for (int from = 0; from < bytes.length; from += 4096) {
            int to = Math.min(bytes.length, from + 4096);
            ByteBuffer part = direct(Arrays.copyOfRange(bytes, from, to));
            if (from == 0) {
                unlimited.first(true, false, part);
            } else {
                unlimited.continuation(to == bytes.length, part);
            }
        }
        unlimited.first(true, true, heap(utf8("after")));
        assertEquals(2, messages.size());
        assertEquals("text " + big, messages.get(0));
        assertEquals("text after", messages.get(1));
    }

    private final class Recorder implements TransportListener {
        @Override
        public void onOpen(TransportSession session, String subprotocol) {
        }

        @Override
        public void onText(String text) {
            messages.add("text " + text);
        }

        @Override
        public void onBinary(byte[] data) {
            StringBuilder hex = new StringBuilder();
            for (byte b : data) {
                hex.append(String.format("%02x", b));
            }
            messages.add("binary " + hex);
        }

        @Override
        public void onPong() {
        }

        @Override
        public void onClosed(int code, String reason, boolean clean) {
        }

        @Override
        public void onConnectFailed(String reason) {
        }

        @Override
        public void onBlocked(String reason) {
        }
    }
}
