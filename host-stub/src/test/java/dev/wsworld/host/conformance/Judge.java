package dev.wsworld.host.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Compares what a client did, on both sides, with what its case expects. */
final class Judge {
    private Judge() {}

    /**
     * One verdict, graded as Autobahn grades: {@code pass}; {@code non-strict} when a client that
     * had to fail the connection dropped it without the close frame RFC 6455 7.1.7 says it SHOULD
     * send; {@code fail}.
     */
    record Result(
            String id,
            String rule,
            String description,
            String expectation,
            String observation,
            String verdict,
            List<String> problems) {
        boolean passed() {
            return verdict.equals(PASS);
        }

        boolean failed() {
            return verdict.equals(FAIL);
        }
    }

    static final String PASS = "pass";
    static final String NON_STRICT = "non-strict";
    static final String FAIL = "fail";

    /**
     * 5.5.3: a pong for every ping, in order; or, for pings that came before a pong could be sent,
     * only for the most recent one. So the pongs sent must be the expected ones in order with some
     * left out, and the last ping must be answered.
     */
    private static boolean pongsAnswer(List<String> sent, List<String> expected) {
        if (expected.isEmpty() || sent.isEmpty()) {
            return sent.equals(expected);
        }
        int at = 0;
        for (String pong : sent) {
            while (at < expected.size() && !expected.get(at).equals(pong)) {
                at++;
            }
            if (at == expected.size()) {
                return false;
            }
            at++;
        }
        return sent.get(sent.size() - 1).equals(expected.get(expected.size() - 1));
    }

