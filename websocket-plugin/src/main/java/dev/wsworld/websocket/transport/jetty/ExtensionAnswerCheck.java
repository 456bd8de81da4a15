package dev.wsworld.websocket.transport.jetty;

import static dev.wsworld.websocket.transport.jetty.DeflateOffer.CLIENT_MAX_WINDOW_BITS;
import static dev.wsworld.websocket.transport.jetty.DeflateOffer.CLIENT_NO_CONTEXT_TAKEOVER;
import static dev.wsworld.websocket.transport.jetty.DeflateOffer.PERMESSAGE_DEFLATE;
import static dev.wsworld.websocket.transport.jetty.DeflateOffer.SERVER_MAX_WINDOW_BITS;
import static dev.wsworld.websocket.transport.jetty.DeflateOffer.SERVER_NO_CONTEXT_TAKEOVER;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's {@code Sec-WebSocket-Extensions} answer, read against the offer before the world
 * hears {@code connected}. RFC 6455 9.1 and RFC 7692 5 and 7.1: the client fails the connection
 * when the answer names an extension it did not offer, accepts permessage-deflate twice, or gives
 * it a parameter that is unknown, repeated, missing its value, carrying a value it must not have,
 * out of range, or ({@code client_max_window_bits}) not offered. Jetty checks part of this, on the
 * first header line only, and its client configures the extension from its own offer, not from the
 * answer; so the answer is read here, every header line of it.
 */
final class ExtensionAnswerCheck {
    /** What the answer means for the connection. */
    sealed interface Answer permits Accepted, Refused {}

    /** The answer is acceptable; {@code deflate} is what it agreed, empty for no compression. */
    record Accepted(Optional<DeflateAgreement> deflate) implements Answer {}

    /** The answer must fail the connection, for {@code reason}. */
    record Refused(String reason) implements Answer {}

    static final String INVALID = "the server's permessage-deflate answer is invalid: ";

    private ExtensionAnswerCheck() {}

    /**
     * @param headerValues every Sec-WebSocket-Extensions line of the answer, in order
     * @param offer what was offered; empty when compression was not
     */
    static Answer read(List<String> headerValues, Optional<DeflateOffer> offer) {
        if (headerValues.isEmpty()) {
            return new Accepted(Optional.empty());
        }
        try {
            List<Element> elements = new Parser(String.join(",", headerValues)).list();
            Element deflate = null;
            for (Element element : elements) {
                if (!element.name().equals(PERMESSAGE_DEFLATE)) {
                    throw new Invalid(
                            "the server's answer names extension '"
                                    + UpgradeResponseCheck.shown(element.name())
                                    + "', which was not offered (RFC 6455 9.1)");
                }
                if (offer.isEmpty()) {
                    throw new Invalid(
                            "the server's answer accepts permessage-deflate, which was not"
                                    + " offered (RFC 6455 9.1)");
                }
                if (deflate != null) {
                    throw new Invalid(INVALID + "it accepts permessage-deflate twice (RFC 7692 5)");
                }
                deflate = element;
            }
            return new Accepted(
                    deflate == null
                            ? Optional.empty()
                            : Optional.of(agreement(deflate.parameters(), offer.get())));
        } catch (Invalid invalid) {
            return new Refused(invalid.getMessage());
        }
    }

    private static DeflateAgreement agreement(List<Parameter> parameters, DeflateOffer offer)
            throws Invalid {
        Set<String> seen = new HashSet<>();
        boolean serverNoContextTakeover = false;
        boolean clientNoContextTakeover = false;
        int serverBits = DeflateAgreement.MAX_WINDOW_BITS;
        int clientBits = DeflateAgreement.MAX_WINDOW_BITS;
        for (Parameter parameter : parameters) {
            String name = parameter.name();
            boolean known =
                    switch (name) {
                        case SERVER_NO_CONTEXT_TAKEOVER,
                                CLIENT_NO_CONTEXT_TAKEOVER,
                                SERVER_MAX_WINDOW_BITS,
                                CLIENT_MAX_WINDOW_BITS ->
                                true;
                        default -> false;
                    };
            if (!known) {
                throw new Invalid(
                        INVALID
                                + "unknown parameter '"
                                + UpgradeResponseCheck.shown(name)
                                + "' (RFC 7692 7.1)");
            }
            if (!seen.add(name)) {
                throw new Invalid(INVALID + name + " is given twice (RFC 7692 7.1)");
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> serverNoContextTakeover = flag(parameter);
                case CLIENT_NO_CONTEXT_TAKEOVER -> clientNoContextTakeover = flag(parameter);
                case SERVER_MAX_WINDOW_BITS -> serverBits = windowBits(parameter);
                default -> {
                    if (!offer.clientMaxWindowBits()) {
                        throw new Invalid(
                                INVALID
                                        + CLIENT_MAX_WINDOW_BITS
                                        + " was not offered (RFC 7692 7.1.2.2: a server names the"
                                        + " client's window only when asked)");
                    }
                    clientBits = windowBits(parameter);
                }
            }
        }
        return new DeflateAgreement(
                serverNoContextTakeover, clientNoContextTakeover, serverBits, clientBits);
    }

