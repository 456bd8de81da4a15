package dev.wsworld.host;

import dev.wsworld.api.world.Component;
import dev.wsworld.host.events.EventJournal;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.world.TickLoop;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

/**
 * One world a {@link Host} runs: the world with its update loop, the journal of its events, and
 * what {@code status} shows about handling users. Each world has a journal of its own, written by
 * its own update thread alone, so worlds never wait on each other.
 */
public final class HostedWorld {
    /** How long a console or test thread waits for the update thread to answer. */
    static final long CALL_TIMEOUT_MILLIS = 30_000;

    private final SimpleWorld world;
    private final EventJournal journal;

    /** The role that chose each component's handling user. Update thread only. */
    private final Map<Component, String> roles = new WeakHashMap<>();

    HostedWorld(SimpleWorld world, long startNanos) {
        this.world = world;
        this.journal = new EventJournal(world.name(), startNanos);
        world.addEventSink(journal::record);
        world.addEventSink(
                event -> {
                    if (event.name().equals("userResolved")) {
                        Object role = event.data().get("role");
                        roles.put(event.component(), role == null ? "" : role.toString());
                    }
                });
        world.updateThread().afterEachTick(journal::wakeReaders);
    }

    /** The world's name, as its file gives it. */
    public String name() {
        return world.name();
    }

    public SimpleWorld world() {
        return world;
    }

    public TickLoop loop() {
        return world.updateThread();
    }

    public EventJournal journal() {
        return journal;
    }

    /** Runs work on the world's update thread and waits for it (at most 30 s). */
    public <T> T call(Callable<T> work) throws Exception {
        return world.updateThread().call(work, CALL_TIMEOUT_MILLIS);
    }

    /**
     * The role that chose a component's handling user, as its last {@code userResolved} event said;
     * for {@code status}. Update thread only.
     */
    public Optional<String> handlingRole(Component component) {
        return Optional.ofNullable(roles.get(component)).filter(role -> !role.isEmpty());
    }
}