    /**
     * What the server's answer (the case's handshake) lets the client do when it compresses.
     *
     * @param noContextTakeover {@code client_no_context_takeover} was answered
     * @param windowBits {@code client_max_window_bits}, 15 when not answered
     */
    record ClientTerms(boolean noContextTakeover, int windowBits) {
        static ClientTerms of(String handshake) {
            boolean noContextTakeover = false;
            int windowBits = 15;
            for (String line : handshake.split("\r\n")) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions:")) {
                    continue;
                }
                for (String parameter : line.substring(line.indexOf(':') + 1).split(";")) {
                    String[] nameValue = parameter.split("=", 2);
                    String name = nameValue[0].trim();
                    if (name.equals("client_no_context_takeover")) {
                        noContextTakeover = true;
                    } else if (name.equals("client_max_window_bits")) {
                        windowBits = Integer.parseInt(nameValue[1].replace("\"", "").trim());
                    }
                }
            }
            return new ClientTerms(noContextTakeover, windowBits);
        }
    }

    /**
     * The client's echoes, decoded by the suite's own {@link DeflateDecoder} and held against the
     * agreed terms: a back-reference into an earlier message under {@code
     * client_no_context_takeover}, or longer than the agreed window, is a problem.
     */
    record Echoes(
            List<String> problems,
            int count,
            int compressed,
            int largestDistance,
            int reachIntoEarlier) {
        static Echoes of(
                ClientTerms terms, List<WireServer.ClientFrame> frames, List<String> expected) {
            List<String> problems = new ArrayList<>();
            List<String> echoed = new ArrayList<>();
            DeflateDecoder decoder = new DeflateDecoder();
            int compressed = 0;
            int largest = 0;
            int reach = 0;
            ByteArrayOutputStream message = null;
            int type = 0;
            boolean rsv1 = false;
            for (WireServer.ClientFrame frame : frames) {
                if (frame.opcode() == Frames.TEXT || frame.opcode() == Frames.BINARY) {
                    message = new ByteArrayOutputStream();
                    type = frame.opcode();
                    rsv1 = (frame.rsv() & 4) != 0;
                } else if (frame.opcode() != Frames.CONTINUATION || message == null) {
                    continue;
                }
                message.writeBytes(frame.payload());
                if (!frame.fin()) {
                    continue;
                }
                byte[] data = message.toByteArray();
                message = null;
                int n = echoed.size() + 1;
                if (rsv1) {
                    compressed++;
                    try {
                        DeflateDecoder.Message decoded = decoder.message(data);
                        data = decoded.data();
                        largest = Math.max(largest, decoded.largestDistance());
                        reach = Math.max(reach, decoded.reachIntoEarlier());
                        if (terms.noContextTakeover() && decoded.reachIntoEarlier() > 0) {
                            problems.add(
                                    "echo "
                                            + n
                                            + " refers "
                                            + decoded.reachIntoEarlier()
                                            + " bytes back into an earlier message, though"
                                            + " client_no_context_takeover was agreed (RFC 7692"
                                            + " 7.1.1.2)");
                        }
                        int window = 1 << terms.windowBits();
                        if (decoded.largestDistance() > window) {
                            problems.add(
                                    "echo "
                                            + n
                                            + " uses a back-reference distance of "
                                            + decoded.largestDistance()
                                            + ", beyond the agreed window of "
                                            + window
                                            + " bytes (client_max_window_bits="
                                            + terms.windowBits()
                                            + ", RFC 7692 7.1.2.2)");
                        }
                    } catch (DeflateDecoder.InvalidDeflate e) {
                        problems.add("echo " + n + " is not valid deflate: " + e.getMessage());
                    }
                }
                echoed.add(
                        type == Frames.TEXT
                                ? "T:" + new String(data, StandardCharsets.UTF_8)
                                : "B:" + WireServer.hex(data));
            }
            if (!echoed.equals(expected)) {
                problems.add(
                        "echoed "
                                + Cases.shorten(echoed)
                                + " ("
                                + echoed.size()
                                + "), expected "
                                + Cases.shorten(expected)
                                + " ("
                                + expected.size()
                                + ")");
            }
            if (compressed == 0 && !echoed.isEmpty()) {
                problems.add(
                        "none of the client's echoes was compressed, so its use of the agreed"
                                + " parameters could not be checked");
            }
            return new Echoes(List.copyOf(problems), echoed.size(), compressed, largest, reach);
        }

        @Override
        public String toString() {
            return "echoed "
                    + count
                    + " ("
                    + compressed
                    + " compressed), largest distance "
                    + largestDistance
                    + (reachIntoEarlier > 0
                            ? ", reaching " + reachIntoEarlier + " bytes into earlier messages"
                            : ", none into earlier messages");
        }
    }

    static Result judge(ConformanceCase c, Observed observed, WireServer.Wire wire) {
        ConformanceCase.Expectation expect = c.expectFor(wire.offer());
        List<String> problems = new ArrayList<>();
        if (c.compression() && !ConformanceCase.Offer.offersDeflate(wire.offer())) {
            problems.add(
                    "the client did not offer permessage-deflate, which the case needs (RFC 7692"
                            + " 5)");
        }
        boolean nonStrict = false;
        List<String> pongs = new ArrayList<>();
        List<Integer> closes = new ArrayList<>();
        for (int i = 0; i < wire.frames().size(); i++) {
            WireServer.ClientFrame frame = wire.frames().get(i);
            if (!frame.masked()) {
                problems.add("an unmasked client frame (5.3)");
            }
            boolean firstDataFrame =
                    frame.opcode() == Frames.TEXT || frame.opcode() == Frames.BINARY;
            if (frame.rsv() == 4 && c.compression() && !firstDataFrame) {
                problems.add(
                        "RSV1 on a "
                                + (frame.opcode() == Frames.CONTINUATION
                                        ? "continuation"
                                        : "control")
                                + " frame (RFC 7692 6.1: a message's first frame only)");
            } else if (frame.rsv() != 0 && !(frame.rsv() == 4 && c.compression())) {
                problems.add("RSV bits set by the client (5.2)");
            }
            if (frame.opcode() >= 8 && (!frame.fin() || frame.payload().length > 125)) {
                problems.add("a fragmented or oversized control frame from the client (5.5)");
            }
            if (frame.opcode() == Frames.PONG) {
                pongs.add(WireServer.hex(frame.payload()));
            } else if (frame.opcode() == Frames.CLOSE) {
                closes.add(
                        frame.payload().length >= 2
                                ? ByteBuffer.wrap(frame.payload()).getShort() & 0xFFFF
                                : -1);
                if (i != wire.frames().size() - 1) {
                    problems.add("frames after the client's close (5.5.1)");
                }
            }
        }
        if (wire.problem() != null) {
            problems.add(wire.problem());
        }
        if (!expect.opens()) {
            if (observed.opened()) {
                problems.add(
                        "the client's user was told the connection opened (4.1: the client must"
                                + " fail it)");
            }
            if (!wire.frames().isEmpty()) {
                problems.add("the client sent frames on a connection it had to fail");
            }
        } else {
            if (!observed.opened()) {
                problems.add("never opened: " + observed.failure());
            }
            if (!observed.delivered().equals(expect.delivered())) {
                problems.add(
                        "delivered "
                                + Cases.shorten(observed.delivered())
                                + " ("
                                + observed.delivered().size()
                                + "), expected "
                                + Cases.shorten(expect.delivered())
                                + " ("
                                + expect.delivered().size()
                                + ")");
            }
            if (!pongsAnswer(pongs, expect.pongs())) {
                problems.add(
                        "pongs "
                                + Cases.shorten(pongs)
                                + ", expected "
                                + Cases.shorten(expect.pongs()));
            }
            if (closes.isEmpty() && !expect.answer() && wire.problem() == null) {
                nonStrict =
                        true; // failed by dropping the connection: allowed, but not what 7.1.7 asks
            } else if (closes.size() != 1) {
                problems.add(closes.size() + " close frames from the client, expected exactly one");
            } else {
                int code = closes.get(0);
                boolean right =
                        expect.answer()
                                ? code == expect.closeCode() || code == 1000 || code == -1
                                : code == expect.closeCode();
                if (!right) {
                    problems.add(
                            "closed with "
                                    + (code == -1 ? "no code" : code)
                                    + ", expected "
                                    + expect.closeCode());
                }
            }
        }
        Echoes echoes = null;
        if (c.echo() && expect.opens()) {
            echoes = Echoes.of(ClientTerms.of(c.handshake()), wire.frames(), expect.delivered());
            problems.addAll(echoes.problems());
        }
        String observation =
                observed
                        + "; on the wire: "
                        + wire.frames().size()
                        + " frame(s)"
                        + (pongs.isEmpty() ? "" : ", pongs " + Cases.shorten(pongs))
                        + (closes.isEmpty()
                                ? ", no close"
                                : ", close "
                                        + closes.stream()
                                                .map(
                                                        code ->
                                                                code == -1
                                                                        ? "(no code)"
                                                                        : code.toString())
                                                .toList())
                        + (echoes == null ? "" : "; " + echoes);
        String verdict = !problems.isEmpty() ? FAIL : nonStrict ? NON_STRICT : PASS;
        return new Result(
                c.id(),
                c.rule(),
                c.description(),
                expect
                        + (c.echo() && expect.opens()
                                ? "; echoes each message, compressed on the agreed terms"
                                : ""),
                observation,
                verdict,
                List.copyOf(problems));
    }
}
