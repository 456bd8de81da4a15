package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.LocalPeer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * permessage-deflate (RFC 7692) against a server someone else wrote: Python's websockets from
 * Debian, which accepts compression whenever a client offers it.
 */
class CompressionTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final int MIB = 1024 * 1024;

    @TempDir Path dir;

    /** The Python server, with {@code options} for its permessage-deflate answer. */
    private LocalPeer server(String... options) throws Exception {
        LocalPeer.require(PYTHON, "python3-websockets");
        Path script = dir.resolve("websockets_server.py");
        if (!Files.exists(script)) {
            try (var in =
                    CompressionTest.class.getResourceAsStream("/peers/websockets_server.py")) {
                Files.copy(in, script);
            }
        }
        int port = LocalPeer.freePort();
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), "" + port));
        command.addAll(List.of(options));
        return LocalPeer.start(dir, port, command.toArray(String[]::new));
    }

    private static String config(String compression) {
        return "defaults:\n  compression: "
                + compression
                + "\nnetwork:\n  blockPrivateAddresses: false\n";
    }

    private static Map<String, Object> client(LocalPeer server, Boolean compression) {
        Map<String, Object> fields =
                new HashMap<>(
                        Map.of(
                                "URL",
                                URI.create("ws://127.0.0.1:" + server.port() + "/"),
                                "HandlingUser",
                                "alice",
                                "ConnectRetryInterval",
                                30f));
        if (compression != null) {
            fields.put("Compression", compression);
        }
        return fields;
    }

    /** The server's own account of what it negotiated. */
    private static String negotiated(HostFixture host, String slot) throws Exception {
        host.run(() -> host.client(slot).sendText("info"));
        return host.await(slot, "text").get("data").toString();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void compressedTextAndBinaryArriveIntactUpToOneMebibyte() throws Exception {
        try (LocalPeer server = server();
                HostFixture host = HostFixture.in(dir).config(config("on")).start()) {
            host.addClient("c", client(server, null));
            HostEvent connected = host.await("c", "connected");
            assertEquals(true, connected.get("compressed"));
            assertEquals(true, host.field("c", "IsCompressed"));
            assertEquals("{\"extensions\": [\"permessage-deflate\"]}", negotiated(host, "c"));
            for (int size : new int[] {1, 1000, 300_000, MIB}) {
                host.run(() -> host.client("c").sendText("text " + size + " " + size));
                String text = host.await("c", "text").get("data").toString();
                assertEquals(
                        "sha256 " + sha256(text.getBytes(StandardCharsets.UTF_8)),
                        host.await("c", "text").get("data"),
                        "text of " + size);
                assertEquals(size, text.length());
                host.run(() -> host.client("c").sendText("binary " + size + " " + size));
                byte[] data =
                        HexFormat.of().parseHex(host.await("c", "binary").get("hex").toString());
                assertEquals(
                        "sha256 " + sha256(data),
                        host.await("c", "text").get("data"),
                        "binary of " + size);
                assertEquals(size, data.length);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> plugin =
                    (Map<String, Object>)
                            ((Map<String, Object>) host.host().stats().get("plugins"))
                                    .get("websocket-client");
            assertEquals(1, plugin.get("compressedConnections"));
        }
    }

    /** Texts of 50 to 2049 characters from 64 words, so they repeat within and across messages. */
    private static List<String> texts(int count, long seed) {
        Random random = new Random(seed);
        List<String> vocabulary = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            StringBuilder word = new StringBuilder();
            for (int n = 3 + random.nextInt(7); n > 0; n--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            vocabulary.add(word.toString());
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = 50 + random.nextInt(2000);
            StringBuilder text = new StringBuilder();
            while (text.length() < length) {
                text.append(vocabulary.get(random.nextInt(64))).append(' ');
            }
            texts.add(text.substring(0, length));
        }
        return texts;
    }

    /**
     * 1,000 messages each way under parameters Python's websockets asks for, each side checking a
     * SHA-256 over everything the other sent. Python inflates with exactly the agreed window and,
     * without client context takeover, a fresh context per message: a client message that referred
     * back past either would fail there (1007), not just here.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "client_no_context_takeover | --client-no-context-takeover"
                        + " | {\"client_max_window_bits\": 15, \"client_no_context_takeover\":"
                        + " true, \"server_max_window_bits\": 15,"
                        + " \"server_no_context_takeover\": false}",
                "server_max_window_bits=10 | --server-max-window-bits 10"
                        + " | {\"client_max_window_bits\": 15, \"client_no_context_takeover\":"
                        + " false, \"server_max_window_bits\": 10,"
                        + " \"server_no_context_takeover\": false}",
                "client_max_window_bits=9 and server_no_context_takeover | --client-max-window-bits"
                        + " 9 --server-no-context-takeover | {\"client_max_window_bits\": 9,"
                        + " \"client_no_context_takeover\": false, \"server_max_window_bits\":"
                        + " 15, \"server_no_context_takeover\": true}",
            })
    void aThousandMessagesEachWayArriveIntactOnTheTermsTheServerAgreed(
            String terms, String options, String agreed) throws Exception {
        try (LocalPeer server = server(options.trim().split(" "));
                HostFixture host = HostFixture.in(dir).config(config("on")).start()) {
            host.addClient("c", client(server, null));
            assertEquals(true, host.await("c", "connected").get("compressed"));
            host.run(() -> host.client("c").sendText("terms"));
            assertEquals(agreed.trim(), host.await("c", "text").get("data"), terms);

            List<String> sent = texts(1000, 30);
            MessageDigest ours = MessageDigest.getInstance("SHA-256");
            host.run(
                    () -> {
                        host.client("c").sendText("collect " + sent.size());
                        sent.forEach(text -> host.client("c").sendText(text));
                    });
            sent.forEach(text -> ours.update((text + "\n").getBytes(StandardCharsets.UTF_8)));
            assertEquals(
                    "received 1000 sha256 " + HexFormat.of().formatHex(ours.digest()),
                    host.await("c", "text").get("data"),
                    "what the server received, " + terms);

            host.run(() -> host.client("c").sendText("stream 1000 7"));
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < 1000; i++) {
                String text = host.await("c", "text").get("data").toString();
                received.update((text + "\n").getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(
                    "sha256 " + HexFormat.of().formatHex(received.digest()),
                    host.await("c", "text").get("data"),
                    "what the client received, " + terms);
            assertTrue(
                    host.events("c", 0).stream().noneMatch(e -> e.name().equals("disconnected")),
                    "one connection throughout");
        }
    }

    @Test
    void aDecompressionBombIsClosedWith1009() throws Exception {
        try (LocalPeer server = server();
                HostFixture host = HostFixture.in(dir).config(config("on")).start()) {
            host.addClient("c", client(server, null));
            host.await("c", "connected");
            host.run(
                    () ->
                            host.client("c")
                                    .sendText("bomb " + 10 * MIB)); // about 10 KiB on the wire
            HostEvent closed = host.await("c", "disconnected");
            assertEquals(1009, closed.get("code"), closed.toString());
            assertTrue(
                    host.events("c", 0).stream().noneMatch(e -> e.name().equals("binary")),
                    "no part of it was delivered");
            assertEquals(false, host.field("c", "IsCompressed"));
        }
    }

    @Test
    void withCompressionOffNothingIsNegotiated() throws Exception {
        try (LocalPeer server = server();
                HostFixture host = HostFixture.in(dir).config(config("off")).start()) {
            host.addClient("c", client(server, null));
            assertEquals(false, host.await("c", "connected").get("compressed"));
            assertEquals(false, host.field("c", "IsCompressed"));
            assertEquals("{\"extensions\": []}", negotiated(host, "c"));
        }
    }

    @Test
    void theComponentsFieldOverridesTheDefaultEitherWay() throws Exception {
        try (LocalPeer server = server();
                HostFixture off = HostFixture.in(dir.resolve("off")).config(config("off")).start();
                HostFixture on = HostFixture.in(dir.resolve("on")).config(config("on")).start()) {
            off.addClient("wants", client(server, true));
            on.addClient("refuses", client(server, false));
            assertEquals(true, off.await("wants", "connected").get("compressed"));
            assertEquals(false, on.await("refuses", "connected").get("compressed"));
            assertEquals("{\"extensions\": [\"permessage-deflate\"]}", negotiated(off, "wants"));
            assertEquals("{\"extensions\": []}", negotiated(on, "refuses"));
            // turning it off on an open connection reconnects without it
            off.set("wants", "Compression", false);
            off.await("wants", "disconnected");
            assertEquals(
                    false,
                    off.await("wants", "connected").get("compressed"),
                    "reconnected without it");
            assertEquals("{\"extensions\": []}", negotiated(off, "wants"));
        }
    }
}
