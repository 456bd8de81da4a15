package dev.wsworld.websocket.runtime;

import dev.wsworld.common.text.TerminalText;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a host that forgot to update its components, once: a component's events take effect only on
 * its world's update thread, in {@code onUpdate()}.
 */
final class StallWatch {
    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);

    private final Supplier<List<LiveComponent>> live;

    StallWatch(Supplier<List<LiveComponent>> live) {
        this.live = live;
    }

    /** How often the stall check looks, and how long an update may be awaited before it speaks. */
    static final long CHECK_SECONDS = 5;

    static final long SECONDS = 10;

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
    void check() {
        List<LiveComponent> components = live.get();
        long now = System.nanoTime();
        int stalled = 0;
        Set<String> worlds = new TreeSet<>();
        for (LiveComponent component : components) {
            long since = component.connection().updateAwaitedSince();
            if (since != 0 && now - since > TimeUnit.SECONDS.toNanos(SECONDS)) {
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
                    SECONDS);
        } else if (stalled == 0) {
            stallReported = false;
        }
    }
}
