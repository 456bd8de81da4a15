package dev.wsworld.host.conformance;

import static dev.wsworld.host.conformance.Frames.BINARY;
import static dev.wsworld.host.conformance.Frames.CONTINUATION;
import static dev.wsworld.host.conformance.Frames.PING;
import static dev.wsworld.host.conformance.Frames.PONG;
import static dev.wsworld.host.conformance.Frames.TEXT;
import static dev.wsworld.host.conformance.Frames.concat;
import static dev.wsworld.host.conformance.Frames.frame;
import static dev.wsworld.host.conformance.Frames.utf8;

import dev.wsworld.host.conformance.ConformanceCase.Expectation;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue, after Autobahn|Testsuite's client sections: 1 framing, 2 ping/pong, 3 reserved
 * bits, 4 opcodes, 5 fragmentation, 6 UTF-8, 7 close handling, 8 masking, 9 limits and bursts, 10
 * the handshake, 12 permessage-deflate, 13 its parameters. Every case names the RFC rule it
 * follows.
 */
final class Cases {
    /** The client's largest message, as the suite configures it for every client. */
    static final int MAX_MESSAGE = 1024 * 1024;

    private final List<ConformanceCase> all = new ArrayList<>();

    private Cases() {}

    static List<ConformanceCase> all() {
        Cases cases = new Cases();
        cases.framing();
        cases.pingPong();
        cases.reservedBits();
        cases.opcodes();
        cases.fragmentation();
        cases.utf8Text();
        cases.closing();
        cases.masking();
        cases.limits();
        cases.handshake();
        cases.deflate();
        cases.deflateParameters();
        return List.copyOf(cases.all);
    }

    private void add(
            String id, String rule, String description, List<byte[]> writes, Expectation expect) {
        all.add(
                new ConformanceCase(
                        id,
                        rule,
                        description,
                        ConformanceCase.GOOD_HANDSHAKE,
                        writes,
                        expect,
                        false));
    }

    static String t(String text) {
        return "T:" + text;
    }

    static String b(byte[] data) {
        return "B:" + WireServer.hex(data);
    }

    // ---------------------------------------------------------------- 1 framing

    private void framing() {
        int[] lengths = {0, 1, 125, 126, 127, 128, 65535, 65536, 65537};
        int n = 0;
        for (int length : lengths) {
            n++;
            String text = Frames.letters(length);
            byte[] data = Frames.pattern(length);
            add(
                    "1.1." + n,
                    "5.2",
                    "text message of " + length + " bytes (length in " + encoding(length) + ")",
                    List.of(Frames.text(text)),
                    Expectation.delivers(t(text)));
            add(
                    "1.2." + n,
                    "5.2",
                    "binary message of " + length + " bytes (length in " + encoding(length) + ")",
                    List.of(Frames.binary(data)),
                    Expectation.delivers(b(data)));
        }
        String text = Frames.letters(300);
        add(
                "1.3.1",
                "5.2",
                "a 300-byte text frame written one byte at a time",
                Frames.chunks(Frames.text(text), 1),
                Expectation.delivers(t(text)));
        byte[] big = Frames.pattern(70_000);
        add(
                "1.3.2",
                "5.2",
                "a 70000-byte binary frame split inside its 64-bit length",
                splitAt(Frames.binary(big), 5),
                Expectation.delivers(b(big)));
        add(
                "1.3.3",
                "5.2",
                "three text frames in one write",
                List.of(concat(Frames.text("one"), Frames.text("two"), Frames.text("three"))),
                Expectation.delivers(t("one"), t("two"), t("three")));
        add(
                "1.3.4",
                "5.2",
                "a frame header in one write, its payload in the next",
                splitAt(Frames.text("split payload"), 2),
                Expectation.delivers(t("split payload")));
    }

    private static String encoding(int length) {
        return length < 126 ? "7 bits" : length < 65536 ? "16 bits" : "64 bits";
    }

    private static List<byte[]> splitAt(byte[] bytes, int at) {
        return List.of(
                java.util.Arrays.copyOfRange(bytes, 0, at),
                java.util.Arrays.copyOfRange(bytes, at, bytes.length));
    }

    // ---------------------------------------------------------------- 2 ping/pong

