package dev.wsworld.websocket.config;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.config.Location;
import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.common.config.MappingReader;
import dev.wsworld.common.config.Suggestions;
import dev.wsworld.common.text.Failures;
import dev.wsworld.websocket.headers.Credential;
import dev.wsworld.websocket.headers.Header;
import dev.wsworld.websocket.headers.HeaderRules;
import dev.wsworld.websocket.headers.HostCredentials;
import dev.wsworld.websocket.policy.DestinationPattern;
import dev.wsworld.websocket.policy.DestinationPolicy;
import dev.wsworld.websocket.resolution.Role;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the plugin's settings from the user's {@code websocket-client.yaml} in the host's config
 * directory. The defaults live here, in {@link #read}, and only here: a key the user's file leaves
 * out keeps its default, and a host with no file (or no {@code ConfigLoader}) runs on the defaults.
 * The shipped {@code config/websocket-client.yaml} and the README's table show the same values; a
 * test checks that they do.
 */
public final class SettingsLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);

    /** Name of the user's file in the host's config directory. */
    public static final String FILE_NAME = "websocket-client.yaml";

    /**
     * The largest {@code maxMessageSize}: a message is assembled in one array, far below its 2 GiB
     * ceiling.
     */
    static final long MAX_MESSAGE_SIZE_LIMIT = 256L * 1024 * 1024;

    /** The upper bound of every count setting (queues, budgets, limits). */
    static final int MAX_COUNT = 1_000_000;

    /**
     * The fewest network threads that work: Jetty's client needs threads for its selector, for name
     * resolution and for connecting, besides the ones that read.
     */
    static final int MIN_THREADS = 8;

    /**
     * The world-thread time per tick a world's WebsocketClients share for delivery: under a third
     * of a 60 Hz tick, so a flood leaves the rest of the tick to the world.
     */
    static final Duration DELIVERY_TIME_PER_TICK = Duration.ofMillis(5);

    static final Duration MAX_DELIVERY_TIME_PER_TICK = Duration.ofSeconds(1);

    private final ConfigLoader loader;

    /**
     * @param loader the host's loader for YAML files; null for a host without configuration files
     */
    public SettingsLoader(ConfigLoader loader) {
        this.loader = loader;
    }

    /**
     * {@code configDirectory/websocket-client.yaml} over the defaults, or the defaults alone. A
     * host without a loader runs on the defaults, and is told so once per load when a file is there
     * that it cannot read.
     */
    public WebsocketSettings load(Path configDirectory) throws ConfigException {
        if (loader == null
                && configDirectory != null
                && Files.exists(configDirectory.resolve(FILE_NAME))) {
            LOG.warn(
                    "{} is not read, because the host gave no ConfigLoader"
                        + " (HostContext.configLoader() is null): the plugin runs on its defaults."
                        + " Pass a loader, such as host-support's YamlConfigLoader, to use the"
                        + " file",
                    configDirectory.resolve(FILE_NAME));
        }
        Optional<ConfigNode> user =
                loader == null || configDirectory == null
                        ? Optional.empty()
                        : loader.load(configDirectory.resolve(FILE_NAME));
        return read(
                user.orElse(
                        new ConfigNode.Mapping(
                                Map.of(), Map.of(), new Location("(defaults)", 1, 1))),
                configDirectory == null ? Path.of(".") : configDirectory);
    }

    /** {@code network.hosts}: name to one address or a list of them, answered without DNS. */
    private static Map<String, List<InetAddress>> staticHosts(MappingReader hosts)
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
    private static void checkTrustStore(NetworkSettings.TrustStore store, MappingReader at)
            throws ConfigException {
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

    private static final MappingReader.ItemReader<DestinationPattern> PATTERN =
            (text, location, path) -> {
                try {
                    return DestinationPattern.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(location, path, e.getMessage());
                }
            };

    /** {@code network.proxy}: null (the default) or a mapping naming type, host and port. */
    private static Optional<NetworkSettings.Proxy> proxy(MappingReader network)
            throws ConfigException {
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
        NetworkSettings.Proxy.Type type =
                p.choice("type", NetworkSettings.Proxy.Type.class).orElseThrow();
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
        if (type == NetworkSettings.Proxy.Type.SOCKS5) {
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
        List<DestinationPattern> bypass = p.list("bypass", PATTERN).orElse(List.of());
        p.rejectUnknownKeys();
        return Optional.of(new NetworkSettings.Proxy(type, host, port, username, password, bypass));
    }

    /**
     * {@code credentials}: a list of {@code {destination, headers}}, each header's value with its
     * {@code ${env:NAME}} and {@code ${file:PATH}} references replaced. A mistake names its place
     * and why, never a value.
     */
    private static HostCredentials credentials(
            MappingReader top, Path baseDirectory, Function<String, String> environment)
            throws ConfigException {
        List<ConfigNode> items = top.items("credentials");
        List<Credential> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            MappingReader entry = MappingReader.of(items.get(i), "credentials[" + i + "]");
            if (entry.node("destination").isEmpty() || entry.node("headers").isEmpty()) {
                throw new ConfigException(
                        entry.location(),
                        entry.path(),
                        "a credential needs a destination (a pattern, as in the allowlist) and"
                                + " headers (name: value)");
            }
            ConfigNode destinationNode = entry.node("destination").orElseThrow();
            DestinationPattern destination =
                    PATTERN.read(
                            entry.string("destination")
                                    .orElseThrow(
                                            () ->
                                                    entry.error(
                                                            "destination",
                                                            destinationNode,
                                                            "expected a destination pattern but"
                                                                    + " found nothing")),
                            destinationNode.location(),
                            entry.child("destination"));
            MappingReader headers = entry.mapping("headers");
            List<Header> read = new ArrayList<>();
            for (String name : List.copyOf(headers.keys())) {
                read.add(credentialHeader(headers, name, read, baseDirectory, environment));
            }
            if (read.isEmpty()) {
                throw new ConfigException(
                        headers.location(),
                        headers.path(),
                        "a credential needs at least one header");
            }
            Optional<String> tooMuch =
                    HeaderRules.countProblem(read.size())
                            .or(() -> HeaderRules.bytesProblem(HeaderRules.wireBytes(read)));
            if (tooMuch.isPresent()) {
                throw new ConfigException(headers.location(), headers.path(), tooMuch.get());
            }
            entry.rejectUnknownKeys();
            entries.add(new Credential(destination, read));
        }
        return new HostCredentials(entries);
    }

    /** One {@code name: value} of a credential, checked as the world's headers are. */
    private static Header credentialHeader(
            MappingReader headers,
            String name,
            List<Header> earlier,
            Path baseDirectory,
            Function<String, String> environment)
            throws ConfigException {
        Optional<String> badName = HeaderRules.nameProblem(name);
        if (badName.isPresent()) {
            throw new ConfigException(
                    headers.keyLocation(name), headers.child(name), badName.get());
        }
        if (earlier.stream().anyMatch(header -> header.named(name))) {
            throw new ConfigException(
                    headers.keyLocation(name),
                    headers.child(name),
                    "this credential names " + name + " twice (header names ignore case)");
        }
        ConfigNode node = headers.node(name).orElseThrow();
        if (!(node instanceof ConfigNode.Scalar scalar) || scalar.isNull()) {
            throw headers.error(
                    name,
                    node,
                    "expected the header's value but found "
                            + (node instanceof ConfigNode.Scalar ? "nothing" : node.kind()));
        }
        String value;
        try {
            value = SecretReferences.resolve(scalar.text(), environment, baseDirectory);
        } catch (SecretReferences.UnresolvedException e) {
            throw headers.error(name, node, e.getMessage());
        }
        Optional<String> badValue = HeaderRules.valueProblem(value);
        if (badValue.isPresent()) {
            throw headers.error(
                    name,
                    node,
                    badValue.get()
                            + (SecretReferences.refers(scalar.text())
                                    ? " (after its ${...} references were replaced)"
                                    : ""));
        }
        return new Header(name, value);
    }

    /**
     * Validates a whole document; relative trust store paths and {@code ${file:PATH}} references
     * resolve against {@code baseDirectory}, {@code ${env:NAME}} against this process's
     * environment.
     */
    public static WebsocketSettings read(ConfigNode root, Path baseDirectory)
            throws ConfigException {
        return read(root, baseDirectory, System::getenv);
    }

    /**
     * As {@link #read(ConfigNode, Path)}, with {@code environment} answering {@code ${env:NAME}}.
     */
    public static WebsocketSettings read(
            ConfigNode root, Path baseDirectory, Function<String, String> environment)
            throws ConfigException {
        MappingReader top = MappingReader.of(root, "");

        MappingReader d = top.mapping("defaults");
        MappingReader retry = d.mapping("retry");
        ConnectionDefaults.Backoff backoff =
                new ConnectionDefaults.Backoff(
                        retry.bool("backoff", false),
                        retry.number("backoffMultiplier", 2.0, 1.0, 100.0),
                        retry.duration("backoffMax", Duration.ofMinutes(5), false));
        double jitter = retry.number("jitter", 0.1, 0.0, 1.0);
        retry.rejectUnknownKeys();
        // "known keys" in error messages lists keys in the order they are read here
        Duration connectRetryInterval =
                d.duration("connectRetryInterval", Duration.ofSeconds(10), false);
        Duration keepAlivePing = d.duration("keepAlivePing", Duration.ZERO, true);
        int inboundQueueLimit = d.intInRange("inboundQueueLimit", 4096, 1, MAX_COUNT);
        long inboundQueueBytes =
                d.sizeInRange("inboundQueueBytes", 16L * 1024 * 1024, 1024, 1L << 30);
        ConnectionDefaults.InboundOverflow inboundOverflow =
                d.choice("inboundOverflow", ConnectionDefaults.InboundOverflow.class)
                        .orElse(ConnectionDefaults.InboundOverflow.BACKPRESSURE);
        int outboundQueueLimit = d.intInRange("outboundQueueLimit", 1024, 1, MAX_COUNT);
        long outboundQueueBytes =
                d.sizeInRange("outboundQueueBytes", 16L * 1024 * 1024, 1024, 1L << 30);
        int deliveryBudgetPerTick = d.intInRange("deliveryBudgetPerTick", 256, 1, MAX_COUNT);
        Duration connectTimeout = d.duration("connectTimeout", Duration.ofSeconds(15), false);
        Duration idleTimeout = d.duration("idleTimeout", Duration.ofSeconds(60), false);
        boolean compression = d.bool("compression", false);
        ConnectionDefaults defaults =
                new ConnectionDefaults(
                        connectRetryInterval,
                        jitter,
                        backoff,
                        keepAlivePing,
                        idleTimeout,
                        inboundQueueLimit,
                        inboundQueueBytes,
                        inboundOverflow,
                        outboundQueueLimit,
                        outboundQueueBytes,
                        deliveryBudgetPerTick,
                        compression);
        long maxMessageSize = d.size("maxMessageSize", 1024 * 1024);
        if (maxMessageSize > MAX_MESSAGE_SIZE_LIMIT) {
            ConfigNode node = d.node("maxMessageSize").orElseThrow();
            throw d.error(
                    "maxMessageSize",
                    node,
                    "must be at most 256MiB (one message is assembled in memory) but is '"
                            + ((ConfigNode.Scalar) node).text()
                            + "'");
        }
        d.rejectUnknownKeys();

        MappingReader n = top.mapping("network");
        Optional<NetworkSettings.TrustStore> trustStore = Optional.empty();
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
            NetworkSettings.TrustStore.Mode mode =
                    ts.choice("mode", NetworkSettings.TrustStore.Mode.class)
                            .orElse(NetworkSettings.TrustStore.Mode.REPLACE);
            NetworkSettings.TrustStore store =
                    new NetworkSettings.TrustStore(
                            resolved, type, ts.string("password").orElse(null), mode);
            ts.rejectUnknownKeys();
            checkTrustStore(store, ts);
            trustStore = Optional.of(store);
        }
        boolean blockPrivate = n.bool("blockPrivateAddresses", true);
        NetworkSettings network =
                new NetworkSettings(
                        connectTimeout,
                        idleTimeout,
                        maxMessageSize,
                        n.intInRange("maxThreads", 32, MIN_THREADS, 1024),
                        n.intInRange("maxConnectionsPerDestination", 20_000, 1, MAX_COUNT),
                        n.duration("closeGrace", Duration.ofSeconds(3), false),
                        trustStore,
                        staticHosts(n.mapping("hosts")),
                        n.duration("recheckAfter", Duration.ofSeconds(60), false),
                        proxy(n));
        n.rejectUnknownKeys();

        DestinationPolicy policy =
                new DestinationPolicy(
                        top.list("allowlist", PATTERN).orElse(List.of()),
                        top.list("denylist", PATTERN).orElse(List.of()),
                        top.bool("onlyAllowlisted", false),
                        blockPrivate);

        MappingReader l = top.mapping("limits");
        LimitSettings limits =
                new LimitSettings(
                        l.intInRange("connectionsPerUser", 64, 1, MAX_COUNT),
                        l.intInRange("connectionsPerWorld", 20_000, 1, MAX_COUNT),
                        l.intInRange("attemptsPerMinute", 120, 1, MAX_COUNT),
                        l.intInRange("promptsPerMinute", 5, 1, 1000),
                        l.duration("deliveryTimePerTick", DELIVERY_TIME_PER_TICK, false));
        if (limits.deliveryTimePerTick().compareTo(MAX_DELIVERY_TIME_PER_TICK) > 0) {
            ConfigNode node = l.node("deliveryTimePerTick").orElseThrow();
            throw l.error(
                    "deliveryTimePerTick",
                    node,
                    "must be at most 1s (a world's whole tick is rarely longer) but is '"
                            + ((ConfigNode.Scalar) node).text()
                            + "'");
        }
        l.rejectUnknownKeys();

        MappingReader u = top.mapping("userResolution");
        List<Role> order =
                u.list(
                                "order",
                                (text, location, path) ->
                                        Role.byConfigName(text)
                                                .orElseThrow(
                                                        () ->
                                                                new ConfigException(
                                                                        location,
                                                                        path,
                                                                        "unknown role '"
                                                                                + text
                                                                                + "'"
                                                                                + Suggestions
                                                                                        .didYouMean(
                                                                                                text,
                                                                                                Role
                                                                                                        .configNames())
                                                                                + "; roles are "
                                                                                + String.join(
                                                                                        ", ",
                                                                                        Role
                                                                                                .configNames()))))
                        .orElse(Role.DOCUMENTED_ORDER);
        Set<Role> seen = new HashSet<>();
        for (Role role : order) {
            if (!seen.add(role)) {
                throw new ConfigException(
                        u.node("order").orElseThrow().location(),
                        "userResolution.order",
                        "role '" + role.configName() + "' is listed twice");
            }
        }
        if (order.isEmpty()) {
            throw new ConfigException(
                    u.node("order").orElseThrow().location(),
                    "userResolution.order",
                    "needs at least one role");
        }
        u.rejectUnknownKeys();
        HostCredentials credentials = credentials(top, baseDirectory, environment);
        top.rejectUnknownKeys();
        return new WebsocketSettings(defaults, network, policy, limits, order, credentials);
    }
}
