package dev.wsworld.websocket.runtime;

import dev.wsworld.api.extension.ConsentMemory;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.extension.UserRoles;
import dev.wsworld.api.host.HostTime;
import dev.wsworld.api.world.UpdateThread;
import dev.wsworld.api.world.World;
import dev.wsworld.common.text.TerminalText;
import dev.wsworld.websocket.config.ConnectionDefaults;
import dev.wsworld.websocket.config.WebsocketSettings;
import dev.wsworld.websocket.connection.ClientConnection;
import dev.wsworld.websocket.connection.ConnectionServices;
import dev.wsworld.websocket.connection.InboundFlow;
import dev.wsworld.websocket.connection.RetryPolicy;
import dev.wsworld.websocket.connection.WorldDelivery;
import dev.wsworld.websocket.consent.ConsentGate;
import dev.wsworld.websocket.policy.ConnectionLimits;
import dev.wsworld.websocket.policy.DestinationPattern;
import dev.wsworld.websocket.policy.DestinationPolicy;
import dev.wsworld.websocket.resolution.HandlingUserResolver;
import dev.wsworld.websocket.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.pf4j.Extension;
import org.pf4j.PluginManager;
import org.pf4j.PluginStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one started plugin instance owns: settings, the network client, timers, consent and
 * user resolution. Created on plugin start, closed on stop; nothing of it outlives {@link
 * #close()}. A configuration reload swaps what connections consult for their next decision.
 */
public final class PluginRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

    /**
     * A live component, told about configuration changes and shutdown on its world's update thread.
     */
    public interface LiveComponent {
        UpdateThread updateThread();

        /** The world the component lives in. */
        World world();

        void configurationChanged();

        /**
         * Update thread: the plugin is stopping. Closes the connection with 1001 and runs {@code
         * closed} once its close completed and the world heard {@code disconnected}.
         */
        void shutDown(Runnable closed);

        /** Any thread. */
        ClientConnection connection();
    }

    private final PluginManager plugins;
    private final List<String> vouched;
    private final BiFunction<WebsocketSettings, Supplier<DestinationPolicy>, Transport>
            transportFactory;

    /** The plugin's own timer thread: real time, for its own upkeep and, by default, for rules. */
    private final SystemTime systemTime = new SystemTime();

    /** The time the rules run on: the host's, or {@link #systemTime}. */
    private final HostTime time;

    private final ConsentGate consent;
    private final ConnectionLimits limits;
    private final InboundFlow flow = new InboundFlow();
    private final PluginStateListener extensionRefresher;
    private final LiveComponents live =
            new LiveComponents(
                    () -> this.snapshot.settings().limits().deliveryTimePerTick().toNanos());

    /** Transports replaced by a reload, closed once their last socket is gone. */
    private final List<Transport> retiring = new ArrayList<>();

    private volatile List<UserRoles> userRoles;
    private volatile List<ConsentPrompt> prompts;
    private volatile List<ConsentMemory> memories;
    private volatile Snapshot snapshot;
    private volatile boolean shuttingDown;

    /** What connections consult, swapped whole on reload. */
    private record Snapshot(
            WebsocketSettings settings,
            DestinationPolicy policy,
            Transport transport,
            HandlingUserResolver resolver,
            RetryPolicy retry,
            ConnectionServices services) {}

    /**
     * @param vouched destinations the host vouches for, added to the allowlist
     * @throws IllegalArgumentException when a vouched destination is malformed
     */
    public PluginRuntime(
            WebsocketSettings settings,
            PluginManager plugins,
            List<String> vouched,
            Optional<HostTime> hostTime,
            BiFunction<WebsocketSettings, Supplier<DestinationPolicy>, Transport>
                    transportFactory) {
        this.plugins = plugins;
        this.vouched = List.copyOf(vouched);
        this.transportFactory = transportFactory;
        refreshExtensions();
        this.extensionRefresher = event -> refreshExtensions();
        plugins.addPluginStateListener(extensionRefresher);
        this.time = hostTime.orElse(systemTime);
        this.consent =
                new ConsentGate(
                        () -> prompts,
                        () -> memories,
                        settings.limits().promptsPerMinute(),
                        time::nanoTime);
        this.limits =
                new ConnectionLimits(
                        settings.limits().connectionsPerUser(),
                        settings.limits().connectionsPerWorld(),
                        settings.limits().attemptsPerMinute(),
                        time::nanoTime);
        DestinationPolicy policy = policyOf(settings);
        this.snapshot = snapshot(settings, policy, transportFactory.apply(settings, this::policy));
        systemTime.every(this::checkForStalledUpdates, Duration.ofSeconds(STALL_CHECK_SECONDS));
    }

    /** How often the stall check looks, and how long an update may be awaited before it speaks. */
    static final long STALL_CHECK_SECONDS = 5;

    static final long STALL_SECONDS = 10;

    /**
     * Said once until the host updates again: a host that never calls onUpdate hears it once, not
     * every 5 s.
     */
    private volatile boolean stallReported;

    /**
     * Timer thread. A component's events (a consent answer, a message, a close) take effect only
     * when the host calls its {@code onUpdate()} on the world's update thread; a host that forgets
     * to leaves every component stuck (AwaitingConsent forever) without a sign. This says so, once.
     */
    void checkForStalledUpdates() {
        List<LiveComponent> components = live.all();
        long now = System.nanoTime();
        int stalled = 0;
        Set<String> worlds = new TreeSet<>();
        for (LiveComponent component : components) {
            long since = component.connection().updateAwaitedSince();
            if (since != 0 && now - since > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                stalled++;
                worlds.add(TerminalText.escape(component.world().name()));
            }
        }
        if (stalled > 0 && !stallReported) {
            stallReported = true;
            LOG.warn(
                    "{} WebsocketClient component(s) (in world(s) {}) asked for an update {} s ago"
                        + " or more and got none: the host must call ComponentBehaviour.onUpdate()"
                        + " on the world's update thread after ComponentContext.requestUpdate() (or"
                        + " every tick). Until it does, nothing they received, not even a consent"
                        + " answer, takes effect",
                    stalled,
                    worlds,
                    STALL_SECONDS);
        } else if (stalled == 0) {
            stallReported = false;
        }
    }

    private DestinationPolicy policyOf(WebsocketSettings settings) {
        return settings.policy()
                .withAllowed(vouched.stream().map(DestinationPattern::parse).toList());
    }

    private Snapshot snapshot(
            WebsocketSettings settings, DestinationPolicy policy, Transport transport) {
        HandlingUserResolver resolver =
                new HandlingUserResolver(() -> userRoles, settings.userResolutionOrder());
        RetryPolicy retry =
                new RetryPolicy(
                        settings.defaults(), () -> ThreadLocalRandom.current().nextDouble());
        ConnectionServices services =
                new ConnectionServices(
                        transport,
                        time,
                        consent,
                        retry,
                        settings.defaults(),
                        settings.network(),
                        policy,
                        limits,
                        flow,
                        settings.credentials());
        return new Snapshot(settings, policy, transport, resolver, retry, services);
    }

    public WebsocketSettings settings() {
        return snapshot.settings();
    }

    public HandlingUserResolver resolver() {
        return snapshot.resolver();
    }

    public RetryPolicy retryPolicy() {
        return snapshot.retry();
    }

    public ConnectionServices connectionServices() {
        return snapshot.services();
    }

    public DestinationPolicy policy() {
        return snapshot.policy();
    }

    /**
     * Applies new settings to everything that comes next: lists, limits, defaults and the
     * user-resolution order at once (DNS checks included); network settings through a new client
     * for new connections, while open sockets finish on the old one. Then every live component
     * re-checks its destination on its world's update thread.
     */
    public synchronized void reconfigure(WebsocketSettings next) {
        Snapshot previous = snapshot;
        DestinationPolicy policy = policyOf(next);
        Transport transport = previous.transport();
        // the policy is read by the transport on every resolution; only what the client is built
        // with needs a new one: the network settings, and the defaults it takes at construction
        if (!next.network().equals(previous.settings().network())
                || transportDefaultsChanged(previous.settings().defaults(), next.defaults())) {
            transport = transportFactory.apply(next, this::policy);
            retiring.add(previous.transport());
        }
        limits.updateCaps(
                next.limits().connectionsPerUser(),
                next.limits().connectionsPerWorld(),
                next.limits().attemptsPerMinute());
        consent.setPromptsPerMinute(next.limits().promptsPerMinute());
        snapshot = snapshot(next, policy, transport);
        closeIdleRetired();
        List<LiveComponent> components = live.all();
        for (LiveComponent component : components) {
            component.updateThread().post(component::configurationChanged);
        }
        LOG.info("configuration reloaded; {} live component(s) re-checked", components.size());
    }

    /** The defaults the network client is built with (see {@code JettyTransport}). */
    private static boolean transportDefaultsChanged(
            ConnectionDefaults previous, ConnectionDefaults next) {
        return !previous.connectTimeout().equals(next.connectTimeout())
                || !previous.idleTimeout().equals(next.idleTimeout())
                || previous.maxMessageSize() != next.maxMessageSize();
    }

    private void closeIdleRetired() {
        retiring.removeIf(
                old -> {
                    if (old.openSessions() == 0) {
                        old.close();
                        return true;
                    }
                    return false;
                });
        if (!retiring.isEmpty()) {
            systemTime.schedule(
                    () -> {
                        synchronized (this) {
                            closeIdleRetired();
                        }
                    },
                    Duration.ofSeconds(1));
        }
    }

    /**
     * The first step of a plugin stop: every live connection closes with 1001 on its world's update
     * thread, and the caller waits until each close has completed, at most the close grace and a
     * second. The world hears each {@code disconnected} as for any close, with the server's answer.
     * Nothing connects any more from now on. Never waits when called on an update thread (the
     * closes complete there).
     */
    public void closeConnectionsForShutdown() {
        shuttingDown = true;
        List<LiveComponent> components = live.all();
        CountDownLatch closed = new CountDownLatch(components.size());
        boolean onUpdateThread = false;
        for (LiveComponent component : components) {
            if (component.updateThread().isCurrent()) {
                onUpdateThread = true;
                component.shutDown(closed::countDown);
            } else {
                component.updateThread().post(() -> component.shutDown(closed::countDown));
            }
        }
        if (onUpdateThread) {
            return;
        }
        long waitMillis = snapshot.settings().network().closeGrace().toMillis() + 1_000;
        try {
            if (!closed.await(waitMillis, TimeUnit.MILLISECONDS)) {
                LOG.info(
                        "{} connection(s) had not finished closing after {} ms; they are dropped",
                        closed.getCount(),
                        waitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A stop has begun: components must not connect any more. Any thread. */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    /**
     * A behaviour became live (its world's thread).
     *
     * @return its world's share of its update thread, for delivering what arrives
     */
    public WorldDelivery attached(LiveComponent behaviour) {
        return live.attach(behaviour);
    }

    public void detached(LiveComponent behaviour) {
        live.detach(behaviour);
    }

    /** Live figures for hosts: open sockets, components per state, queued messages. Any thread. */
    public Map<String, Object> diagnostics() {
        List<LiveComponent> components = live.all();
        Map<String, Integer> states = new TreeMap<>();
        long inbound = 0;
        long inboundBytes = 0;
        long outbound = 0;
        long outboundBytes = 0;
        int compressed = 0;
        for (LiveComponent component : components) {
            ClientConnection connection = component.connection();
            compressed += connection.compressed() ? 1 : 0;
            states.merge(connection.state().displayName(), 1, Integer::sum);
            inbound += connection.queuedInbound();
            inboundBytes += connection.queuedInboundBytes();
            outbound += connection.queuedOutbound();
            outboundBytes += connection.queuedOutboundBytes();
        }
        int open = snapshot.transport().openSessions();
        synchronized (this) {
            for (Transport old : retiring) {
                open += old.openSessions();
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("liveConnections", open);
        figures.put("components", components.size());
        figures.put("states", states);
        figures.put("compressedConnections", compressed);
        figures.put(
                "proxy",
                snapshot.settings().network().proxy().map(Object::toString).orElse("none"));
        figures.put("credentials", snapshot.settings().credentials().describe());
        figures.put("queuedInbound", inbound);
        figures.put("queuedInboundBytes", inboundBytes);
        figures.put("queuedOutbound", outbound);
        figures.put("queuedOutboundBytes", outboundBytes);
        figures.put("readingPaused", flow.pausedNow());
        figures.put("readPauses", flow.pauses());
        figures.put("readPausedMillisTotal", flow.pausedMillisTotal());
        figures.put("worlds", live.perWorld());
        return figures;
    }

    /**
     * Closes every socket with 1001, waits for the closing handshakes (bounded) and stops all
     * threads.
     */
    @Override
    public synchronized void close() {
        plugins.removePluginStateListener(extensionRefresher);
        consent.withdrawAll();
        try {
            for (Transport old : retiring) {
                old.close();
            }
            retiring.clear();
            snapshot.transport().close();
        } finally {
            systemTime.close();
        }
    }

    private void refreshExtensions() {
        userRoles = byOrdinalDescending(plugins.getExtensions(UserRoles.class));
        prompts = byOrdinalDescending(plugins.getExtensions(ConsentPrompt.class));
        memories = byOrdinalDescending(plugins.getExtensions(ConsentMemory.class));
    }

    /** Highest {@code @Extension(ordinal)} first; ties keep PF4J's order. */
    public static <T> List<T> byOrdinalDescending(List<T> extensions) {
        return extensions.stream()
                .sorted(
                        Comparator.comparingInt(
                                        (T e) -> {
                                            Extension annotation =
                                                    e.getClass().getAnnotation(Extension.class);
                                            return annotation == null ? 0 : annotation.ordinal();
                                        })
                                .reversed())
                .toList();
    }
}
