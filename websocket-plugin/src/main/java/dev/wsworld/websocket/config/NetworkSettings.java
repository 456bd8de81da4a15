package dev.wsworld.websocket.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Settings of the plugin's one network client.
 *
 * @param connectTimeout               limit for TCP connect, TLS and upgrade together
 * @param idleTimeout                  close when nothing is received or sent for this long
 * @param maxMessageSize               largest inbound message; larger closes with 1009
 * @param maxThreads                   network thread pool size
 * @param maxConnectionsPerDestination open connections to one host:port, for all components together
 * @param closeGrace                   how long plugin stop waits for closing handshakes
 * @param trustStore                   extra trust store for wss (private CAs); JVM defaults otherwise
 * @param staticHosts                  names answered without DNS, like a hosts file
 * @param recheckAfter                 how long a name's checked addresses stay good before it is looked up again
 */
public record NetworkSettings(Duration connectTimeout, Duration idleTimeout, long maxMessageSize, int maxThreads,
                              int maxConnectionsPerDestination, Duration closeGrace,
                              Optional<TrustStore> trustStore, Map<String, List<InetAddress>> staticHosts,
                              Duration recheckAfter) {
    public NetworkSettings {
        staticHosts = Map.copyOf(staticHosts);
    }


    /**
     * A private CA's trust store. Its password never shows: not in {@code toString}, logs or errors.
     *
     * @param type PKCS12, JKS or PEM
     * @param mode whether the system's CAs are trusted too
     */
    public record TrustStore(Path path, String type, String password, Mode mode) {
        /** {@code replace} (the default): only the private CA; {@code add}: the system's CAs as well. */
        public enum Mode {
            REPLACE, ADD
        }

        @Override
        public String toString() {
            return "TrustStore[path=" + path + ", type=" + type + ", password=" + (password == null ? "none" : "(hidden)")
                    + ", mode=" + mode + "]";
        }
    }
}
