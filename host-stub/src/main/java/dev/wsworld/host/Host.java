package dev.wsworld.host;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.text.Failures;
import dev.wsworld.api.world.Component;
import dev.wsworld.host.consent.PendingPrompts;
import dev.wsworld.host.consent.StubConsentPrompt;
import dev.wsworld.host.demo.DemoWorld;
import dev.wsworld.host.demo.EchoServer;
import dev.wsworld.host.events.EventJournal;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.events.Json;
import dev.wsworld.host.output.LineWriter;
import dev.wsworld.host.worldfile.WorldFileReader;
import dev.wsworld.hostsupport.consent.ConsentDecisionsFile;
import dev.wsworld.hostsupport.plugins.WorldPluginManager;
import dev.wsworld.hostsupport.world.SimpleUserRoles;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.world.TickLoop;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running host: world, update loop, plugins, event journal and log. The command line ({@code
 * cli.Main}) and the tests both start hosts through {@link #start}.
 */
public final class Host implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Host.class);
    private static final long CALL_TIMEOUT_MILLIS = 30_000;

    /**
     * Events waiting for the event log's writer at most; past it they are dropped and counted in
     * the log.
     */
    static final int EVENT_LOG_QUEUE = 65_536;

    /**
     * The event-log line that says how many events the writer dropped because its reader fell
     * behind.
     */
    public static final String EVENT_LOG_DROPPED = "eventLogDropped";

    private final HostOptions options;
    private final PrintStream stdout;
    private final TickLoop loop;
    private final SimpleWorld world;
    private final EventJournal journal;
    private final PendingPrompts prompts;
    private final YamlConfigLoader yaml = new YamlConfigLoader();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private WorldPluginManager plugins;
    private ConsentDecisionsFile consentDecisions;
    private EchoServer demoServer;
    private boolean closed;

    /** Events after which the demo's echo client is settled, one way or the other. */
    private static final java.util.Set<String> DEMO_SETTLED =
            java.util.Set.of("connected", "connectFailed", "denied");

    /**
     * How long start-up waits for the demo's echo client at most; it connects to loopback in
     * milliseconds.
     */
    private static final long DEMO_CONNECT_MILLIS = 5_000;

    /** Update thread only; a removed component's entry goes with it. */
    private final Map<Component, String> roles = new WeakHashMap<>();

    private Host(
            HostOptions options, String worldName, Consumer<String> display, PrintStream stdout) {
        this.options = options;
        this.stdout = stdout;
        this.world = new SimpleWorld(worldName, options.tickRate());
        this.loop = world.updateThread();
        this.journal = new EventJournal(System.nanoTime());
        this.prompts = new PendingPrompts(display, !options.headless());
        world.addEventSink(journal::record);
        world.addEventSink(
                event -> {
                    if (event.name().equals("userResolved")) {
                        Object role = event.data().get("role");
                        roles.put(event.component(), role == null ? "" : role.toString());
                    }
                });
        loop.afterEachTick(journal::wakeReaders);
    }

    /**
     * The role that chose a component's handling user, as its last {@code userResolved} event said;
     * for {@code status}. Update thread only.
     */
    public Optional<String> handlingRole(Component component) {
        return Optional.ofNullable(roles.get(component)).filter(role -> !role.isEmpty());
    }

    /**
     * Starts a host: the update loop, the plugins, then the world (from the file, or the demo).
     *
     * @param display where console messages for the person at the host go (consent prompts)
     * @param stdout the console's output, used by {@code --events -}
     * @throws ConfigException for a bad world or configuration file (exit status 2)
     * @throws HostStartException for anything else the user must fix (exit status 2)
     */
    public static Host start(HostOptions options, Consumer<String> display, PrintStream stdout)
            throws ConfigException, HostStartException {
        Optional<ConfigNode> worldFile = Optional.empty();
        YamlConfigLoader loader = new YamlConfigLoader();
        if (!options.worlds().isEmpty()) {
            worldFile = loader.load(options.worlds().get(0));
            if (worldFile.isEmpty()) {
                throw new HostStartException(
                        "world file " + options.worlds().get(0) + " does not exist", null);
            }
        }
        String name =
                worldFile.isPresent() ? WorldFileReader.worldName(worldFile.get()) : DemoWorld.NAME;
        Host host = new Host(options, name, display, stdout);
        try {
            host.startUp(worldFile);
            return host;
        } catch (ConfigException | HostStartException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    private void startUp(Optional<ConfigNode> worldFile)
            throws ConfigException, HostStartException {
        openEventLog();
        loop.start();
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
        List<String> vouched = List.of();
        if (worldFile.isEmpty()) {
            demoServer = new EchoServer();
            resources.add(demoServer);
            // the host vouches for its own demo server: exactly that loopback port, nothing else
            vouched = List.of("ws://127.0.0.1:" + demoServer.port());
        }
        WorldPluginManager.Builder builder =
                WorldPluginManager.builder(options.plugins())
                        .config(options.config(), yaml)
                        .hostExtension(new StubConsentPrompt(prompts, options.consent()))
                        .hostExtension(new SimpleUserRoles())
                        .hostExtension(consentDecisions);
        vouched.forEach(builder::vouch);
        plugins = builder.build();
        plugins.openWorld(world);
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
        try {
            if (worldFile.isPresent()) {
                WorldFileReader reader = new WorldFileReader(options.plugins());
                call(
                        () -> {
                            reader.populate(worldFile.get(), world);
                            return null;
                        });
            } else {
                call(
                        () -> {
                            DemoWorld.populate(world, demoServer.port());
                            return null;
                        });
                // the greeting says the demo is connected, and a first piped command may send at
                // once: make it so
                journal.await(
                        0,
                        event ->
                                DemoWorld.SLOT.equals(event.slot())
                                        && DEMO_SETTLED.contains(event.name()),
                        DEMO_CONNECT_MILLIS);
            }
        } catch (ConfigException e) {
            throw e;
        } catch (dev.wsworld.hostsupport.world.UnknownComponentTypeException e) {
            throw new HostStartException(
                    e.getMessage()
                            + "; is the plugin in "
                            + options.plugins().toAbsolutePath()
                            + "?",
                    e);
        } catch (Exception e) {
            throw new HostStartException("cannot build the world: " + e.getMessage(), e);
        }
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

    private void openEventLog() throws HostStartException {
        if (options.events().isEmpty()) {
            return;
        }
        String target = options.events().get();
        Writer out;
        boolean own = true;
        if (target.equals("-")) {
            out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
            own = false;
        } else {
            try {
                Path file = Path.of(target);
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new HostStartException(
                        "cannot write the event log " + target + ": " + e.getMessage(), e);
            }
        }
        LineWriter<HostEvent> writer =
                new LineWriter<>(
                        "event-log",
                        out,
                        own,
                        EVENT_LOG_QUEUE,
                        HostEvent::toJson,
                        dropped ->
                                Json.object(
                                        Map.of("event", EVENT_LOG_DROPPED, "dropped", dropped)));
        journal.subscribe(writer::offer);
        resources.add(writer);
    }

    /** Runs work on the update thread and waits for it. */
    public <T> T call(Callable<T> work) throws Exception {
        return loop.call(work, CALL_TIMEOUT_MILLIS);
    }

    public SimpleWorld world() {
        return world;
    }

    public EventJournal journal() {
        return journal;
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
            if (plugin.getPlugin() instanceof dev.wsworld.api.host.WorldPlugin worldPlugin) {
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
     * Diagnostics: each started plugin's own figures, plus threads, heap and the world's tick. Any
     * thread.
     */
    public Map<String, Object> stats() {
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, Object> byPlugin = new LinkedHashMap<>();
        for (PluginWrapper plugin : plugins.getPlugins()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("version", plugin.getDescriptor().getVersion());
            entry.put("state", plugin.getPluginState().toString());
            if (plugin.getPluginState().isStarted()
                    && plugin.getPlugin() instanceof dev.wsworld.api.host.WorldPlugin world) {
                entry.putAll(world.diagnostics());
            }
            byPlugin.put(plugin.getPluginId(), entry);
        }
        figures.put("plugins", byPlugin);
        figures.put("components", world.components().size());
        figures.put("tick", loop.tick());
        figures.put("lastTickMicros", loop.lastTickNanos() / 1000);
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
     * Stops plugins (connections close with 1001), the update loop, the event log and the demo
     * server.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (plugins != null) {
            try {
                plugins.stopPlugins();
                plugins.unloadPlugins();
            } catch (RuntimeException e) {
                LOG.error("stopping plugins failed", e);
            }
        }
        loop.stop();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.error("closing {} failed", resource, e);
            }
        }
    }
}
