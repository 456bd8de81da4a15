package dev.wsworld.websocket.config;

import dev.wsworld.websocket.policy.DestinationPattern;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the plugin's one network client.
 *
 * @param connectTimeout limit for TCP connect, TLS and upgrade together
 * @param idleTimeout close when nothing is received or sent for this long
 * @param maxMessageSize largest inbound message; larger closes with 1009
 * @param maxThreads network thread pool size
 * @param maxConnectionsPerDestination open connections to one host:port, for all components
 *     together
 * @param closeGrace how long plugin stop waits for closing handshakes
 * @param trustStore extra trust store for wss (private CAs); JVM defaults otherwise
 * @param staticHosts names answered without DNS, like a hosts file
 * @param recheckAfter how long a name's checked addresses stay good before it is looked up again
 * @param proxy the proxy connections go through, unless bypassed; empty connects directly
 */
public record NetworkSettings(
        Duration connectTimeout,
        Duration idleTimeout,
        long maxMessageSize,
        int maxThreads,
        int maxConnectionsPerDestination,
        Duration closeGrace,
        Optional<TrustStore> trustStore,
        Map<String, List<InetAddress>> staticHosts,
        Duration recheckAfter,
        Optional<Proxy> proxy) {
    public NetworkSettings {
        staticHosts = Map.copyOf(staticHosts);
    }

    /**
     * An HTTP CONNECT or SOCKS5 proxy, the host's choice: its own address is exempt from the
     * private-address block, while every destination reached through it is still checked. The
     * password never shows: not in {@code toString}, logs, stats or errors.
     *
     * @param username empty for a proxy without authentication
     * @param bypass destinations connected to directly, in the allowlist's pattern syntax
     */
    public record Proxy(
            Type type,
            String host,
            int port,
            Optional<String> username,
            String password,
            List<DestinationPattern> bypass) {
        public Proxy {
            bypass = List.copyOf(bypass);
        }

        /** Written in the file in lower case. */
        public enum Type {
            /** HTTP CONNECT, for ws and wss alike. */
            HTTP,
            SOCKS5
        }

        /**
         * Whether a connection to this destination goes through the proxy (no bypass entry matches
         * it).
         */
        public boolean carries(String scheme, String host, int port) {
            return bypass.stream().noneMatch(entry -> entry.matches(scheme, host, port));
        }

        /** {@code host:port}, as errors name the proxy. */
        public String address() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }

        @Override
        public String toString() {
            return "Proxy[type="
                    + type.name().toLowerCase(java.util.Locale.ROOT)
                    + ", "
                    + address()
                    + username.map(u -> ", username=" + u + ", password=(hidden)").orElse("")
                    + ", bypass="
                    + bypass
                    + "]";
        }
    }

    /**
     * A private CA's trust store. Its password never shows: not in {@code toString}, logs or
     * errors.
     *
     * @param type PKCS12, JKS or PEM
     * @param mode whether the system's CAs are trusted too
     */
    public record TrustStore(Path path, String type, String password, Mode mode) {
        /**
         * {@code replace} (the default): only the private CA; {@code add}: the system's CAs as
         * well.
         */
        public enum Mode {
            REPLACE,
            ADD
        }

        @Override
        public String toString() {
            return "TrustStore[path="
                    + path
                    + ", type="
                    + type
                    + ", password="
                    + (password == null ? "none" : "(hidden)")
                    + ", mode="
                    + mode
                    + "]";
        }
    }
}
