package dev.wsworld.websocket.config;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.config.Location;
import dev.wsworld.common.config.MappingReader;
import dev.wsworld.common.config.Suggestions;
import dev.wsworld.websocket.headers.HostCredentials;
import dev.wsworld.websocket.policy.DestinationPattern;
import dev.wsworld.websocket.policy.DestinationPolicy;
import dev.wsworld.websocket.resolution.Role;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * directory, one reader per section ({@link ConnectionDefaults#read}, {@link NetworkSettings#read},
 * {@link LimitSettings#read}, ...). The defaults live in those readers, and only there: a key the
 * user's file leaves out keeps its default, and a host with no file (or no {@code ConfigLoader})
 * runs on the defaults. The shipped {@code config/websocket-client.yaml} and the table of
 * docs/configuration.md show the same values; a test checks that they do.
 */
public final class SettingsLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);

    /** Name of the user's file in the host's config directory. */
    public static final String FILE_NAME = "websocket-client.yaml";

    /** The upper bound of every count setting (queues, budgets, limits). */
    static final int MAX_COUNT = 1_000_000;

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
        ConnectionDefaults defaults = ConnectionDefaults.read(top.mapping("defaults"));
        List<DestinationPattern> allowlist =
                top.list("allowlist", DestinationPatterns.READER).orElse(List.of());
        List<DestinationPattern> denylist =
                top.list("denylist", DestinationPatterns.READER).orElse(List.of());
        boolean onlyAllowlisted = top.bool("onlyAllowlisted", false);
        HostCredentials credentials = CredentialsSection.read(top, baseDirectory, environment);
        NetworkSettings network = NetworkSettings.read(top.mapping("network"), baseDirectory);
        LimitSettings limits = LimitSettings.read(top.mapping("limits"));
        List<Role> order = userResolutionOrder(top.mapping("userResolution"));
        top.rejectUnknownKeys();
        DestinationPolicy policy =
                new DestinationPolicy(
                        allowlist, denylist, onlyAllowlisted, network.blockPrivateAddresses());
        return new WebsocketSettings(defaults, network, policy, limits, order, credentials);
    }

    /** The {@code userResolution:} section: the order in which roles choose the handling user. */
    private static List<Role> userResolutionOrder(MappingReader u) throws ConfigException {
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
        return order;
    }
}
