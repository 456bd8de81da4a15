package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.common.text.TerminalText;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.websocket.api.UpgradeResponse;

/**
 * What RFC 6455 4.1 (client, point 2 and 3) requires of a {@code 101} answer, checked on the
 * response itself before the world hears {@code connected}: {@code Upgrade: websocket} and a {@code
 * Connection} header with the {@code upgrade} token, both case-insensitive. (Jetty checks {@code
 * Sec-WebSocket-Accept}, the subprotocol and the extensions; its own {@code Upgrade} check reads
 * the client's request, so a server answering {@code Upgrade: h2c} got through.)
 */
final class UpgradeResponseCheck {
    /** A header value shown in an error is the server's text: bounded and escaped. */
    private static final int SHOWN = 64;

    private UpgradeResponseCheck() {}

    /** Why the answer is not a WebSocket upgrade; empty when it is. */
    static Optional<String> refusal(UpgradeResponse response) {
        String upgrade = response.getHeader("Upgrade");
        if (upgrade == null) {
            return Optional.of(
                    "the server's 101 answer has no Upgrade header (RFC 6455 4.1 requires Upgrade:"
                            + " websocket)");
        }
        if (!upgrade.trim().equalsIgnoreCase("websocket")) {
            return Optional.of(
                    "the server's 101 answer upgrades to '" + shown(upgrade) + "', not websocket");
        }
        String connection = response.getHeader("Connection");
        boolean upgradeToken =
                connection != null
                        && java.util.Arrays.stream(connection.split(","))
                                .anyMatch(
                                        token ->
                                                token.trim()
                                                        .toLowerCase(Locale.ROOT)
                                                        .equals("upgrade"));
        if (!upgradeToken) {
            return Optional.of(
                    "the server's 101 answer has no 'Connection: Upgrade' (RFC 6455 4.1)"
                            + (connection == null
                                    ? ""
                                    : "; it says Connection: " + shown(connection)));
        }
        return Optional.empty();
    }

    /** The server's text in an error: bounded and escaped. */
    static String shown(String value) {
        String bounded = value.length() > SHOWN ? value.substring(0, SHOWN) + "\u2026" : value;
        return TerminalText.escape(bounded);
    }
}
