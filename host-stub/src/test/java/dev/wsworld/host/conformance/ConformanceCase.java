package dev.wsworld.host.conformance;

import java.util.Arrays;
import java.util.List;

/**
 * One case: what the server does, and what a conforming client must do.
 *
 * @param id Autobahn-style number, {@code section.group.case}
 * @param rule the RFC 6455 section it follows
 * @param description what is tested, in words
 * @param handshake the server's answer to the upgrade ({@code {accept}} is the right accept value)
 * @param writes what the server writes after the handshake, each write flushed on its own
 * @param expect what a conforming client does
 * @param compression the client must offer permessage-deflate (RFC 7692), which the server accepts
 * @param echo the client sends back every message it receives, as in Autobahn's client cases 12 and
 *     13; the server waits for the echoes before it closes
 * @param needsOffer a parameter of the server's answer that only a client that offered it may
 *     accept ({@code client_max_window_bits}, RFC 7692 7.1.2.2): a client that offered
 *     permessage-deflate without it must refuse the answer instead; null for none
 */
record ConformanceCase(
        String id,
        String rule,
        String description,
        String handshake,
        List<byte[]> writes,
        Expectation expect,
        boolean compression,
        boolean echo,
        String needsOffer) {
    ConformanceCase(
            String id,
            String rule,
            String description,
            String handshake,
            List<byte[]> writes,
            Expectation expect,
            boolean compression) {
        this(id, rule, description, handshake, writes, expect, compression, false, null);
    }

    static final String GOOD_HANDSHAKE =
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n";
    static final String DEFLATE_HANDSHAKE =
            "HTTP/1.1 101 Switching Protocols\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: {accept}\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";

    /** An answer accepting permessage-deflate with these parameters (none when empty). */
    static String deflateHandshake(String parameters) {
        return DEFLATE_HANDSHAKE.replace(
                "permessage-deflate",
                "permessage-deflate" + (parameters.isEmpty() ? "" : "; " + parameters));
    }

    String section() {
        return id.substring(0, id.indexOf('.'));
    }

    /**
     * What a conforming client does in this case, given what it offered (the request's
     * Sec-WebSocket-Extensions, empty for none).
     */
    Expectation expectFor(String offer) {
        if (needsOffer != null
                && Offer.offersDeflate(offer)
                && !Offer.deflateParameters(offer).contains(needsOffer)) {
            return Expectation.refuses();
        }
        return expect;
    }

    /** The request's permessage-deflate offer, read as RFC 6455 9.1 writes it. */
    static final class Offer {
        private Offer() {}

        static boolean offersDeflate(String offer) {
            return elements(offer).stream().anyMatch(e -> e.get(0).equals("permessage-deflate"));
        }

        /** The names of the parameters offered with permessage-deflate. */
        static List<String> deflateParameters(String offer) {
            return elements(offer).stream()
                    .filter(e -> e.get(0).equals("permessage-deflate"))
                    .findFirst()
                    .map(
                            e ->
                                    e.subList(1, e.size()).stream()
                                            .map(p -> p.split("=", 2)[0].trim())
                                            .toList())
                    .orElse(List.of());
        }

        private static List<List<String>> elements(String offer) {
            return Arrays.stream(offer.split(","))
                    .map(e -> Arrays.stream(e.split(";")).map(String::trim).toList())
                    .filter(e -> !e.get(0).isEmpty())
                    .toList();
        }
    }

    /**
     * What must be seen.
     *
     * @param opens whether the world may hear {@code connected} at all
     * @param delivered the messages the world must receive, in order, and no others ({@code T:text}
     *     or {@code B:hex})
     * @param pongs the pong payloads (hex) the client must send, in order
     * @param closeCode the code of the one close frame the client must send: 1000 after the
     *     server's normal close, else the code with which it fails the connection; 0 for none (a
     *     handshake the client must refuse)
     * @param serverCloses whether the server closes normally after its writes (else the case's own
     *     writes close, or the client must fail the connection)
     * @param answer the client answers a close the server sent: the code it received, 1000 or none
     *     are all right (RFC 6455 5.5.1 says it "typically echos" the code)
     */
    record Expectation(
            boolean opens,
            List<String> delivered,
            List<String> pongs,
            int closeCode,
            boolean serverCloses,
            boolean answer) {
        /** Delivers these and answers the close the server sends after them. */
        static Expectation delivers(String... messages) {
            return new Expectation(true, List.of(messages), List.of(), 1000, true, true);
        }

        /** The case's writes end with a close with {@code code}, which the client answers. */
        static Expectation answers(int code, String... messages) {
            return new Expectation(true, List.of(messages), List.of(), code, false, true);
        }

        /** Fails the connection with {@code code} after delivering {@code messages}. */
        static Expectation fails(int code, String... messages) {
            return new Expectation(true, List.of(messages), List.of(), code, false, false);
        }

        /** Never opens. */
        static Expectation refuses() {
            return new Expectation(false, List.of(), List.of(), 0, false, false);
        }

        Expectation withPongs(String... hexPayloads) {
            return new Expectation(
                    opens, delivered, List.of(hexPayloads), closeCode, serverCloses, answer);
        }

        @Override
        public String toString() {
            if (!opens) {
                return "the connection is refused; the world never hears connected";
            }
            return "delivers "
                    + (delivered.isEmpty()
                            ? "nothing"
                            : delivered.size() + " message(s) " + Cases.shorten(delivered))
                    + (pongs.isEmpty() ? "" : ", pongs " + Cases.shorten(pongs))
                    + (answer
                            ? ", answers the server's close " + closeCode + " (echo, 1000 or empty)"
                            : ", fails the connection with " + closeCode);
        }
    }
}
