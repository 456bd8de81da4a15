package dev.wsworld.host.inspector;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentScope;
import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.common.text.Failures;
import dev.wsworld.host.Host;
import dev.wsworld.host.HostedWorld;
import dev.wsworld.host.consent.PendingPrompts;
import dev.wsworld.host.console.CommandException;
import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.output.Json;
import dev.wsworld.host.output.Shown;
import dev.wsworld.hostsupport.world.SimpleUser;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world inspector: a page served to a browser on this machine, showing the host's worlds live
 * (slot tree, a component's fields and connection, the event stream, consent prompts, lasting
 * decisions, plugins) and changing them through the console's own commands.
 *
 * <p>It listens on 127.0.0.1 only, and lets in only requests that carry its token ({@link Guard}).
 * What it shows of a world it takes on that world's update thread, at the end of a tick, and hands
 * to each page's bounded queues ({@link BrowserSession}); its own threads send. Changes a page asks
 * for run one after another on a thread of their own, each as the console command it stands for.
 */
public final class Inspector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Inspector.class);

    /** Changes from pages waiting to run at most. */
    static final int MAX_WAITING_COMMANDS = 64;

    /**
     * How often the sender comes by for what update threads left for the pages: they hand it over
     * without waking anyone.
     */
    static final long SEND_EVERY_MILLIS = 20;

    /** How often the host's lists (worlds, plugins, grants, prompts) are looked at. */
    static final long HOST_REFRESH_MILLIS = 500;

    private final Host host;
    private final String token;
    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService sender;
    private final ThreadPoolExecutor commands;
    private final ScheduledExecutorService poller;
    private final List<BrowserSession> sessions = new CopyOnWriteArrayList<>();
    private volatile String hostSnapshot = "{}";
    private volatile boolean closed;

    private Inspector(Host host, int port) {
        this.host = host;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("inspector-http");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        sender = Executors.newFixedThreadPool(2, daemons("inspector-send"));
        commands =
                new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(MAX_WAITING_COMMANDS),
                        daemons("inspector-commands"));
        poller = Executors.newSingleThreadScheduledExecutor(daemons("inspector-host"));
    }

    /**
     * Starts the inspector for a running host.
     *
     * @param port the port on 127.0.0.1, 0 for any free one
     * @throws IOException when it cannot listen there, saying why
     */
    public static Inspector start(Host host, int port) throws IOException {
        Inspector inspector = new Inspector(host, port);
        try {
            inspector.startUp();
            return inspector;
        } catch (IOException | RuntimeException e) {
            inspector.close();
            throw e;
        }
    }

    private void startUp() throws IOException {
        WebSocketUpgradeHandler sockets =
                WebSocketUpgradeHandler.from(
                        server,
                        container -> {
                            container.setIdleTimeout(Duration.ZERO);
                            container.setMaxTextMessageSize(PageRequest.MAX_CHARS * 3L);
                            container.addMapping(
                                    Guard.SOCKET_PATH,
                                    (request, response, callback) -> new BrowserSession(this));
                        });
        sockets.setHandler(new PageFiles());
        server.setHandler(new Guard(connector::getLocalPort, token, sockets));
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException(
                    "cannot listen on 127.0.0.1:" + connector.getPort() + ": " + e.getMessage(), e);
        }
        host.onWorldOpened(this::attach);
        for (HostedWorld world : host.worlds()) {
            attach(world);
        }
        host.prompts().onChange(this::refreshSoon);
        refreshHost();
        // both tasks catch what they throw: an escaped exception would end the schedule silently
        var unusedRefresh =
                poller.scheduleWithFixedDelay(
                        this::refreshHost,
                        HOST_REFRESH_MILLIS,
                        HOST_REFRESH_MILLIS,
                        TimeUnit.MILLISECONDS);
        var unusedSend =
                poller.scheduleWithFixedDelay(
                        this::sendWaiting,
                        SEND_EVERY_MILLIS,
                        SEND_EVERY_MILLIS,
                        TimeUnit.MILLISECONDS);
        LOG.info("inspector listening on 127.0.0.1:{}", port());
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The page's address, token included: {@code http://127.0.0.1:PORT/?token=…}. */
    public String address() {
        return "http://127.0.0.1:" + port() + "/?token=" + token;
    }

    Host host() {
        return host;
    }

    // ------------------------------------------------------------ worlds

    /**
     * Hooks a world: its events (from the oldest its journal kept) feed the connection figures and
     * the pages watching it; after each of its ticks, those pages' views look at it.
     */
    private void attach(HostedWorld world) {
        if (closed) {
            return;
        }
        ConnectionFigures figures = new ConnectionFigures();
        world.loop().afterEachTick(() -> tick(world, figures));
        try {
            world.call(
                    () -> {
                        world.journal().subscribeFromStart(event -> event(world, figures, event));
                        return null;
                    });
        } catch (Exception e) {
            LOG.warn(
                    "the inspector cannot follow world {}: {}",
                    Shown.quoted(world.name()),
                    e.getMessage());
        }
    }

    private void tick(HostedWorld world, ConnectionFigures figures) {
        if (closed) {
            return;
        }
        for (BrowserSession session : sessions) {
            session.tick(world, figures);
        }
    }

    private void event(HostedWorld world, ConnectionFigures figures, HostEvent event) {
        if (closed) {
            return;
        }
        figures.record(event);
        for (BrowserSession session : sessions) {
            session.event(world, event);
        }
    }

    // ------------------------------------------------------------ pages

    void added(BrowserSession session) {
        if (closed) {
            session.close();
            return;
        }
        sessions.add(session);
        LOG.info("an inspector page connected ({} open)", sessions.size());
    }

    void removed(BrowserSession session) {
        if (sessions.remove(session)) {
            LOG.info("an inspector page left ({} open)", sessions.size());
        }
    }

    /** Runs a page's sending work on the inspector's sender threads. */
    void send(Runnable work) {
        try {
            sender.execute(work);
        } catch (RejectedExecutionException e) {
            // stopping: nothing more goes out
        }
    }

    /**
     * Runs a change a page asked for as the console command it stands for, after the ones asked
     * before it, and answers the page with the command's lines or its error.
     */
    void runCommand(BrowserSession session, long ref, String world, List<String> words) {
        try {
            commands.execute(
                    () -> {
                        List<Object> lines = new ArrayList<>();
                        String error = null;
                        try {
                            new CommandInterpreter(host, line -> lines.add(line.text()))
                                    .execute(world, words);
                        } catch (CommandException e) {
                            error = e.getMessage();
                        } catch (RuntimeException e) {
                            LOG.warn("inspector: {} failed", Shown.name(words.get(0)), e);
                            error = Failures.describe(e);
                        }
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("op", "result");
                        result.put("ref", ref);
                        result.put("ok", error == null);
                        result.put("lines", lines);
                        result.put("error", error == null ? null : Shown.text(error).toString());
                        session.queue(result);
                        refreshHost();
                    });
        } catch (RejectedExecutionException e) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("op", "result");
            result.put("ref", ref);
            result.put("ok", false);
            result.put("lines", List.of());
            result.put("error", "too many changes are waiting; try again");
            session.queue(result);
        }
    }

    private void sendWaiting() {
        for (BrowserSession session : sessions) {
            try {
                session.sendWaiting();
            } catch (RuntimeException e) {
                LOG.warn("the inspector cannot send to a page", e);
            }
        }
    }

    // ------------------------------------------------------------ the host's lists

    String hostSnapshot() {
        return hostSnapshot;
    }

    private void refreshSoon() {
        try {
            poller.execute(this::refreshHost);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** Looks at the host's lists; pages are told when they changed. */
    private void refreshHost() {
        if (closed) {
            return;
        }
        try {
            String snapshot = Json.object(hostState());
            if (!snapshot.equals(hostSnapshot)) {
                hostSnapshot = snapshot;
                sessions.forEach(BrowserSession::hostChanged);
            }
        } catch (RuntimeException e) {
            LOG.warn("the inspector cannot read the host's state", e);
        }
    }

    private Map<String, Object> hostState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("op", "host");
        List<Object> worlds = new ArrayList<>();
        for (HostedWorld world : host.worlds()) {
            worlds.add(Map.of("name", world.name(), "shown", Shown.name(world.name()).toString()));
        }
        state.put("worlds", worlds);
        List<Object> plugins = new ArrayList<>();
        for (PluginWrapper plugin : host.plugins().getPlugins()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", plugin.getPluginId());
            entry.put("shown", Shown.name(plugin.getPluginId()).toString());
            entry.put("version", Shown.name(plugin.getDescriptor().getVersion()).toString());
            entry.put("state", plugin.getPluginState().toString());
            plugins.add(entry);
        }
        state.put("plugins", plugins);
        state.put(
                "problems",
                host.plugins().problems().stream().map(p -> Shown.text(p).toString()).toList());
        List<Object> grants = new ArrayList<>();
        for (Map.Entry<ConsentScope, ConsentAnswer> decision :
                host.consentDecisions().decisions().entrySet()) {
            ConsentScope scope = decision.getKey();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("user", scope.userId());
            entry.put("hostPort", CanonicalHost.forUri(scope.host()) + ":" + scope.port());
            entry.put("shown", Shown.text(scope.toString()).toString());
            ConsentAnswer answer = decision.getValue();
            entry.put("answer", answer.fileWord().orElse(answer.eventWord()));
            grants.add(entry);
        }
        state.put("grants", grants);
        List<Object> prompts = new ArrayList<>();
        for (PendingPrompts.Pending pending : host.prompts().pending()) {
            if (pending.request().user() instanceof SimpleUser user && !user.isLocal()) {
                continue; // another user's screen, not this one's
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", pending.id());
            entry.put("user", Shown.name(pending.request().user().id()).toString());
            entry.put("world", pending.request().world().name());
            entry.put("shownWorld", Shown.quoted(pending.request().world().name()).toString());
            entry.put("destination", Shown.name(pending.request().destination()).toString());
            entry.put("summary", pending.summary().get(0).text());
            prompts.add(entry);
        }
        state.put("prompts", prompts);
        state.put("answers", ConsentAnswer.words());
        return state;
    }

    /** Closes every page (1001) and stops listening. */
    @Override
    public void close() {
        closed = true;
        for (BrowserSession session : sessions) {
            session.close();
        }
        sessions.clear();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the inspector failed: {}", e.toString());
        }
        poller.shutdownNow();
        commands.shutdownNow();
        sender.shutdownNow();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
