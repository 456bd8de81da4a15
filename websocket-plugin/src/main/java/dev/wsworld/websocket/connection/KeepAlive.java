package dev.wsworld.websocket.connection;

import dev.wsworld.websocket.transport.TransportSession;
import java.time.Duration;

/**
 * Pings one open connection at a fixed rate and notices a peer that stopped answering. A frozen or
 * half-open peer's kernel still acknowledges the pings, and the transport counts sent bytes as
 * activity, so its idle timer alone would never fire. Runs on the timer thread; only enqueues.
 */
final class KeepAlive implements Runnable {
    private final Attempt attempt;
    private final TransportSession session;

    /** Ping intervals in a row with nothing received that still count as alive. */
    private final long silentIntervalsAllowed;

    private final String reason;
    private long silentIntervals;
    private boolean gaveUp;

    KeepAlive(Attempt attempt, TransportSession session, Duration interval, Duration deadline) {
        this.attempt = attempt;
        this.session = session;
        long intervalMillis = Math.max(1, interval.toMillis());
        this.silentIntervalsAllowed =
                Math.max(1, (deadline.toMillis() + intervalMillis - 1) / intervalMillis);
        this.reason = "no reply to keep-alive pings for " + deadline.toMillis() + " ms";
    }

    @Override
    public void run() {
        if (gaveUp) {
            return;
        }
        if (attempt.takeHeard()) {
            silentIntervals = 0;
        } else if (++silentIntervals > silentIntervalsAllowed) {
            gaveUp = true;
            attempt.dropSocket(reason);
            return;
        }
        session.ping();
    }
}
