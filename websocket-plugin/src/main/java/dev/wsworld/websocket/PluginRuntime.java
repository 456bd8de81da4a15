package dev.wsworld.websocket;

import dev.wsworld.api.extension.ConsentMemory;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.extension.UserRoles;
import dev.wsworld.websocket.config.WebsocketSettings;
import dev.wsworld.websocket.connection.ConnectionServices;
import dev.wsworld.websocket.connection.RetryPolicy;
import dev.wsworld.websocket.consent.ConsentGate;
import dev.wsworld.websocket.policy.ConnectionLimits;
import dev.wsworld.websocket.policy.DestinationPattern;
import dev.wsworld.websocket.policy.DestinationPolicy;
import dev.wsworld.websocket.resolution.HandlingUserResolver;
import dev.wsworld.websocket.transport.Transport;
import org.pf4j.Extension;
import org.pf4j.PluginManager;
import org.pf4j.PluginStateListener;

import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Everything one started plugin instance owns: settings, the network client, timers, consent and
 * user resolution. Created on plugin start, closed on stop; nothing of it outlives {@link #close()}.
 */
public final class PluginRuntime implements AutoCloseable {
    private final WebsocketSettings settings;
    private final Transport transport;
    private final ScheduledExecutorService timers;
    private final ConsentGate consent;
    private final HandlingUserResolver resolver;
    private final RetryPolicy retryPolicy;
    private final ConnectionServices connectionServices;
    private final PluginManager plugins;
    private final PluginStateListener extensionRefresher;
    private final Set<Object> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile List<UserRoles> userRoles;
    private volatile List<ConsentPrompt> prompts;
    private volatile List<ConsentMemory> memories;
    private final DestinationPolicy policy;
    private final ConnectionLimits limits;

    /**
     * @param vouched destinations the host vouches for, added to the allowlist
     * @throws IllegalArgumentException when a vouched destination is malformed
     */
    public PluginRuntime(WebsocketSettings settings, PluginManager plugins, List<String> vouched,
                         BiFunction<WebsocketSettings, DestinationPolicy, Transport> transportFactory) {
        this.settings = settings;
        this.plugins = plugins;
        this.policy = settings.policy().withAllowed(vouched.stream().map(DestinationPattern::parse).toList());
        refreshExtensions();
        this.extensionRefresher = event -> refreshExtensions();
        plugins.addPluginStateListener(extensionRefresher);
        this.transport = transportFactory.apply(settings, policy);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "wsworld-timers");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timers = executor;
        this.consent = new ConsentGate(() -> prompts, () -> memories, settings.limits().promptsPerMinute(), System::nanoTime);
        this.limits = new ConnectionLimits(settings.limits().connectionsPerUser(), settings.limits().connectionsPerWorld(),
                settings.limits().attemptsPerMinute(), System::nanoTime);
        this.resolver = new HandlingUserResolver(() -> userRoles, settings.userResolutionOrder());
        this.retryPolicy = new RetryPolicy(settings.defaults(), () -> ThreadLocalRandom.current().nextDouble());
        this.connectionServices = new ConnectionServices(transport, timers, consent, retryPolicy, settings.defaults(),
                settings.network().connectTimeout(), settings.network().closeGrace(), policy, limits);
    }

    public WebsocketSettings settings() {
        return settings;
    }

    public HandlingUserResolver resolver() {
        return resolver;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public ConsentGate consent() {
        return consent;
    }

    public ConnectionServices connectionServices() {
        return connectionServices;
    }

    public DestinationPolicy policy() {
        return policy;
    }

    public ConnectionLimits limits() {
        return limits;
    }

    public Transport transport() {
        return transport;
    }

    /** A behaviour became live (world thread). */
    public synchronized void attached(Object behaviour) {
        live.add(behaviour);
    }

    public synchronized void detached(Object behaviour) {
        live.remove(behaviour);
    }

    public synchronized int liveComponents() {
        return live.size();
    }

    /** Closes every socket with 1001, waits for the closing handshakes (bounded) and stops all threads. */
    @Override
    public void close() {
        plugins.removePluginStateListener(extensionRefresher);
        try {
            transport.close();
        } finally {
            timers.shutdownNow();
            try {
                timers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
                .sorted(Comparator.comparingInt((T e) -> {
                    Extension annotation = e.getClass().getAnnotation(Extension.class);
                    return annotation == null ? 0 : annotation.ordinal();
                }).reversed())
                .toList();
    }
}
