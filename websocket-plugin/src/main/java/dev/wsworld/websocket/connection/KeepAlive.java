package dev.wsworld.websocket.connection;

import dev.wsworld.api.host.HostTime;
import dev.wsworld.websocket.transport.TransportSession;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Pings one open connection every interval and notices a peer that stopped answering. A frozen or
 * half-open peer's kernel still acknowledges the pings, and the transport counts sent bytes as
 * activity, so its idle timer alone would never fire. Runs on the timer thread and only enqueues;
 * it sets its next run itself, so it runs on whatever time the host gives.
 */
final class KeepAlive implements Runnable, HostTime.Timer {
    private final Attempt attempt;
    private final TransportSession session;
    private final HostTime time;
    private final Duration interval;

    /** Ping intervals in a row with nothing received that still count as alive. */
    private final long silentIntervalsAllowed;

    private final String reason;
    private long silentIntervals;

    /** The next run; replaced by each run, on the timer thread. */
    private volatile HostTime.@Nullable Timer next;

    private volatile boolean stopped;

    private KeepAlive(
            Attempt attempt,
            TransportSession session,
            HostTime time,
            Duration interval,
            Duration deadline) {
        this.attempt = attempt;
        this.session = session;
        this.time = time;
        this.interval = interval;
        long intervalMillis = Math.max(1, interval.toMillis());
        this.silentIntervalsAllowed =
                Math.max(1, (deadline.toMillis() + intervalMillis - 1) / intervalMillis);
        this.reason = "no reply to keep-alive pings for " + deadline.toMillis() + " ms";
    }

    /** Starts pinging {@code interval} from now; cancel it when the socket ends. */
    static KeepAlive start(
            Attempt attempt,
            TransportSession session,
            HostTime time,
            Duration interval,
            Duration deadline) {
        KeepAlive keepAlive = new KeepAlive(attempt, session, time, interval, deadline);
        keepAlive.next = time.schedule(keepAlive, interval);
        return keepAlive;
    }

    @Override
    public void run() {
        if (stopped) {
            return;
        }
        if (attempt.takeHeard()) {
            silentIntervals = 0;
        } else if (++silentIntervals > silentIntervalsAllowed) {
            stopped = true;
            attempt.dropSocket(reason);
            return;
        }
        session.ping();
        try {
            next = time.schedule(this, interval);
        } catch (RuntimeException e) {
            stopped = true; // the timers are gone: the plugin is stopping
        }
    }

    @Override
    public void cancel() {
        stopped = true;
        HostTime.Timer pending = next;
        if (pending != null) {
            pending.cancel();
        }
    }
}
