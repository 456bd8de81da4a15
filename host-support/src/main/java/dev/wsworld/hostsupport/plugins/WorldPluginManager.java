package dev.wsworld.hostsupport.plugins;

import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.host.HostContext;
import dev.wsworld.api.host.HostTime;
import dev.wsworld.api.host.PluginApi;
import dev.wsworld.api.host.WorldPlugin;
import dev.wsworld.api.world.ComponentTypeRegistry;
import dev.wsworld.common.text.Failures;
import dev.wsworld.hostsupport.world.SimpleWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.ExtensionPoint;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J, ready for world plugins: the plugin manager a host creates once, at start-up.
 *
 * <ul>
 *   <li>Binds the host's {@link HostContext} into every {@link WorldPlugin} before PF4J starts it,
 *       so {@link WorldPlugin#host()} works in {@code start()}.
 *   <li>Checks each plugin's {@code Plugin-Requires} against {@link PluginApi#VERSION}, the plugin
 *       API this host implements, not against the host's own version.
 *   <li>Hands plugins the host's own extensions ({@link dev.wsworld.api.extension.ConsentPrompt},
 *       {@link dev.wsworld.api.extension.UserRoles}, {@link
 *       dev.wsworld.api.extension.ConsentMemory}): instances given to {@link
 *       Builder#hostExtension}, and classes on the host's class path annotated {@code @Extension}.
 *       Both are created once and kept for the manager's life, so a stateful extension keeps its
 *       state across plugin stops and reloads; PF4J's default would build a new one each time.
 *   <li>Stops plugins in reverse start order without PF4J 3.15's {@code
 *       ConcurrentModificationException} (pf4j issue 656).
 *   <li>Reports artifacts that could not be loaded and plugins that failed, in one line each
 *       ({@link #problems()}), instead of stopping the host.
 * </ul>
 *
 * <p>Worlds. One manager serves every world of a host. {@link #openWorld} adds one at any time:
 * every component type registered then attaches to its components, and a plugin started, stopped,
 * reloaded or upgraded later applies to every open world. {@link #closeWorld} takes one out and
 * detaches its components ({@link
 * dev.wsworld.api.world.ComponentBehaviour.DetachReason#WORLD_CLOSED WORLD_CLOSED}: each connection
 * closes with 1001 {@code world closed}, its prompts are withdrawn), after which no plugin start or
 * stop waits on its thread, and its update loop may stop.
 *
 * <p>Threads: call {@code loadPlugins()}, {@code startPlugins()}, {@code stopPlugins()}, {@code
 * openWorld} and {@code closeWorld} from any thread but a world's update thread: each waits for
 * every open world's update thread to attach or detach. Stop plugins (every connection closes with
 * 1001 and each world hears its {@code disconnected}) before stopping the update loops.
 */
public final class WorldPluginManager extends DefaultPluginManager {

    private static final Logger LOG = LoggerFactory.getLogger(WorldPluginManager.class);

    private final HostServices context;
    private final OpenWorlds worlds = new OpenWorlds();
    private final List<Object> hostExtensions;

    /** Why each artifact that PF4J could not load was refused, by path. */
    private final Map<Path, String> loadFailures = new ConcurrentHashMap<>();

    /**
     * True while {@link #loadPlugins()} scans the plugins directory, where the newest version of a
     * plugin wins; a path the host names itself is loaded as named. Host's thread only.
     */
    private boolean scanning;

    private WorldPluginManager(Builder builder) {
        super(List.of(builder.pluginsDirectory));
        this.hostExtensions = List.copyOf(builder.hostExtensions);
        this.context =
                new HostServices(
                        worlds,
                        builder.configDirectory,
                        builder.configLoader,
                        () -> this,
                        List.copyOf(builder.vouched),
                        Optional.ofNullable(builder.time));
        setSystemVersion(
                PluginApi.VERSION); // Plugin-Requires names the API a plugin needs, not a host
        // the factories were created by the super constructor, before our fields were set
        this.extensionFactory = createExtensionFactory();
        this.pluginFactory = createPluginFactory();
    }

    /**
     * Starts building a manager.
     *
     * @param pluginsDirectory where the plugin jars are (it need not exist)
     * @return a builder; nothing is loaded before {@code loadPlugins()}, and no world is served
     *     before {@link #openWorld}
     */
    public static Builder builder(Path pluginsDirectory) {
        return new Builder(pluginsDirectory);
    }

    /**
     * Serves a world from now on: the component types of the started plugins attach to its
     * components, on its update thread, before this returns.
     *
     * @param world a world whose update loop runs
     * @throws IllegalStateException when the world is open already
     */
    public void openWorld(SimpleWorld world) {
        openWorld(world.componentTypes(), world.name());
    }

    /**
     * Serves a world of a host's own model: {@code types} is that world's registry, which attaches
     * and detaches behaviours on its update thread and returns once they have.
     *
     * @param types the world's own registry
     * @param name the world's name, for log lines
     * @throws IllegalStateException when the world is open already
     */
    public void openWorld(ComponentTypeRegistry types, String name) {
        worlds.open(types, name);
    }

    /**
     * Closes a world: takes it out of the manager, then detaches every component behaviour with
     * {@code WORLD_CLOSED}, on its update thread. Each connection closes with 1001 {@code world
     * closed}, the world hears each {@code disconnected}, and its pending prompts are withdrawn.
     * Afterwards its update loop may stop; nothing of the manager's waits on it any more.
     *
     * @param world an open world whose update loop still runs
     */
    public void closeWorld(SimpleWorld world) {
        worlds.close(world.componentTypes());
        world.close();
    }

    /**
     * Takes a world of a host's own model out of the manager: no plugin start or stop touches it
     * from now on. Detaching its behaviours ({@code WORLD_CLOSED}) is the host's part.
     *
     * @param types the world's registry, as given to {@link #openWorld(ComponentTypeRegistry,
     *     String)}
     * @return whether the world was open
     */
    public boolean closeWorld(ComponentTypeRegistry types) {
        return worlds.close(types);
    }

    /**
     * The registry the plugins see ({@code HostContext.componentTypes()}): a type registered in it
     * is registered in every open world.
     *
     * @return the manager's registry of every open world
     */
    public ComponentTypeRegistry componentTypes() {
        return worlds;
    }

    /**
     * The worlds served now.
     *
     * @return their names, in opening order
     */
    public List<String> openWorlds() {
        return worlds.worldNames();
    }

    /** What a {@link WorldPluginManager} is made of. Not thread-safe; build once, at start-up. */
    public static final class Builder {
        private final Path pluginsDirectory;
        private Path configDirectory;
        private ConfigLoader configLoader;
        private final List<Object> hostExtensions = new ArrayList<>();
        private final List<String> vouched = new ArrayList<>();
        private HostTime time;

        private Builder(Path pluginsDirectory) {
            this.pluginsDirectory = Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
        }

        /**
         * Where plugins read their configuration files, and how. Without this call plugins run on
         * their bundled defaults.
         *
         * @param directory the host's configuration directory (it need not exist)
         * @param loader parses the files, for example {@link
         *     dev.wsworld.hostsupport.yaml.YamlConfigLoader}; {@code null} when the host has none
         * @return this builder
         */
        public Builder config(Path directory, ConfigLoader loader) {
            this.configDirectory = directory;
            this.configLoader = loader;
            return this;
        }

        /**
         * Adds one of the host's own extensions, an instance of an extension point such as {@link
         * dev.wsworld.api.extension.ConsentPrompt}. It is handed to plugins as it is, for the
         * manager's whole life; an {@code @Extension(ordinal = n)} on its class orders it among
         * others of its kind, highest first.
         *
         * @param extension an instance of at least one {@link org.pf4j.ExtensionPoint}
         * @return this builder
         * @throws IllegalArgumentException when it implements no extension point
         */
        public Builder hostExtension(Object extension) {
            if (!(extension instanceof ExtensionPoint)) {
                throw new IllegalArgumentException(
                        extension.getClass().getName()
                                + " is not an extension: it implements no org.pf4j.ExtensionPoint");
            }
            hostExtensions.add(extension);
            return this;
        }

        /**
         * Adds a destination the host vouches for (its own service), pre-granted like the
         * allowlist.
         *
         * @param destination an allowlist entry such as {@code ws://127.0.0.1:9000}
         * @return this builder
         */
        public Builder vouch(String destination) {
            vouched.add(Objects.requireNonNull(destination, "destination"));
            return this;
        }

        /**
         * Makes plugins run their rules (retries, keep-alive, timeouts, rate windows) on the host's
         * clock and timers, as a test's manual clock does. Without this call they use the system's.
         *
         * @param time the host's time
         * @return this builder
         */
        public Builder time(HostTime time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * Creates the manager. Plugins are found and loaded by {@code loadPlugins()}, then started
         * by {@code startPlugins()}.
         *
         * @return a new manager
         */
        public WorldPluginManager build() {
            return new WorldPluginManager(this);
        }
    }

    /**
     * The host's own extensions of this type (instances given to the builder first), then those
     * PF4J finds on the host's class path and in started plugins.
     */
    @Override
    public <T> List<T> getExtensions(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Object extension : hostExtensions) {
            if (type.isInstance(extension)) {
                found.add(type.cast(extension));
            }
        }
        found.addAll(super.getExtensions(type));
        return found;
    }

    /** Loads every plugin in the plugins directory: of several versions of one, the newest. */
    @Override
    public void loadPlugins() {
        scanning = true;
        try {
            super.loadPlugins();
        } finally {
            scanning = false;
        }
    }

    /**
     * Remembers why an artifact could not be loaded, so {@link #problems()} can say it in one line.
     */
    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        Path key = pluginPath.toAbsolutePath().normalize();
        Optional<Artifact> artifact = Artifact.read(pluginPath);
        if (scanning && artifact.isPresent()) {
            // several versions of one plugin side by side: the newest is loaded, whatever order
            // the directory lists them in
            Artifact newest = newestArtifact(artifact.get().id()).orElse(artifact.get());
            if (!newest.path().toAbsolutePath().normalize().equals(key)) {
                String reason =
                        (getVersionManager()
                                                        .compareVersions(
                                                                artifact.get().version(),
                                                                newest.version())
                                                == 0
                                        ? "a second copy of plugin '"
                                                + artifact.get().id()
                                                + "' "
                                                + artifact.get().version()
                                                + " (a duplicate id); "
                                        : "an older version ("
                                                + artifact.get().version()
                                                + ") of plugin '"
                                                + artifact.get().id()
                                                + "'; the newest, ")
                                + newest.path().getFileName()
                                + ", is loaded instead";
                loadFailures.put(key, reason);
                throw new PluginRuntimeException(reason);
            }
        }
        try {
            PluginWrapper loaded = super.loadPluginFromPath(pluginPath);
            loadFailures.remove(key);
            return loaded;
        } catch (RuntimeException e) {
            loadFailures.put(key, whyNotLoaded(pluginPath, artifact, e));
            LOG.debug("cannot load plugin {}", pluginPath, e);
            throw e;
        }
    }

    /** One line on why an artifact in the plugins directory could not be loaded. */
    private String whyNotLoaded(Path path, Optional<Artifact> artifact, RuntimeException e) {
        if (artifact.isEmpty()) {
            return Files.isDirectory(path)
                    ? "a directory without a plugin in it (no META-INF/MANIFEST.MF with a"
                            + " Plugin-Id)"
                    : "not a plugin jar (not a zip with a META-INF/MANIFEST.MF naming a Plugin-Id)";
        }
        if (getPlugin(artifact.get().id()) != null) {
            return "plugin '"
                    + artifact.get().id()
                    + "' is loaded already from "
                    + getPlugin(artifact.get().id()).getPluginPath().getFileName();
        }
        return Failures.describe(e);
    }

    /**
     * Starts every plugin; one that fails is reported in one line (its trace at debug level), and
     * the host goes on.
     */
    @Override
    public void startPlugins() {
        super.startPlugins();
        for (PluginWrapper plugin : getPlugins()) {
            if (plugin.getPluginState() == PluginState.FAILED) {
                LOG.debug(
                        "plugin '{}' failed to start",
                        plugin.getPluginId(),
                        plugin.getFailedException());
            }
        }
    }

    @Override
    protected PluginFactory createPluginFactory() {
        HostServices bound = context;
        return new DefaultPluginFactory() {
            @Override
            public Plugin create(PluginWrapper wrapper) {
                Plugin plugin = super.create(wrapper);
                if (plugin instanceof WorldPlugin worldPlugin && bound != null) {
                    worldPlugin.bind(bound);
                }
                return plugin;
            }
        };
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new HostExtensionFactory();
    }

    /**
     * Stops started plugins in reverse start order. PF4J 3.15's own loop removes from the list it
     * iterates and fails with a ConcurrentModificationException (pf4j/pf4j issue 656), so each
     * plugin is stopped by id from a copy; one plugin failing to stop does not keep the others
     * running.
     */
    @Override
    public void stopPlugins() {
        List<PluginWrapper> started = new ArrayList<>(getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper plugin : started) {
            try {
                stopPlugin(plugin.getPluginId());
            } catch (RuntimeException e) {
                LOG.error(
                        "plugin '{}' failed to stop: {}",
                        plugin.getPluginId(),
                        Failures.describe(e));
                LOG.debug("plugin '{}' failed to stop", plugin.getPluginId(), e);
            }
        }
    }

    /**
     * Unloads a plugin and loads it again from the plugins directory, then starts it: the newest
     * artifact there with the same Plugin-Id wins, so dropping in a newer version upgrades in
     * place.
     *
     * @param pluginId the plugin's {@code Plugin-Id}
     * @return the started plugin
     * @throws IllegalArgumentException when no such plugin is loaded
     * @throws IllegalStateException when the artifact cannot be loaded or started
     */
    public PluginWrapper reloadPlugin(String pluginId) {
        PluginWrapper old = getPlugin(pluginId);
        if (old == null) {
            throw new IllegalArgumentException(
                    "no plugin '"
                            + pluginId
                            + "' is loaded (plugins: "
                            + getPlugins().stream().map(PluginWrapper::getPluginId).toList()
                            + ")");
        }
        Path previous = old.getPluginPath();
        String previousVersion = old.getDescriptor().getVersion();
        Path artifact = newestArtifact(pluginId).map(Artifact::path).orElse(previous);
        if (old.getPluginState().isStarted()) {
            stopPlugin(pluginId);
        }
        unloadPlugin(pluginId);
        String failure;
        try {
            String loaded = loadPlugin(artifact);
            if (startPlugin(loaded) == PluginState.STARTED) {
                return getPlugin(loaded);
            }
            failure =
                    "plugin '"
                            + loaded
                            + "' from "
                            + artifact
                            + " did not start: "
                            + Failures.describe(getPlugin(loaded).getFailedException());
            unloadPlugin(loaded);
        } catch (RuntimeException e) {
            failure = "cannot load " + artifact + ": " + Failures.describe(e);
        }
        throw new IllegalStateException(
                failure + "; " + restore(previous, previousVersion, artifact));
    }

    /**
     * After a failed reload: loads and starts the version that ran before, and says how that went.
     */
    private String restore(Path previous, String previousVersion, Path tried) {
        if (previous.toAbsolutePath().normalize().equals(tried.toAbsolutePath().normalize())) {
            return "the previous version's file was replaced by the one that failed, so there is"
                    + " nothing to go back to";
        }
        try {
            String loaded = loadPlugin(previous);
            if (startPlugin(loaded) == PluginState.STARTED) {
                return "the previous version " + previousVersion + " is running again";
            }
            return "the previous version "
                    + previousVersion
                    + " did not start again either: "
                    + Failures.describe(getPlugin(loaded).getFailedException());
        } catch (RuntimeException e) {
            return "the previous version "
                    + previousVersion
                    + " could not be loaded again: "
                    + Failures.describe(e);
        }
    }

    /**
     * The artifact in the plugins directories with this Plugin-Id and the highest Plugin-Version;
     * of equal versions, the first file name in alphabetical order, so the choice does not depend
     * on how the directory lists them.
     */
    private Optional<Artifact> newestArtifact(String pluginId) {
        Artifact best = null;
        for (Path root : getPluginsRoots()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.list(root)) {
                for (Path file : files.sorted().toList()) {
                    Optional<Artifact> artifact = Artifact.read(file);
                    if (artifact.isPresent()
                            && artifact.get().id().equals(pluginId)
                            && (best == null
                                    || getVersionManager()
                                                    .compareVersions(
                                                            artifact.get().version(),
                                                            best.version())
                                            > 0)) {
                        best = artifact.get();
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * One line per problem, for the host to log or show: plugins that failed to start, and
     * artifacts in the plugins directory that PF4J could not load, with the reason.
     *
     * @return the problems, empty when every artifact runs
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<Path> loaded = new HashSet<>();
        for (PluginWrapper plugin : getPlugins()) {
            loaded.add(plugin.getPluginPath().toAbsolutePath().normalize());
            if (plugin.getPluginState() == PluginState.FAILED) {
                Throwable failure = plugin.getFailedException();
                problems.add(
                        "plugin '"
                                + plugin.getPluginId()
                                + "' failed to start: "
                                + Failures.describe(failure));
            } else if (plugin.getPluginState() == PluginState.DISABLED) {
                problems.add(
                        isPluginValid(plugin)
                                ? "plugin '"
                                        + plugin.getPluginId()
                                        + "' is disabled by the host (disabled.txt or enabled.txt"
                                        + " in the plugins directory)"
                                // PF4J disables a plugin whose Plugin-Requires this host does not
                                // meet, without a word of why
                                : "plugin '"
                                        + plugin.getPluginId()
                                        + "' is not started: it requires plugin API "
                                        + plugin.getDescriptor().getRequires()
                                        + ", and this host offers "
                                        + getSystemVersion());
            }
        }
        for (Path root : getPluginsRoots()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.list(root)) {
                files.filter(
                                f ->
                                        f.toString().endsWith(".jar")
                                                || f.toString().endsWith(".zip")
                                                || loadFailures.containsKey(
                                                        f.toAbsolutePath().normalize()))
                        .filter(
                                f ->
                                        !loaded.contains(f.toAbsolutePath().normalize())
                                                && !loaded.contains(unzippedDirectory(f)))
                        .forEach(
                                f ->
                                        problems.add(
                                                "plugin file '"
                                                        + f
                                                        + "' was not loaded: "
                                                        + loadFailures.getOrDefault(
                                                                f.toAbsolutePath().normalize(),
                                                                "no plugin found in it")));
            } catch (IOException e) {
                problems.add("cannot list plugins directory " + root + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private static Path unzippedDirectory(Path zip) {
        String name = zip.getFileName().toString();
        return zip.resolveSibling(name.substring(0, name.length() - 4))
                .toAbsolutePath()
                .normalize();
    }
}