    private void pingPong() {
        add(
                "2.1",
                "5.5.2",
                "ping without payload is answered with a pong",
                List.of(frame(true, PING, new byte[0])),
                Expectation.delivers().withPongs(""));
        add(
                "2.2",
                "5.5.2",
                "ping with text payload: the pong carries the same bytes",
                List.of(frame(true, PING, utf8("Hello, world!"))),
                Expectation.delivers().withPongs(WireServer.hex(utf8("Hello, world!"))));
        byte[] binary = Frames.hex("0001fefff00d");
        add(
                "2.3",
                "5.5.2",
                "ping with binary payload",
                List.of(frame(true, PING, binary)),
                Expectation.delivers().withPongs(WireServer.hex(binary)));
        byte[] max = Frames.pattern(125);
        add(
                "2.4",
                "5.5",
                "ping with the largest control payload, 125 bytes",
                List.of(frame(true, PING, max)),
                Expectation.delivers().withPongs(WireServer.hex(max)));
        add(
                "2.5",
                "5.5",
                "ping with 126 bytes: a control frame over 125 bytes fails the connection",
                List.of(frame(true, PING, Frames.pattern(126))),
                Expectation.fails(1002));
        add(
                "2.6",
                "5.5.3",
                "an unsolicited pong is ignored",
                List.of(frame(true, PONG, utf8("unsolicited")), Frames.text("after")),
                Expectation.delivers(t("after")));
        add(
                "2.7",
                "5.5.3",
                "an unsolicited pong, then a ping: only the ping is answered",
                List.of(frame(true, PONG, utf8("x")), frame(true, PING, utf8("y"))),
                Expectation.delivers().withPongs(WireServer.hex(utf8("y"))));
        List<byte[]> ten = new ArrayList<>();
        String[] pongs = new String[10];
        for (int i = 0; i < 10; i++) {
            ten.add(frame(true, PING, utf8("ping " + i)));
            pongs[i] = WireServer.hex(utf8("ping " + i));
        }
        add(
                "2.8",
                "5.5.2",
                "ten pings: ten pongs, in order",
                ten,
                Expectation.delivers().withPongs(pongs));
        add(
                "2.9",
                "5.5.2",
                "a ping written one byte at a time",
                Frames.chunks(frame(true, PING, utf8("slow ping")), 1),
                Expectation.delivers().withPongs(WireServer.hex(utf8("slow ping"))));
        add(
                "2.10",
                "5.5.2",
                "ten pings in one write",
                List.of(concat(ten.toArray(byte[][]::new))),
                Expectation.delivers().withPongs(pongs));
    }

    // ---------------------------------------------------------------- 3 reserved bits

    private void reservedBits() {
        int n = 0;
        int[][] cases = {
            {1, TEXT}, {2, TEXT}, {4, TEXT}, {3, BINARY}, {5, BINARY}, {6, PING}, {7, TEXT}
        };
        for (int[] c : cases) {
            n++;
            add(
                    "3." + n,
                    "5.2",
                    "RSV bits "
                            + c[0]
                            + " set on a "
                            + opcodeName(c[1])
                            + " frame, no extension negotiated",
                    List.of(
                            Frames.text("before"),
                            frame(true, c[0], c[1], utf8("rsv"), null),
                            Frames.text("after")),
                    Expectation.fails(1002, t("before")));
        }
    }

    // ---------------------------------------------------------------- 4 opcodes

    private void opcodes() {
        int n = 0;
        for (int opcode : new int[] {3, 4, 5, 6, 7}) {
            n++;
            add(
                    "4.1." + n,
                    "5.2",
                    "reserved non-control opcode " + opcode,
                    List.of(
                            Frames.text("before"),
                            frame(true, opcode, utf8("x")),
                            Frames.text("after")),
                    Expectation.fails(1002, t("before")));
        }
        n = 0;
        for (int opcode : new int[] {0xB, 0xC, 0xD, 0xE, 0xF}) {
            n++;
            add(
                    "4.2." + n,
                    "5.2",
                    "reserved control opcode " + opcode,
                    List.of(
                            Frames.text("before"),
                            frame(true, opcode, utf8("x")),
                            Frames.text("after")),
                    Expectation.fails(1002, t("before")));
        }
    }

    // ---------------------------------------------------------------- 5 fragmentation