    private static boolean flag(Parameter parameter) throws Invalid {
        if (parameter.value() != null) {
            throw new Invalid(
                    INVALID
                            + parameter.name()
                            + " takes no value, but the answer gives it '"
                            + UpgradeResponseCheck.shown(parameter.value())
                            + "' (RFC 7692 7.1.1)");
        }
        return true;
    }

    /** RFC 7692 7.1.2: a decimal 8 to 15 without leading zeros, quoted or not. */
    private static int windowBits(Parameter parameter) throws Invalid {
        String value = parameter.value();
        String name = parameter.name();
        if (value == null) {
            throw new Invalid(INVALID + name + " has no value (8 to 15; RFC 7692 7.1.2)");
        }
        if (value.matches("[89]|1[0-5]")) {
            return Integer.parseInt(value);
        }
        if (value.matches("[1-9][0-9]{0,8}|0")) {
            throw new Invalid(INVALID + name + "=" + value + " is out of range (8 to 15)");
        }
        throw new Invalid(
                INVALID
                        + name
                        + "='"
                        + UpgradeResponseCheck.shown(value)
                        + "' is not a window size (8 to 15, no leading zeros; RFC 7692 7.1.2)");
    }

    /** One element of the extension list: a name and its parameters, in order. */
    private record Element(String name, List<Parameter> parameters) {}

    /** A parameter; {@code value} null when it has none, unquoted when it was quoted. */
    private record Parameter(String name, String value) {}

    /** Why an answer is refused; thrown only inside this check. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * RFC 6455 9.1's grammar: {@code 1#(token *(";" token ["=" (token | quoted-string)]))}, with
     * optional white space. Jetty's own parser keeps one value per parameter name, so a repeated
     * parameter could not be seen through it.
     */
    private static final class Parser {
        private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        List<Element> list() throws Invalid {
            List<Element> elements = new ArrayList<>();
            while (true) {
                skipSpace();
                if (at == text.length()) {
                    return elements;
                }
                if (text.charAt(at) == ',') { // empty list elements are allowed (RFC 7230 7)
                    at++;
                    continue;
                }
                String name = token("an extension name");
                List<Parameter> parameters = new ArrayList<>();
                skipSpace();
                while (at < text.length() && text.charAt(at) == ';') {
                    at++;
                    skipSpace();
                    String parameter = token("a parameter name");
                    skipSpace();
                    String value = null;
                    if (at < text.length() && text.charAt(at) == '=') {
                        at++;
                        skipSpace();
                        value =
                                at < text.length() && text.charAt(at) == '"'
                                        ? quoted()
                                        : token("a parameter value");
                        skipSpace();
                    }
                    parameters.add(new Parameter(parameter, value));
                }
                elements.add(new Element(name, List.copyOf(parameters)));
                if (at < text.length() && text.charAt(at) != ',') {
                    throw malformed("',' or ';'");
                }
            }
        }

        private void skipSpace() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        private String token(String what) throws Invalid {
            int start = at;
            while (at < text.length() && isTokenChar(text.charAt(at))) {
                at++;
            }
            if (at == start) {
                throw malformed(what);
            }
            return text.substring(start, at);
        }

        private static boolean isTokenChar(char c) {
            return c > 0x20 && c < 0x7f && SEPARATORS.indexOf(c) < 0;
        }

        private String quoted() throws Invalid {
            StringBuilder value = new StringBuilder();
            at++; // the opening quote
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            throw malformed("a closing quote");
        }

        private Invalid malformed(String expected) {
            String rest = text.substring(at);
            return new Invalid(
                    "the server's Sec-WebSocket-Extensions answer cannot be read: expected "
                            + expected
                            + (rest.isEmpty()
                                    ? " at its end"
                                    : " at '" + UpgradeResponseCheck.shown(rest) + "'"));
        }
    }
}
