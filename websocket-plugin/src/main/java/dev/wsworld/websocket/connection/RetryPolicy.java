package dev.wsworld.websocket.connection;

import dev.wsworld.websocket.config.ConnectionDefaults;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** The one place that decides how long to wait before trying again. */
public final class RetryPolicy {
    /** Shortest interval honoured, so a world cannot make a client hammer a server. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    private final ConnectionDefaults defaults;
    private final DoubleSupplier random;

    /**
     * @param random uniform values in [0, 1)
     */
    public RetryPolicy(ConnectionDefaults defaults, DoubleSupplier random) {
        this.defaults = defaults;
        this.random = random;
    }

    /**
     * The base interval: the component's ConnectRetryInterval in seconds when set and positive,
     * else the configured default; never below {@link #MIN_INTERVAL}.
     */
    public Duration interval(Float componentSeconds) {
        Duration base =
                componentSeconds == null || !(componentSeconds > 0f)
                        ? defaults.connectRetryInterval()
                        : Duration.ofNanos(Math.round(componentSeconds.doubleValue() * 1e9));
        return base.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : base;
    }

    /**
     * Delay before the next attempt.
     *
     * @param interval base interval, see {@link #interval}
     * @param consecutiveFailures failures since the last successful open, at least 1
     */
    public Duration delay(Duration interval, int consecutiveFailures) {
        double millis = interval.toMillis();
        ConnectionDefaults.Retry retry = defaults.retry();
        if (retry.backoff() && consecutiveFailures > 1) {
            millis =
                    Math.min(
                            millis * Math.pow(retry.backoffMultiplier(), consecutiveFailures - 1.0),
                            Math.max(millis, (double) retry.backoffMax().toMillis()));
        }
        double jitter = millis * retry.jitter() * random.getAsDouble();
        return Duration.ofMillis(Math.round(millis + jitter));
    }

    /**
     * LastError while a retry waits: why, and when the retry comes, as the retryScheduled event
     * says.
     */
    static String retrying(String reason, Duration delay) {
        return reason + "; retrying in " + delayText(delay);
    }

    /** A retry delay as people read it: {@code 10.3 s}, {@code 2 min 30 s}. */
    static String delayText(Duration delay) {
        long tenths = Math.max(0, (delay.toMillis() + 50) / 100);
        if (tenths < 600) {
            return tenths / 10 + "." + tenths % 10 + " s";
        }
        long seconds = (tenths + 5) / 10;
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
