package dev.wsworld.host.conformance;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

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

    static Result judge(ConformanceCase c, Observed observed, WireServer.Wire wire) {
        ConformanceCase.Expectation expect = c.expect();
        List<String> problems = new ArrayList<>();
        boolean nonStrict = false;
        List<String> pongs = new ArrayList<>();
        List<Integer> closes = new ArrayList<>();
        for (int i = 0; i < wire.frames().size(); i++) {
            WireServer.ClientFrame frame = wire.frames().get(i);
            if (!frame.masked()) {
                problems.add("an unmasked client frame (5.3)");
            }
            if (frame.rsv() != 0) {
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
                                                .toList());
        String verdict = !problems.isEmpty() ? FAIL : nonStrict ? NON_STRICT : PASS;
        return new Result(
                c.id(),
                c.rule(),
                c.description(),
                expect.toString(),
                observation,
                verdict,
                List.copyOf(problems));
    }
}
