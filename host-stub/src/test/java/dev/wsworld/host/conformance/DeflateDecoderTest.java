package dev.wsworld.host.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * The suite's own DEFLATE decoder and section 13's checks are themselves checked: the decoder
 * agrees with zlib, sees the distances and the message boundaries a client's compressor crosses,
 * and the judge fails echoes that break the agreed terms and passes ones that keep them. The server
 * side of the cases keeps to its own answers, and 13.5 sends the blocks it names.
 */
class DeflateDecoderTest {
    private static byte[] inflate(byte[] payload, Inflater inflater) throws Exception {
        inflater.setInput(Frames.concat(payload, new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = inflater.inflate(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A compressor that ignores every parameter: context always kept, 32 KiB window. */
    private static List<byte[]> naive(List<byte[]> messages) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] message : messages) {
            deflater.setInput(message);
            byte[] buffer = new byte[200_000];
            int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            payloads.add(java.util.Arrays.copyOf(buffer, n - 4));
        }
        deflater.end();
        return payloads;
    }

    @Test
    void theDecoderAgreesWithZlibOnEveryLevelAcrossMessages() throws Exception {
        for (int level : new int[] {0, 1, 6, 9}) {
            Frames.Compressor server = new Frames.Compressor(true, 15);
            DeflateDecoder decoder = new DeflateDecoder();
            Inflater zlib = new Inflater(true);
            for (int i = 0; i < 5; i++) {
                byte[] data =
                        i % 2 == 0
                                ? Frames.utf8(Frames.randomLetters(5000, i))
                                : Frames.randomBytes(3000, i);
                byte[] payload =
                        level == 6
                                ? server.message(data)
                                : Frames.deflate(level, data, false, false);
                if (level != 6) {
                    decoder = new DeflateDecoder();
                    zlib = new Inflater(true);
                }
                assertArrayEquals(inflate(payload, zlib), decoder.message(payload).data());
            }
        }
    }

    @Test
    void theRfcExamplesDecodeWithTheirDistancesAndBlocks() throws Exception {
        DeflateDecoder decoder = new DeflateDecoder();
        DeflateDecoder.Message first = decoder.message(Frames.hex("f248cdc9c90700"));
        assertEquals("Hello", new String(first.data(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of("fixed", "stored"), first.blocks());
        assertEquals(0, first.largestDistance(), "five literals");
        assertEquals(0, first.reachIntoEarlier());
        // RFC 7692 7.2.3.2: the same text again: 'H', then "ello" copied from 5 bytes back, 4 of
        // them before the message began
        DeflateDecoder.Message second = decoder.message(Frames.hex("f200110000"));
        assertEquals("Hello", new String(second.data(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(5, second.largestDistance());
        assertEquals(4, second.reachIntoEarlier());
        assertThrows(
                DeflateDecoder.InvalidDeflate.class,
                () -> new DeflateDecoder().message(Frames.hex("f200110000")),
                "without the first message there is nothing to refer to");
        assertEquals(
                List.of("fixed final", "stored"),
                new DeflateDecoder().message(Frames.hex("f348cdc9c9070000")).blocks());
    }

    @Test
    void section13Point5SendsTheBlocksItNames() throws Exception {
        for (String kind : Cases.BLOCK_KINDS) {
            for (boolean bfinal : new boolean[] {false, true}) {
                List<String> blocks =
                        new DeflateDecoder().message(Cases.blockKindPayload(kind, bfinal)).blocks();
                assertEquals(
                        kind + (bfinal ? " final" : ""),
                        blocks.get(blocks.size() - 2),
                        blocks.toString());
                assertTrue(
                        blocks.stream().limit(blocks.size() - 1).allMatch(b -> b.startsWith(kind)),
                        blocks.toString());
            }
        }
    }

    @Test
    void theServerSideKeepsToItsOwnAnswer() throws Exception {
        for (int bits = 8; bits <= 15; bits++) {
            for (boolean takeover : new boolean[] {true, false}) {
                Frames.Compressor server = new Frames.Compressor(takeover, bits);
                DeflateDecoder decoder = new DeflateDecoder();
                byte[] block = Frames.randomBytes((1 << bits) + 64, bits);
                for (byte[] message :
                        List.of(Frames.concat(block, block), Frames.concat(block, block))) {
                    DeflateDecoder.Message decoded = decoder.message(server.message(message));
                    assertArrayEquals(message, decoded.data());
                    assertTrue(decoded.largestDistance() <= 1 << bits, "window " + bits);
                    if (!takeover) {
                        assertEquals(0, decoded.reachIntoEarlier(), "window " + bits);
                    }
                }
            }
        }
    }

    private static List<WireServer.ClientFrame> frames(List<byte[]> payloads) {
        return payloads.stream()
                .map(p -> new WireServer.ClientFrame(true, 4, Frames.BINARY, true, p))
                .toList();
    }

    private static List<String> binaries(List<byte[]> messages) {
        return messages.stream().map(Cases::b).toList();
    }

    @Test
    void theJudgeFailsEchoesThatBreakTheTermsAndPassesOnesThatKeepThem() {
        byte[] block = Frames.randomBytes(600, 1);
        List<byte[]> messages = List.of(Frames.concat(block, block), Frames.concat(block, block));
        List<byte[]> naive = naive(messages);
        List<String> expected = binaries(messages);

        Judge.Echoes keptContext =
                Judge.Echoes.of(new Judge.ClientTerms(true, 15), frames(naive), expected);
        assertEquals(1, keptContext.problems().size(), keptContext.problems().toString());
        assertTrue(
                keptContext.problems().get(0).contains("into an earlier message"),
                keptContext.problems().toString());

        Judge.Echoes pastWindow =
                Judge.Echoes.of(new Judge.ClientTerms(false, 9), frames(naive), expected);
        assertTrue(
                pastWindow.problems().stream()
                        .allMatch(p -> p.contains("beyond the agreed window")),
                pastWindow.problems().toString());
        assertEquals(2, pastWindow.problems().size(), pastWindow.problems().toString());

        Frames.Compressor keeping = new Frames.Compressor(false, 9);
        Judge.Echoes kept =
                Judge.Echoes.of(
                        new Judge.ClientTerms(true, 9),
                        frames(messages.stream().map(keeping::message).toList()),
                        expected);
        assertEquals(List.of(), kept.problems());

        Judge.Echoes uncompressed =
                Judge.Echoes.of(
                        new Judge.ClientTerms(false, 15),
                        messages.stream()
                                .map(
                                        m ->
                                                new WireServer.ClientFrame(
                                                        true, 0, Frames.BINARY, true, m))
                                .toList(),
                        expected);
        assertEquals(1, uncompressed.problems().size(), uncompressed.problems().toString());
        assertTrue(uncompressed.problems().get(0).contains("none of the client's echoes"));
    }
}
