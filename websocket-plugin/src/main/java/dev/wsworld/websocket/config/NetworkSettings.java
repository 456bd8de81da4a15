package dev.wsworld.websocket.config;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.common.config.MappingReader;
import dev.wsworld.common.text.Failures;
import dev.wsworld.websocket.policy.DestinationPattern;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code network:} section: the plugin's one network client. Each field is named as its key,
 * and {@link #read} holds each default, in the order of the file.
 *
 * @param blockPrivateAddresses refuse loopback, private, link-local and other special addresses
 *     unless an allowlist entry names the host
 * @param hosts names answered without DNS, like a hosts file
 * @param maxThreads network thread pool size
 * @param maxConnectionsPerDestination open connections to one host:port, for all components
 *     together
 * @param closeGrace how long plugin stop waits for closing handshakes
 * @param recheckAfter how long a name's checked addresses stay good before it is looked up again
 * @param trustStore extra trust store for wss (private CAs); JVM defaults otherwise
 * @param proxy the proxy connections go through, unless bypassed; empty connects directly
 */
public record NetworkSettings(
        boolean blockPrivateAddresses,
        Map<String, List<InetAddress>> hosts,
        int maxThreads,
        int maxConnectionsPerDestination,
        Duration closeGrace,
        Duration recheckAfter,
        Optional<TrustStore> trustStore,
        Optional<Proxy> proxy) {
    /**
     * The fewest network threads that work: Jetty's client needs threads for its selector, for name
     * resolution and for connecting, besides the ones that read.
     */
    static final int MIN_THREADS = 8;

    public NetworkSettings {
        hosts = Map.copyOf(hosts);
    }

    /**
     * Reads the section; a relative trust store path resolves against {@code baseDirectory}. "Known
     * keys" in error messages lists the keys in this order.
     */
    static NetworkSettings read(MappingReader n, Path baseDirectory) throws ConfigException {
        NetworkSettings read =
                new NetworkSettings(
                        n.bool("blockPrivateAddresses", true),
                        hosts(n.mapping("hosts")),
                        n.intInRange("maxThreads", 32, MIN_THREADS, 1024),
                        n.intInRange(
                                "maxConnectionsPerDestination",
                                20_000,
                                1,
                                SettingsLoader.MAX_COUNT),
                        n.duration("closeGrace", Duration.ofSeconds(3), false),
                        n.duration("recheckAfter", Duration.ofSeconds(60), false),
                        trustStore(n, baseDirectory),
                        proxy(n));
        n.rejectUnknownKeys();
        return read;
    }

    /** {@code network.trustStore}: null (the default) or a mapping naming at least its path. */
    private static Optional<TrustStore> trustStore(MappingReader n, Path baseDirectory)
            throws ConfigException {
        if (n.node("trustStore")
                .filter(node -> !(node instanceof ConfigNode.Scalar s && s.isNull()))
                .isPresent()) {
            MappingReader ts = n.mapping("trustStore");
            Optional<String> path = ts.string("path");
            if (path.isEmpty()) {
                throw new ConfigException(
                        ts.location(), ts.path() + ".path", "a trust store needs a path");
            }
            Path resolved = baseDirectory.resolve(path.get());
            if (!Files.isReadable(resolved)) {
                throw ts.error(
                        "path",
                        ts.node("path").orElseThrow(),
                        "trust store " + resolved + " does not exist or cannot be read");
            }
            String type =
                    ts.choice("type", List.of("PKCS12", "JKS", "PEM"))
                            .orElseGet(() -> inferredType(resolved));
            TrustStore.Mode mode =
                    ts.choice("mode", TrustStore.Mode.class).orElse(TrustStore.Mode.REPLACE);
            TrustStore store =
                    new TrustStore(resolved, type, ts.string("password").orElse(null), mode);
            ts.rejectUnknownKeys();
            checkTrustStore(store, ts);
            return Optional.of(store);
        }
        return Optional.empty();
    }

    /** {@code network.hosts}: name to one address or a list of them, answered without DNS. */
    private static Map<String, List<InetAddress>> hosts(MappingReader hosts)
            throws ConfigException {
        Map<String, List<InetAddress>> result = new HashMap<>();
        for (String name : List.copyOf(hosts.keys())) {
            ConfigNode node = hosts.node(name).orElseThrow();
            List<ConfigNode> items =
                    node instanceof ConfigNode.Sequence seq ? seq.items() : List.of(node);
            List<InetAddress> addresses = new ArrayList<>();
            for (ConfigNode item : items) {
                if (!(item instanceof ConfigNode.Scalar scalar)
                        || scalar.isNull()
                        || !scalar.text().matches("[0-9a-fA-F:.]+")) {
                    throw new ConfigException(
                            item.location(), hosts.child(name), "expected an IP address");
                }
                try {
                    addresses.add(InetAddress.getByName(scalar.text()));
                } catch (UnknownHostException e) {
                    throw new ConfigException(
                            item.location(),
                            hosts.child(name),
                            "'" + scalar.text() + "' is not an IP address");
                }
            }
            try {
                result.put(CanonicalHost.of(name), addresses);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        hosts.node(name).orElseThrow().location(),
                        hosts.child(name),
                        e.getMessage());
            }
        }
        return result;
    }

    private static String inferredType(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return TrustStores.inferType(in.readNBytes(64));
        } catch (IOException e) {
            return "PKCS12"; // reading it properly reports the problem
        }
    }

    /**
     * Loads the trust store once, so a broken one is a start-up error, not a failure of every wss
     * connection.
     */
    private static void checkTrustStore(TrustStore store, MappingReader at) throws ConfigException {
        try {
            TrustStores.load(store);
        } catch (IOException | GeneralSecurityException e) {
            throw at.error(
                    "path",
                    at.node("path").orElseThrow(),
                    "cannot use trust store "
                            + store.path()
                            + " ("
                            + store.type()
                            + "): "
                            + Failures.describe(e));
        }
    }

    /** {@code network.proxy}: null (the default) or a mapping naming type, host and port. */
    private static Optional<Proxy> proxy(MappingReader network) throws ConfigException {
        if (network.node("proxy")
                .filter(node -> !(node instanceof ConfigNode.Scalar s && s.isNull()))
                .isEmpty()) {
            return Optional.empty();
        }
        MappingReader p = network.mapping("proxy");
        for (String required : List.of("type", "host", "port")) {
            if (p.node(required).isEmpty()) {
                throw new ConfigException(
                        p.location(),
                        p.path() + "." + required,
                        "a proxy needs type (http or socks5), host and port");
            }
        }
        Proxy.Type type = p.choice("type", Proxy.Type.class).orElseThrow();
        String host = p.string("host").orElseThrow();
        try {
            host = CanonicalHost.of(host);
        } catch (IllegalArgumentException e) {
            throw p.error("host", p.node("host").orElseThrow(), e.getMessage());
        }
        int port = p.intInRange("port", 0, 1, 65535);
        Optional<String> username = p.string("username");
        String password = p.string("password").orElse(null);
        if (password != null && username.isEmpty()) {
            throw p.error(
                    "password", p.node("password").orElseThrow(), "a password needs a username");
        }
        if (type == Proxy.Type.SOCKS5) {
            // RFC 1929 gives each a one-byte length
            for (String key : List.of("username", "password")) {
                Optional<String> value = p.string(key);
                if (value.isPresent()
                        && value.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                                > 255) {
                    throw p.error(
                            key,
                            p.node(key).orElseThrow(),
                            "a SOCKS5 " + key + " is at most 255 bytes");
                }
            }
        }
        List<DestinationPattern> bypass =
                p.list("bypass", DestinationPatterns.READER).orElse(List.of());
        p.rejectUnknownKeys();
        return Optional.of(new Proxy(type, host, port, username, password, bypass));
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
}
