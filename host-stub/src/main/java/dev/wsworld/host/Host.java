package dev.wsworld.host;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.host.WorldPlugin;
import dev.wsworld.common.text.Failures;
import dev.wsworld.common.text.TerminalText;
import dev.wsworld.host.consent.PendingPrompts;
import dev.wsworld.host.consent.StubConsentPrompt;
import dev.wsworld.host.demo.DemoWorld;
import dev.wsworld.host.demo.EchoServer;
import dev.wsworld.host.events.EventLog;
import dev.wsworld.host.output.Screen;
import dev.wsworld.host.worldfile.WorldFileReader;
import dev.wsworld.hostsupport.consent.ConsentDecisionsFile;
import dev.wsworld.hostsupport.plugins.WorldPluginManager;
import dev.wsworld.hostsupport.world.SimpleUserRoles;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.world.TickLoop;
import dev.wsworld.hostsupport.world.UnknownComponentTypeException;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running host: its worlds, each with its update loop and event journal, one plugin manager
 * serving them all, the consent prompts, and the event log. The command line ({@code cli.Main}) and
 * the tests both start hosts through {@link #start}.
 *
 * <p>Lock rule: {@code this} guards the table of worlds, held only for table work; opening and
 * closing a world waits for its update thread outside it.
 */
public final class Host implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Host.class);

    /** Events after which the demo's echo client is settled, one way or the other. */
    private static final Set<String> DEMO_SETTLED = Set.of("connected", "connectFailed", "denied");

    /**
     * How long start-up waits for the demo's echo client at most; it connects to loopback in
     * milliseconds.
     */
    private static final long DEMO_CONNECT_MILLIS = 5_000;

    private final HostOptions options;
    private final PrintStream stdout;
    private final long startNanos = System.nanoTime();
    private final PendingPrompts prompts;
    private final YamlConfigLoader yaml = new YamlConfigLoader();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, HostedWorld> worlds = new LinkedHashMap<>();
    private final List<Consumer<HostedWorld>> openListeners = new CopyOnWriteArrayList<>();
    private WorldPluginManager plugins;
    private ConsentDecisionsFile consentDecisions;
    private EchoServer demoServer;
    private EventLog eventLog;
    private boolean closed;

    private Host(HostOptions options, Screen display, PrintStream stdout) {
        this.options = options;
        this.stdout = stdout;
        this.prompts = new PendingPrompts(display, !options.headless());
    }

    /**
     * Starts a host: the plugins, then its worlds (from their files, or the demo).
     *
     * @param display where console messages for the person at the host go (consent prompts)
     * @param stdout the console's output, used by {@code --events -}
     * @throws ConfigException for a bad world or configuration file (exit status 2)
     * @throws HostStartException for anything else the user must fix (exit status 2)
     */
    public static Host start(HostOptions options, Screen display, PrintStream stdout)
            throws ConfigException, HostStartException {
        Host host = new Host(options, display, stdout);
        try {
            host.startUp();
            return host;
        } catch (ConfigException | HostStartException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    private void startUp() throws ConfigException, HostStartException {
        // every world file is read and named before anything starts: a mistake costs nothing
        List<WorldFile> files = new ArrayList<>();
        for (Path path : options.worlds()) {
            WorldFile file = readWorldFile(path);
            for (WorldFile other : files) {
                if (other.name().equals(file.name())) {
                    throw new HostStartException(
                            "two worlds are named '"
                                    + TerminalText.escape(file.name())
                                    + "': "
                                    + other.path()
                                    + " and "
                                    + file.path()
                                    + "; a host tells its worlds apart by name",
                            null);
                }
            }
            files.add(file);
        }
        if (options.events().isPresent()) {
            try {
                eventLog = EventLog.open(options.events().get(), stdout);
            } catch (IOException e) {
                throw new HostStartException("--events: " + e.getMessage(), e);
            }
            resources.add(eventLog);
        }
        if (!Files.isDirectory(options.plugins())) {
            LOG.warn(
                    "plugins directory {} does not exist; no plugin is loaded",
                    options.plugins().toAbsolutePath());
        }
        if (!Files.isDirectory(options.config())) {
            LOG.warn(
                    "config directory {} does not exist; plugins run on their bundled defaults",
                    options.config().toAbsolutePath());
        }
        consentDecisions = ConsentDecisionsFile.load(options.config(), yaml);
        resources.add(consentDecisions);
        WorldPluginManager.Builder builder =
                WorldPluginManager.builder(options.plugins())
                        .config(options.config(), yaml)
                        .hostExtension(new StubConsentPrompt(prompts, options.consent()))
                        .hostExtension(new SimpleUserRoles())
                        .hostExtension(consentDecisions);
        if (files.isEmpty()) {
            demoServer = new EchoServer();
            resources.add(demoServer);
            // the host vouches for its own demo server: exactly that loopback port, nothing else
            builder.vouch("ws://127.0.0.1:" + demoServer.port());
        }
        plugins = builder.build();
        plugins.loadPlugins();
        try {
            plugins.startPlugins();
        } catch (RuntimeException e) {
            throwConfigProblem(e);
            throw e;
        }
        for (PluginWrapper plugin : plugins.getPlugins()) {
            if (plugin.getPluginState() == PluginState.FAILED) {
                throwConfigProblem(plugin.getFailedException());
            }
        }
        for (String problem : plugins.problems()) {
            LOG.error("{}", problem);
        }
        if (files.isEmpty()) {
            openDemo();
        } else {
            for (WorldFile file : files) {
                open(file);
            }
        }
    }

    /** A world file read and named, not yet built. */
    private record WorldFile(Path path, ConfigNode root, String name) {}

    private WorldFile readWorldFile(Path path) throws ConfigException, HostStartException {
        Optional<ConfigNode> root = yaml.load(path);
        if (root.isEmpty()) {
            throw new HostStartException("world file " + path + " does not exist", null);
        }
        return new WorldFile(path, root.get(), WorldFileReader.worldName(root.get()));
    }

    /**
     * Opens one more world from a file while the host runs: its loop starts, the running plugins'
     * component types attach, then its users and slots are built.
     *
     * @return the world
     * @throws ConfigException for a mistake in the file (nothing of it stays open)
     * @throws HostStartException when the file is missing or a world of that name is open
     */
    public HostedWorld openWorld(Path path) throws ConfigException, HostStartException {
        return open(readWorldFile(path));
    }

    private HostedWorld open(WorldFile file) throws ConfigException, HostStartException {
        HostedWorld hosted = startWorld(file.name());
        try {
            WorldFileReader reader = new WorldFileReader(options.plugins());
            hosted.call(
                    () -> {
                        reader.populate(file.root(), hosted.world());
                        return null;
                    });
        } catch (ConfigException e) {
            closeWorld(file.name());
            throw e;
        } catch (UnknownComponentTypeException e) {
            closeWorld(file.name());
            throw new HostStartException(
                    e.getMessage()
                            + "; is the plugin in "
                            + options.plugins().toAbsolutePath()
                            + "?",
                    e);
        } catch (Exception e) {
            closeWorld(file.name());
            throw new HostStartException("cannot build the world: " + e.getMessage(), e);
        }
        return hosted;
    }

    private void openDemo() throws HostStartException {
        HostedWorld demo = startWorld(DemoWorld.NAME);
        try {
            demo.call(
                    () -> {
                        DemoWorld.populate(demo.world(), demoServer.port());
                        return null;
                    });
            // the greeting says the demo is connected, and a first piped command may send at once:
            // make it so
            demo.journal()
                    .await(
                            0,
                            event ->
                                    DemoWorld.SLOT.equals(event.slot())
                                            && DEMO_SETTLED.contains(event.name()),
                            DEMO_CONNECT_MILLIS);
        } catch (Exception e) {
            throw new HostStartException("cannot build the demo world: " + e.getMessage(), e);
        }
    }

    /** A new, empty world under {@code name}, ticking and served by the plugins. */
    private HostedWorld startWorld(String name) throws HostStartException {
        HostedWorld hosted;
        synchronized (this) {
            if (worlds.containsKey(name)) {
                throw new HostStartException(
                        "a world named '" + TerminalText.escape(name) + "' is open already", null);
            }
            hosted = new HostedWorld(new SimpleWorld(name, options.tickRate()), startNanos);
            worlds.put(name, hosted);
        }
        if (eventLog != null) {
            hosted.journal().subscribe(eventLog::offer);
        }
        hosted.loop().start();
        plugins.openWorld(hosted.world());
        openListeners.forEach(listener -> listener.accept(hosted));
        return hosted;
    }

    /**
     * Closes a world while the host goes on: each of its components hears {@code disconnected}
     * (1001, {@code world closed}), its prompts are withdrawn, then its loop stops.
     *
     * @throws IllegalArgumentException when no world has that name
     */
    public void closeWorld(String name) {
        HostedWorld hosted;
        synchronized (this) {
            hosted = worlds.remove(name);
        }
        if (hosted == null) {
            throw new IllegalArgumentException(noSuchWorld(name));
        }
        try {
            plugins.closeWorld(hosted.world());
        } finally {
            hosted.loop().stop();
        }
    }

    /** Runs for each world opened from now on, once its loop ticks, before it is built. */
    public void onWorldOpened(Consumer<HostedWorld> listener) {
        openListeners.add(listener);
    }

    /** The open worlds, in opening order. Any thread. */
    public synchronized List<HostedWorld> worlds() {
        return List.copyOf(worlds.values());
    }

    /**
     * The open world of that name.
     *
     * @throws IllegalArgumentException naming the worlds there are
     */
    public synchronized HostedWorld world(String name) {
        HostedWorld hosted = worlds.get(name);
        if (hosted == null) {
            throw new IllegalArgumentException(noSuchWorld(name));
        }
        return hosted;
    }

    private synchronized String noSuchWorld(String name) {
        return "no world '"
                + TerminalText.escape(name)
                + "' is open (worlds: "
                + TerminalText.escape(String.join(", ", worlds.keySet()))
                + ")";
    }

    /**
     * A plugin that failed over its configuration file stops start-up: the user must fix the file.
     */
    private static void throwConfigProblem(Throwable failure) throws ConfigException {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigException config) {
                throw config;
            }
        }
    }

    public PendingPrompts prompts() {
        return prompts;
    }

    /**
     * Re-reads configuration: every running plugin's, then the consent decisions. A file with a
     * mistake leaves what it configures as it was.
     *
     * @return one line per file or plugin: what was reloaded, or the error with its location
     */
    public List<String> reloadConfiguration() {
        List<String> report = new ArrayList<>();
        for (PluginWrapper plugin : plugins.getStartedPlugins()) {
            if (plugin.getPlugin() instanceof WorldPlugin worldPlugin) {
                try {
                    worldPlugin.reloadConfiguration();
                    report.add("reloaded configuration of plugin '" + plugin.getPluginId() + "'");
                } catch (ConfigException e) {
                    report.add(
                            "error: "
                                    + e.getMessage()
                                    + " (plugin '"
                                    + plugin.getPluginId()
                                    + "' keeps its previous configuration)");
                } catch (RuntimeException e) {
                    report.add(
                            "error: plugin '"
                                    + plugin.getPluginId()
                                    + "' failed to reload: "
                                    + Failures.describe(e));
                }
            }
        }
        try {
            consentDecisions.reload(yaml);
            report.add("reloaded " + ConsentDecisionsFile.FILE_NAME);
        } catch (ConfigException e) {
            report.add("error: " + e.getMessage() + " (previous consent decisions kept)");
        }
        return report;
    }

    /**
     * Diagnostics: each plugin's own figures, each world's components and ticks, threads and heap.
     * Any thread.
     */
    public Map<String, Object> stats() {
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, Object> byPlugin = new LinkedHashMap<>();
        for (PluginWrapper plugin : plugins.getPlugins()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("version", plugin.getDescriptor().getVersion());
            entry.put("state", plugin.getPluginState().toString());
            if (plugin.getPluginState().isStarted()
                    && plugin.getPlugin() instanceof WorldPlugin worldPlugin) {
                entry.putAll(worldPlugin.diagnostics());
            }
            byPlugin.put(plugin.getPluginId(), entry);
        }
        figures.put("plugins", byPlugin);
        Map<String, Object> byWorld = new LinkedHashMap<>();
        for (HostedWorld hosted : worlds()) {
            TickLoop loop = hosted.loop();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("components", hosted.world().componentCount());
            entry.put("tick", loop.tick());
            entry.put("lastTickMicros", loop.lastTickNanos() / 1000);
            entry.put("longestTickMicros", loop.longestTickNanos() / 1000);
            byWorld.put(TerminalText.escape(hosted.name()), entry);
        }
        figures.put("worlds", byWorld);
        figures.put("threads", Thread.activeCount());
        Runtime runtime = Runtime.getRuntime();
        figures.put("heapUsedBytes", runtime.totalMemory() - runtime.freeMemory());
        return figures;
    }

    /** Lasting consent decisions, as the console's grants and revoke see them. */
    public ConsentDecisionsFile consentDecisions() {
        return consentDecisions;
    }

    public WorldPluginManager plugins() {
        return plugins;
    }

    public HostOptions options() {
        return options;
    }

    public YamlConfigLoader configLoader() {
        return yaml;
    }

    /** Port of the embedded demo's echo server, if this host runs the demo world. */
    public Optional<Integer> demoPort() {
        return Optional.ofNullable(demoServer).map(EchoServer::port);
    }

    /**
     * Stops plugins (connections close with 1001 and every world hears each {@code disconnected}),
     * every world's loop, the event log and the demo server.
     */
    @Override
    public void close() {
        synchronized (resources) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (plugins != null) {
            try {
                plugins.stopPlugins();
                plugins.unloadPlugins();
            } catch (RuntimeException e) {
                LOG.error("stopping plugins failed", e);
            }
        }
        for (HostedWorld hosted : worlds()) {
            hosted.loop().stop();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.error("closing {} failed", resource, e);
            }
        }
    }
}
