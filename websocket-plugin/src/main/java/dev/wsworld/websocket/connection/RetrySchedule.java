package dev.wsworld.websocket.connection;

import dev.wsworld.api.host.HostTime;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * When a connection tries again: counts consecutive failures, holds the one pending retry timer,
 * and tells a due retry from one a later change made stale. World thread only; the timer only
 * enqueues {@link Inbound.RetryDue}.
 */
final class RetrySchedule {
    private final Supplier<ConnectionServices> services;
    private final Inbox inbox;

    /** Which retry is the current one: a due retry with another ticket was cancelled. */
    private long ticket;

    private HostTime.@Nullable Timer timer;
    private int consecutiveFailures;

    RetrySchedule(Supplier<ConnectionServices> services, Inbox inbox) {
        this.services = services;
        this.inbox = inbox;
    }

    /** A new target, or a connection that opened: the count of failures starts again. */
    void reset() {
        consecutiveFailures = 0;
    }

    /** One more consecutive failure, and the wait it earns. */
    Duration nextDelay(ConnectTarget target) {
        consecutiveFailures++;
        return services.get().retry().delay(target.retryInterval(), consecutiveFailures);
    }

    /** A retry after {@code delay}, replacing any pending one. */
    void schedule(Duration delay) {
        long due = ++ticket;
        timer = services.get().time().schedule(() -> inbox.add(new Inbound.RetryDue(due)), delay);
    }

    /** No retry is pending any more; one already due is stale. */
    void cancel() {
        ticket++;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** Whether a due retry is the one scheduled last, and not cancelled since. */
    boolean isCurrent(Inbound.RetryDue due) {
        return due.ticket() == ticket;
    }
}