    private void fragmentation() {
        add(
                "5.1",
                "5.4",
                "text in two fragments",
                List.of(frame(false, TEXT, utf8("frag")), frame(true, CONTINUATION, utf8("ment"))),
                Expectation.delivers(t("fragment")));
        add(
                "5.2",
                "5.4",
                "binary in two fragments",
                List.of(
                        frame(false, BINARY, Frames.hex("0102")),
                        frame(true, CONTINUATION, Frames.hex("0304"))),
                Expectation.delivers(b(Frames.hex("01020304"))));
        List<byte[]> hundred = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String part = "p" + i + ";";
            joined.append(part);
            hundred.add(frame(i == 99, i == 0 ? TEXT : CONTINUATION, utf8(part)));
        }
        add(
                "5.3",
                "5.4",
                "text in 100 fragments, one write each",
                hundred,
                Expectation.delivers(t(joined.toString())));
        add(
                "5.4",
                "5.4",
                "text in 100 fragments in one write",
                List.of(concat(hundred.toArray(byte[][]::new))),
                Expectation.delivers(t(joined.toString())));
        add(
                "5.5",
                "5.4",
                "empty fragments around a payload",
                List.of(
                        frame(false, TEXT, new byte[0]),
                        frame(false, CONTINUATION, utf8("middle")),
                        frame(true, CONTINUATION, new byte[0])),
                Expectation.delivers(t("middle")));
        add(
                "5.6",
                "5.5",
                "a ping between two fragments is answered and the message still arrives whole",
                List.of(
                        frame(false, TEXT, utf8("one ")),
                        frame(true, PING, utf8("in between")),
                        frame(true, CONTINUATION, utf8("two"))),
                Expectation.delivers(t("one two")).withPongs(WireServer.hex(utf8("in between"))));
        add(
                "5.7",
                "5.5",
                "a pong between two fragments is ignored",
                List.of(
                        frame(false, TEXT, utf8("one ")),
                        frame(true, PONG, utf8("x")),
                        frame(true, CONTINUATION, utf8("two"))),
                Expectation.delivers(t("one two")));
        add(
                "5.8",
                "5.5",
                "a ping between fragments, all in one write",
                List.of(
                        concat(
                                frame(false, TEXT, utf8("a")),
                                frame(true, PING, utf8("p")),
                                frame(true, CONTINUATION, utf8("b")))),
                Expectation.delivers(t("ab")).withPongs(WireServer.hex(utf8("p"))));
        add(
                "5.9",
                "5.4",
                "a continuation with nothing to continue",
                List.of(frame(true, CONTINUATION, utf8("orphan"))),
                Expectation.fails(1002));
        add(
                "5.10",
                "5.4",
                "an unfinished continuation with nothing to continue, then text",
                List.of(frame(false, CONTINUATION, utf8("orphan")), Frames.text("text")),
                Expectation.fails(1002));
        add(
                "5.11",
                "5.4",
                "a new text message starts inside a fragmented one",
                List.of(frame(false, TEXT, utf8("first")), frame(true, TEXT, utf8("second"))),
                Expectation.fails(1002));
        add(
                "5.12",
                "5.4",
                "a new binary message starts inside a fragmented text one",
                List.of(frame(false, TEXT, utf8("first")), frame(true, BINARY, utf8("second"))),
                Expectation.fails(1002));
        add(
                "5.13",
                "5.5",
                "a fragmented ping (control frames must not be fragmented)",
                List.of(frame(false, PING, utf8("a")), frame(true, CONTINUATION, utf8("b"))),
                Expectation.fails(1002));
        add(
                "5.14",
                "5.5",
                "a fragmented pong",
                List.of(frame(false, PONG, utf8("a")), frame(true, CONTINUATION, utf8("b"))),
                Expectation.fails(1002));
        add(
                "5.15",
                "5.4",
                "two fragmented messages back to back",
                List.of(
                        frame(false, TEXT, utf8("a")),
                        frame(true, CONTINUATION, utf8("b")),
                        frame(false, BINARY, Frames.hex("01")),
                        frame(true, CONTINUATION, Frames.hex("02"))),
                Expectation.delivers(t("ab"), b(Frames.hex("0102"))));
    }

    // ---------------------------------------------------------------- 6 UTF-8

    private void utf8Text() {
        String[] valid = {
            "Hello-µ@ßöäüàá-UTF-8!!",
            "κόσμε",
            "\u0080",
            "\u07ff",
            "\u0800",
            "\uffff",
            "\ud800\udc00",
            "\udbff\udfff",
            "\u00e9\u4e2d\ud83d\ude00",
            "\ufeffBOM is data"
        };
        for (int i = 0; i < valid.length; i++) {
            add(
                    "6.1." + (i + 1),
                    "8.1",
                    "valid UTF-8: " + describeText(valid[i]),
                    List.of(Frames.text(valid[i])),
                    Expectation.delivers(t(valid[i])));
        }
        String kosme = "κόσμε";
        byte[] bytes = utf8(kosme);
        for (int cut = 1; cut < bytes.length; cut++) {
            add(
                    "6.2." + cut,
                    "5.6",
                    "valid UTF-8 split into two fragments after byte " + cut,
                    List.of(
                            frame(false, TEXT, java.util.Arrays.copyOfRange(bytes, 0, cut)),
                            frame(
                                    true,
                                    CONTINUATION,
                                    java.util.Arrays.copyOfRange(bytes, cut, bytes.length))),
                    Expectation.delivers(t(kosme)));
        }
        add(
                "6.3.1",
                "5.6",
                "valid UTF-8 sent one byte per fragment",
                perByteFragments(bytes),
                Expectation.delivers(t(kosme)));
        String[][] invalid = {
            {"c0af", "overlong '/' in two bytes"},
            {"e080af", "overlong '/' in three bytes"},
            {"f08080af", "overlong '/' in four bytes"},
            {"eda080", "a UTF-16 surrogate (U+D800)"},
            {"edbfbf", "a UTF-16 surrogate (U+DFFF)"},
            {"f4908080", "above U+10FFFF"},
            {"80", "a lone continuation byte"},
            {"c3", "a two-byte sequence cut short at the end"},
            {"e282", "a three-byte sequence cut short"},
            {"fe", "byte FE"},
            {"ff", "byte FF"},
            {"ceba e1bd b9cf 83ce bcce b5ed a080 6564 6974 6564", "valid, then a surrogate"}
        };
        for (int i = 0; i < invalid.length; i++) {
            add(
                    "6.4." + (i + 1),
                    "8.1",
                    "invalid UTF-8: " + invalid[i][1],
                    List.of(frame(true, TEXT, Frames.hex(invalid[i][0]))),
                    Expectation.fails(1007));
        }
        add(
                "6.5.1",
                "8.1",
                "invalid UTF-8 in the second fragment",
                List.of(
                        frame(false, TEXT, utf8("good ")),
                        frame(true, CONTINUATION, Frames.hex("c0af"))),
                Expectation.fails(1007));
        add(
                "6.5.2",
                "8.1",
                "a sequence begun in one fragment and broken in the next",
                List.of(
                        frame(false, TEXT, Frames.hex("e2")),
                        frame(true, CONTINUATION, Frames.hex("2841"))),
                Expectation.fails(1007));
        add(
                "6.5.3",
                "8.1",
                "a sequence cut short by the last fragment",
                List.of(
                        frame(false, TEXT, utf8("ok")),
                        frame(true, CONTINUATION, Frames.hex("e282"))),
                Expectation.fails(1007));
        add(
                "6.6.1",
                "7.1.6",
                "a close reason in valid UTF-8",
                List.of(Frames.close(1000, "κόσμε")),
                Expectation.answers(1000));
        add(
                "6.6.2",
                "7.1.6",
                "a close reason in invalid UTF-8",
                List.of(
                        Frames.frame(
                                true, Frames.CLOSE, Frames.closePayload(1000, Frames.hex("c0af")))),
                Expectation.fails(1007));
    }

    private static List<byte[]> perByteFragments(byte[] bytes) {
        List<byte[]> writes = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            writes.add(
                    frame(
                            i == bytes.length - 1,
                            i == 0 ? TEXT : CONTINUATION,
                            new byte[] {bytes[i]}));
        }
        return writes;
    }

    private static String describeText(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints()
                .forEach(
                        cp ->
                                shown.append(
                                        cp < 0x80 && cp >= 0x20
                                                ? Character.toString(cp)
                                                : String.format("U+%04X ", cp)));
        return shown.toString().trim();
    }

    // ---------------------------------------------------------------- 7 close handling

    private void closing() {
        add(
                "7.1.1",
                "5.5.1",
                "the server closes with 1000: the client answers with one close frame",
                List.of(),
                Expectation.delivers());
        add(
                "7.1.2",
                "5.5.1",
                "a message, then the close, in one write: the message is delivered first",
                List.of(concat(Frames.text("last"), Frames.close(1000, ""))),
                Expectation.answers(1000, t("last")));
        add(
                "7.1.3",
                "5.5.1",
                "a frame after the close is ignored",
                List.of(concat(Frames.close(1000, ""), Frames.text("too late"))),
                Expectation.answers(1000));
        add(
                "7.1.4",
                "5.5.1",
                "a ping after the close is not answered",
                List.of(concat(Frames.close(1000, ""), frame(true, PING, utf8("late")))),
                Expectation.answers(1000));
        add(
                "7.1.5",
                "7.1.5",
                "a close without a code is answered with a close",
                List.of(frame(true, Frames.CLOSE, new byte[0])),
                Expectation.answers(1000));
        add(
                "7.2.1",
                "5.5.1",
                "a close frame with a one-byte payload",
                List.of(frame(true, Frames.CLOSE, new byte[] {3})),
                Expectation.fails(1002));
        add(
                "7.2.2",
                "5.5",
                "a close frame with 124 bytes of reason: 126 in all",
                List.of(
                        frame(
                                true,
                                Frames.CLOSE,
                                Frames.closePayload(1000, utf8(Frames.letters(124))))),
                Expectation.fails(1002));
        add(
                "7.2.3",
                "5.5",
                "a close frame with 123 bytes of reason: 125, the largest",
                List.of(Frames.close(1000, Frames.letters(123))),
                Expectation.answers(1000));
        // 1010 is left out: only a client sends it (7.4.1); 1012-1014 are registered with IANA
        // since
        int[] valid = {
            1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999
        };
        for (int i = 0; i < valid.length; i++) {
            add(
                    "7.3." + (i + 1),
                    "7.4.1",
                    "the server closes with valid code " + valid[i] + ": the client answers",
                    List.of(Frames.close(valid[i], "")),
                    Expectation.answers(valid[i]));
        }
        int[] invalid = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535};
        for (int i = 0; i < invalid.length; i++) {
            add(
                    "7.4." + (i + 1),
                    "7.4.1",
                    "the server closes with code " + invalid[i] + ", which may not be sent",
                    List.of(Frames.close(invalid[i], "")),
                    Expectation.fails(1002));
        }
    }

    // ---------------------------------------------------------------- 8 masking

    private void masking() {
        add(
                "8.1",
                "5.1",
                "a masked text frame from the server",
                List.of(Frames.frame(true, 0, TEXT, utf8("masked"), new byte[] {1, 2, 3, 4})),
                Expectation.fails(1002));
        add(
                "8.2",
                "5.1",
                "a masked ping from the server",
                List.of(Frames.frame(true, 0, PING, utf8("masked"), new byte[] {9, 8, 7, 6})),
                Expectation.fails(1002));
    }

    // ---------------------------------------------------------------- 9 limits and bursts

    private void limits() {
        String atLimit = Frames.letters(MAX_MESSAGE);
        add(
                "9.1.1",
                "10.4",
                "text of exactly the limit (1 MiB)",
                List.of(Frames.text(atLimit)),
                Expectation.delivers(t(atLimit)));
        add(
                "9.1.2",
                "10.4",
                "text one byte over the limit closes with 1009",
                List.of(Frames.text(atLimit + "x")),
                Expectation.fails(1009));
        byte[] over = Frames.pattern(MAX_MESSAGE + 1);
        add(
                "9.1.3",
                "10.4",
                "binary one byte over the limit closes with 1009",
                List.of(Frames.binary(over)),
                Expectation.fails(1009));
        List<byte[]> fragments = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            fragments.add(frame(i == 16, i == 0 ? BINARY : CONTINUATION, Frames.pattern(65536)));
        }
        add(
                "9.1.4",
                "10.4",
                "17 fragments of 64 KiB: over the limit across fragments",
                fragments,
                Expectation.fails(1009));
        List<byte[]> burst = new ArrayList<>();
        String[] expected = new String[1000];
        for (int i = 0; i < 1000; i++) {
            expected[i] = t("message " + i);
            burst.add(Frames.text("message " + i));
        }
        add(
                "9.2.1",
                "5.6",
                "1000 small messages in one write, delivered in order",
                List.of(concat(burst.toArray(byte[][]::new))),
                Expectation.delivers(expected));
        add(
                "9.2.2",
                "5.6",
                "1000 small messages, one write each",
                burst,
                Expectation.delivers(expected));
    }

    // ---------------------------------------------------------------- 10 handshake

    private void handshake() {
        String[][] refused = {
            {
                "10.1",
                "4.1(1)",
                "status 200 instead of 101",
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            },
            {
                "10.2",
                "4.1(2)",
                "no Upgrade header",
                "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: {accept}\r\n\r\n"
            },
            {
                "10.3",
                "4.1(2)",
                "Upgrade: h2c",
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: {accept}\r\n\r\n"
            },
            {
                "10.4",
                "4.1(3)",
                "no Connection: Upgrade",
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Accept: {accept}\r\n\r\n"
            },
            {
                "10.5",
                "4.1(4)",
                "a wrong Sec-WebSocket-Accept",
                "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n"
            },
            {
                "10.6",
                "4.1(4)",
                "no Sec-WebSocket-Accept",
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n\r\n"
            },
            {
                "10.7",
                "4.1(5)",
                "an extension that was not offered",
                "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: {accept}\r\n"
                        + "Sec-WebSocket-Extensions: x-unknown\r\n\r\n"
            },
            {
                "10.8",
                "4.1(6)",
                "a subprotocol that was not offered",
                "HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: {accept}\r\n"
                        + "Sec-WebSocket-Protocol: chat\r\n\r\n"
            }
        };
        for (String[] c : refused) {
            all.add(
                    new ConformanceCase(
                            c[0],
                            c[1],
                            "the handshake answer has "
                                    + c[2]
                                    + ": the client must fail the connection",
                            c[3],
                            List.of(),
                            Expectation.refuses(),
                            false));
        }
        all.add(
                new ConformanceCase(
                        "10.9",
                        "4.1(2)",
                        "Upgrade: WebSocket and Connection: keep-alive, Upgrade are accepted",
                        "HTTP/1.1 101 Switching Protocols\r\n"
                                + "Upgrade: WebSocket\r\n"
                                + "Connection: keep-alive, Upgrade\r\n"
                                + "Sec-WebSocket-Accept: {accept}\r\n\r\n",
                        List.of(Frames.text("hi")),
                        Expectation.delivers(t("hi")),
                        false));
    }

    // ---------------------------------------------------------------- 12 permessage-deflate (RFC
    // 7692)

    private void compressed(
            String id, String rule, String description, List<byte[]> writes, Expectation expect) {
        all.add(
                new ConformanceCase(
                        id,
                        rule,
                        description,
                        ConformanceCase.DEFLATE_HANDSHAKE,
                        writes,
                        expect,
                        true));
    }

    private void deflate() {
        int n = 0;
        for (int length : new int[] {16, 1000, 65536, 500_000}) {
            n++;
            String text = Frames.letters(length);
            compressed(
                    "12.1." + n,
                    "RFC 7692 7.2.2",
                    "compressed text of " + length + " bytes",
                    List.of(Frames.deflated(true, TEXT, utf8(text))),
                    Expectation.delivers(t(text)));
            byte[] data = Frames.pattern(length);
            compressed(
                    "12.2." + n,
                    "RFC 7692 7.2.2",
                    "compressed binary of " + length + " bytes",
                    List.of(Frames.deflated(true, BINARY, data)),
                    Expectation.delivers(b(data)));
        }
        byte[] whole = Frames.deflate(utf8("a compressed message in three fragments"));
        int third = whole.length / 3;
        compressed(
                "12.3.1",
                "RFC 7692 6.1",
                "a compressed message in three fragments (RSV1 on the first only)",
                List.of(
                        frame(false, 4, TEXT, java.util.Arrays.copyOfRange(whole, 0, third), null),
                        frame(
                                false,
                                0,
                                CONTINUATION,
                                java.util.Arrays.copyOfRange(whole, third, 2 * third),
                                null),
                        frame(
                                true,
                                0,
                                CONTINUATION,
                                java.util.Arrays.copyOfRange(whole, 2 * third, whole.length),
                                null)),
                Expectation.delivers(t("a compressed message in three fragments")));
        compressed(
                "12.3.2",
                "RFC 7692 6.1",
                "compressed and uncompressed messages in turn (RSV1 says which)",
                List.of(
                        Frames.deflated(true, TEXT, utf8("one")),
                        Frames.text("two"),
                        Frames.deflated(true, TEXT, utf8("three"))),
                Expectation.delivers(t("one"), t("two"), t("three")));
        compressed(
                "12.3.3",
                "RFC 7692 6.1",
                "RSV1 set on a continuation frame",
                List.of(
                        frame(false, 4, TEXT, Frames.deflate(utf8("ab")), null),
                        frame(true, 4, CONTINUATION, Frames.deflate(utf8("cd")), null)),
                Expectation.fails(1002));
        compressed(
                "12.3.4",
                "RFC 7692 6.1",
                "RSV1 set on a ping",
                List.of(frame(true, 4, PING, utf8("x"), null)),
                Expectation.fails(1002));
        compressed(
                "12.3.5",
                "RFC 7692 6.2",
                "a compressed payload that is not deflate data",
                List.of(frame(true, 4, TEXT, Frames.hex("ffffffffffff"), null)),
                Expectation.fails(1007));
        compressed(
                "12.3.6",
                "RFC 7692 8, 10.4",
                "10 MiB of zeros in a few KiB: inflating past the limit closes with 1009",
                List.of(Frames.deflated(true, BINARY, new byte[10 * 1024 * 1024])),
                Expectation.fails(1009));
    }

    // ---------------------------------------------------------------- 13 permessage-deflate
    // parameters (RFC 7692 7.1), after Autobahn's 13.x: the server answers with parameters and the
    // client echoes what it receives; the suite decodes the echoes itself and checks every
    // back-reference against the agreed terms

    /** 19 bytes, compressed on their own: the message that used to arrive empty (issue 30). */
    private static final String INDEPENDENT = "an independent text";

    private static final String CLIENT_WINDOW = "client_max_window_bits";

    private void negotiated(
            String id,
            String rule,
            String description,
            String handshake,
            List<byte[]> writes,
            Expectation expect,
            boolean echo,
            String needsOffer) {
        all.add(
                new ConformanceCase(
                        id, rule, description, handshake, writes, expect, true, echo, needsOffer));
    }

    /**
     * The server answers {@code parameters} and sends four messages, compressed as its answer says,
     * for the client to echo: a text, the same text again (a client that keeps its context refers
     * back to the first), a binary made of one random block twice, the block 64 bytes longer than
     * the client's window (a client that ignores the window refers back past it), and the text once
     * more.
     */
    private void echoed(
            String id,
            String rule,
            String description,
            String parameters,
            boolean serverNoContextTakeover,
            int serverBits,
            int clientBits,
            String needsOffer) {
        String text = Frames.randomLetters(300, clientBits);
        byte[] block = Frames.randomBytes((1 << clientBits) + 64, serverBits);
        byte[] twice = concat(block, block);
        Frames.Compressor server = new Frames.Compressor(!serverNoContextTakeover, serverBits);
        negotiated(
                id,
                rule,
                description,
                ConformanceCase.deflateHandshake(parameters),
                List.of(
                        frame(true, 4, TEXT, server.message(utf8(text)), null),
                        frame(true, 4, TEXT, server.message(utf8(text)), null),
                        frame(true, 4, BINARY, server.message(twice), null),
                        frame(true, 4, TEXT, server.message(utf8(text)), null)),
                Expectation.delivers(t(text), t(text), b(twice), t(text)),
                true,
                needsOffer);
    }

    /** The server's answer is one RFC 7692 forbids: the client must fail the connection. */
    private void refused(String id, String rule, String description, String handshake) {
        negotiated(id, rule, description, handshake, List.of(), Expectation.refuses(), false, null);
    }

    private void deflateParameters() {
        echoed(
                "13.1.1",
                "RFC 7692 7.1.1",
                "no parameters: context taken over both ways",
                "",
                false,
                15,
                15,
                null);
        echoed(
                "13.1.2",
                "RFC 7692 7.1.1.1",
                "server_no_context_takeover: each server message compressed on its own",
                "server_no_context_takeover",
                true,
                15,
                15,
                null);
        echoed(
                "13.1.3",
                "RFC 7692 7.1.1.2",
                "client_no_context_takeover: no echo may refer into an earlier one",
                "client_no_context_takeover",
                false,
                15,
                15,
                null);
        echoed(
                "13.1.4",
                "RFC 7692 7.1.1",
                "server_no_context_takeover and client_no_context_takeover",
                "server_no_context_takeover; client_no_context_takeover",
                true,
                15,
                15,
                null);
        for (int bits = 8; bits <= 15; bits++) {
            echoed(
                    "13.2." + (bits - 7),
                    "RFC 7692 7.1.2.1",
                    "server_max_window_bits=" + bits + ": the server's window is " + (1 << bits),
                    "server_max_window_bits=" + bits,
                    false,
                    bits,
                    15,
                    null);
        }
        for (int bits = 8; bits <= 15; bits++) {
            echoed(
                    "13.3." + (bits - 7),
                    "RFC 7692 7.1.2.2",
                    "client_max_window_bits="
                            + bits
                            + ": no echo refers back further than "
                            + (1 << bits)
                            + " bytes (a client that did not offer it refuses)",
                    "client_max_window_bits=" + bits,
                    false,
                    15,
                    bits,
                    CLIENT_WINDOW);
        }
        echoed(
                "13.4.1",
                "RFC 7692 7.1",
                "server_max_window_bits=9 with both no_context_takeover parameters",
                "server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9",
                true,
                9,
                15,
                null);
        echoed(
                "13.4.2",
                "RFC 7692 7.1",
                "client_max_window_bits=9 with client_no_context_takeover",
                "client_no_context_takeover; client_max_window_bits=9",
                false,
                15,
                9,
                CLIENT_WINDOW);
        echoed(
                "13.4.3",
                "RFC 7692 7.1",
                "all four parameters, both windows 10",
                "server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10;"
                        + " client_max_window_bits=10",
                true,
                10,
                10,
                CLIENT_WINDOW);
        echoed(
                "13.4.4",
                "RFC 7692 7.1.2",
                "window sizes as quoted strings",
                "server_max_window_bits=\"12\"; client_max_window_bits=\"12\"",
                false,
                12,
                12,
                CLIENT_WINDOW);
        finalBlocks();
        refused(
                "13.6.1",
                "RFC 7692 7.1",
                "an unknown parameter",
                ConformanceCase.deflateHandshake("foo"));
        int n = 1;
        for (String value : new String[] {"7", "16", ""}) {
            refused(
                    "13.6." + ++n,
                    "RFC 7692 7.1.2.1",
                    value.isEmpty()
                            ? "server_max_window_bits without a value"
                            : "server_max_window_bits=" + value + ", out of range",
                    ConformanceCase.deflateHandshake(
                            "server_max_window_bits" + (value.isEmpty() ? "" : "=" + value)));
        }
        for (String flag :
                new String[] {"server_no_context_takeover", "client_no_context_takeover"}) {
            refused(
                    "13.6." + ++n,
                    "RFC 7692 7.1.1",
                    flag + " with a value",
                    ConformanceCase.deflateHandshake(flag + "=1"));
        }
        refused(
                "13.6." + ++n,
                "RFC 7692 7.1",
                "server_no_context_takeover twice",
                ConformanceCase.deflateHandshake(
                        "server_no_context_takeover; server_no_context_takeover"));
        refused(
                "13.6." + ++n,
                "RFC 7692 7.1",
                "server_max_window_bits twice",
                ConformanceCase.deflateHandshake(
                        "server_max_window_bits=10; server_max_window_bits=10"));
        for (String value : new String[] {"", "7", "16"}) {
            refused(
                    "13.6." + ++n,
                    "RFC 7692 7.1.2.2",
                    value.isEmpty()
                            ? "client_max_window_bits without a value (a server must give one)"
                            : "client_max_window_bits=" + value + ", out of range",
                    ConformanceCase.deflateHandshake(
                            CLIENT_WINDOW + (value.isEmpty() ? "" : "=" + value)));
        }
        refused(
                "13.6." + ++n,
                "RFC 7692 5",
                "permessage-deflate accepted twice in one header",
                ConformanceCase.DEFLATE_HANDSHAKE.replace(
                        "permessage-deflate", "permessage-deflate, permessage-deflate"));
        refused(
                "13.6." + ++n,
                "RFC 7692 5",
                "permessage-deflate accepted twice, in two header lines",
                ConformanceCase.DEFLATE_HANDSHAKE.replace(
                        "permessage-deflate",
                        "permessage-deflate\r\nSec-WebSocket-Extensions: permessage-deflate"));
    }

    /**
     * 13.5: a message in each kind of DEFLATE block, final (BFINAL) or not, followed by one
     * compressed on its own; and RFC 7692 7.2.3.4's own example. The suite's decoder checks in
     * {@code DeflateDecoderTest} that each case's first message is made of the blocks it names.
     */
    private void finalBlocks() {
        byte[] independent = Frames.deflate(utf8(INDEPENDENT));
        compressed(
                "13.5.1",
                "RFC 7692 7.2.3.4",
                "'Hello' in a final fixed block and the empty block after it, as RFC 7692 shows,"
                        + " then another message",
                List.of(
                        frame(true, 4, TEXT, Frames.hex("f348cdc9c9070000"), null),
                        frame(true, 4, TEXT, independent, null)),
                Expectation.delivers(t("Hello"), t(INDEPENDENT)));
        int n = 1;
        for (String kind : BLOCK_KINDS) {
            for (boolean bfinal : new boolean[] {false, true}) {
                String text = blockKindText(kind);
                compressed(
                        "13.5." + ++n,
                        bfinal ? "RFC 7692 7.2.3.4" : "RFC 7692 7.2.1",
                        "a message in "
                                + kind
                                + " blocks"
                                + (bfinal ? ", the last one final" : "")
                                + ", then another message",
                        List.of(
                                frame(true, 4, TEXT, blockKindPayload(kind, bfinal), null),
                                frame(true, 4, TEXT, independent, null)),
                        Expectation.delivers(t(text), t(INDEPENDENT)));
            }
        }
        // after a final block the new stream's context is kept: the third message refers back
        // into the second
        Frames.Compressor after = new Frames.Compressor(true, 15);
        byte[] second = after.message(utf8(INDEPENDENT));
        byte[] third = after.message(utf8(INDEPENDENT));
        compressed(
                "13.5." + ++n,
                "RFC 7692 7.2.3.4",
                "after a final block, a message and one that refers back into it",
                List.of(
                        frame(true, 4, TEXT, blockKindPayload("dynamic", true), null),
                        frame(true, 4, TEXT, second, null),
                        frame(true, 4, TEXT, third, null)),
                Expectation.delivers(t(blockKindText("dynamic")), t(INDEPENDENT), t(INDEPENDENT)));
    }

    /** The kinds of DEFLATE block 13.5 sends (RFC 1951 3.2.3). */
    static final List<String> BLOCK_KINDS = List.of("stored", "fixed", "dynamic");

    /**
     * Text that the JDK's deflater puts in blocks of that kind: five letters are cheapest in the
     * fixed code, a thousand random ones in a code of their own.
     */
    static String blockKindText(String kind) {
        return kind.equals("fixed") ? "Hello" : Frames.randomLetters(1000, 13);
    }

    /** The payload 13.5 sends for a kind of block; a final one ends with RFC 7692's 00 byte. */
    static byte[] blockKindPayload(String kind, boolean bfinal) {
        int level =
                kind.equals("stored")
                        ? java.util.zip.Deflater.NO_COMPRESSION
                        : java.util.zip.Deflater.BEST_COMPRESSION;
        return Frames.deflate(level, utf8(blockKindText(kind)), bfinal, true);
    }

    private static String opcodeName(int opcode) {
        return switch (opcode) {
            case TEXT -> "text";
            case BINARY -> "binary";
            case PING -> "ping";
            default -> "opcode " + opcode;
        };
    }

    /** A list for a report line: long entries cut. */
    static String shorten(List<String> items) {
        List<String> shown =
                items.stream()
                        .limit(3)
                        .map(
                                s ->
                                        s.length() > 40
                                                ? s.substring(0, 40) + "…(" + s.length() + ")"
                                                : s)
                        .toList();
        return shown + (items.size() > 3 ? " …" : "");
    }
}
