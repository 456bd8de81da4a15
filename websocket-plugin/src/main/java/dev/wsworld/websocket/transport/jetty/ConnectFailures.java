package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.common.text.Failures;
import dev.wsworld.websocket.config.NetworkSettings;
import dev.wsworld.websocket.failure.Failure;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;

/**
 * Why an attempt never opened, with its kind, from what Jetty and the JDK threw: the most telling
 * explanation wins, in the order of {@link #of} (a blocked destination, the proxy's words, a
 * refused extension answer, TLS, a server that closed early, then the exception's type).
 */
final class ConnectFailures {
    private ConnectFailures() {}

    /**
     * Why an attempt never opened, with its kind.
     *
     * @param host the URL's host, as messages name it
     * @param secure a wss:// attempt
     * @param proxy the proxy the attempt went through; null for a direct one
     * @param requestSent whether the upgrade request went out
     * @param refusedExtensions why the server's extension answer was refused, if it was
     */
    static Failure of(
            Throwable error,
            String host,
            boolean secure,
            NetworkSettings.Proxy proxy,
            boolean requestSent,
            Optional<String> refusedExtensions) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CheckingResolver.BlockedDestinationException blocked) {
                return Failure.of(FailureKind.BLOCKED, blocked.getMessage());
            }
        }
        Optional<String> proxied =
                proxy == null ? Optional.empty() : ProxyFailures.describe(error, proxy);
        if (proxied.isPresent()) {
            return Failure.of(FailureKind.PROXY, proxied.get());
        }
        if (refusedExtensions.isPresent()) {
            return Failure.of(FailureKind.HANDSHAKE, refusedExtensions.get());
        }
        Optional<String> tls = TlsFailures.describe(error, host);
        if (tls.isPresent()) {
            return Failure.of(FailureKind.TLS, tls.get());
        }
        return closedEarly(error, host, secure, requestSent)
                .orElseGet(() -> Failure.of(kindOf(error), Failures.describe(error)));
    }

    /** The kind of a failure no explanation above claimed, by what the JDK or Jetty threw. */
    private static FailureKind kindOf(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return FailureKind.DNS;
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return FailureKind.TIMEOUT;
            }
            if (t instanceof UpgradeException) {
                return FailureKind.HANDSHAKE;
            }
            if (t instanceof SocketException || t instanceof ClosedChannelException) {
                return FailureKind.TCP;
            }
        }
        return FailureKind.OTHER;
    }

    /**
     * The server closed before answering. Jetty says so with an EOFException whose message is a
     * dump of its connection's internals; this says when. A wss server that closes before the
     * upgrade request could even be sent closed during the TLS handshake: most often a plain ws
     * server, which answers a ClientHello by hanging up (or with a 400 that TLS cannot read).
     */
    private static Optional<Failure> closedEarly(
            Throwable error, String host, boolean secure, boolean requestSent) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof EOFException) {
                if (requestSent) {
                    return Optional.of(
                            Failure.of(
                                    FailureKind.HANDSHAKE,
                                    host + " closed the connection before answering the upgrade"));
                }
                return Optional.of(
                        secure
                                ? Failure.of(
                                        FailureKind.TLS,
                                        host + " did not answer in TLS (is it a ws:// server?)")
                                : Failure.of(
                                        FailureKind.TCP,
                                        host
                                                + " closed the connection before the upgrade"
                                                + " request was sent"));
            }
        }
        return Optional.empty();
    }
}
