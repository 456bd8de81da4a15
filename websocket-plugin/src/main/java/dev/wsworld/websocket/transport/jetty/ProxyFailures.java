package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.websocket.config.NetworkSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.http.HttpStatus;

/**
 * A failed connect through the proxy, in words that say whether the proxy could not be reached or
 * refused, and why. The status line's reason phrase is the proxy's text: the standard phrase for
 * the code is shown instead. Credentials are never part of what is said.
 */
final class ProxyFailures {
    private static final String CHECK_CREDENTIALS = "; check network.proxy.username and password";

    private ProxyFailures() {}

    /**
     * The reason when {@code failure} is the proxy's doing, else empty (a TLS or WebSocket failure
     * behind it).
     */
    static Optional<String> describe(Throwable failure, NetworkSettings.Proxy proxy) {
        String via =
                " ("
                        + proxy.type().name().toLowerCase(Locale.ROOT)
                        + " proxy "
                        + proxy.address()
                        + ")";
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof HttpResponseException refused
                    && refused.getResponse().getRequest().getMethod().equals("CONNECT")) {
                int status = refused.getResponse().getStatus();
                String text =
                        "proxy refused CONNECT: " + status + " " + HttpStatus.getMessage(status);
                // 407 is the standard answer; some proxies (tinyproxy) answer a failed login with
                // 401
                boolean login =
                        status == HttpStatus.PROXY_AUTHENTICATION_REQUIRED_407
                                || status == HttpStatus.UNAUTHORIZED_401;
                return Optional.of(login ? text + via + CHECK_CREDENTIALS : text + via);
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException) {
                return Optional.of("cannot reach proxy " + proxy.address() + ": " + message(t));
            }
            if (t instanceof IOException io
                    && io.getMessage() != null
                    && io.getMessage().startsWith("SOCK")) {
                String jetty = io.getMessage();
                return Optional.of(
                        jetty.contains("authentication")
                                ? "proxy refused the SOCKS5 login: "
                                        + jetty.replaceFirst("^SOCKS?5 ", "")
                                        + via
                                        + CHECK_CREDENTIALS
                                : "proxy refused the connection: " + jetty + via);
            }
            if (t instanceof ClosedChannelException
                    && proxy.type() == NetworkSettings.Proxy.Type.SOCKS5) {
                return Optional.of("proxy closed the connection during the SOCKS5 handshake" + via);
            }
        }
        return Optional.empty();
    }

    private static String message(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank()
                ? t.getClass().getSimpleName()
                : t.getMessage();
    }
}
