package dev.wsworld.websocket.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsworld.websocket.config.ConnectionDefaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static ConnectionDefaults defaults(double jitter, boolean backoff) {
        return new ConnectionDefaults(
                Duration.ofSeconds(10),
                new ConnectionDefaults.Retry(jitter, backoff, 2.0, Duration.ofSeconds(45)),
                Duration.ofSeconds(15),
                Duration.ofSeconds(60),
                Duration.ZERO,
                1 << 20,
                10,
                1024,
                ConnectionDefaults.InboundOverflow.BACKPRESSURE,
                10,
                1024,
                10,
                false);
    }

    @Test
    void theComponentFieldWinsOverTheDefaultAndTinyIntervalsAreFloored() {
        RetryPolicy policy = new RetryPolicy(defaults(0, false), () -> 0.5);
        assertEquals(Duration.ofSeconds(10), policy.interval(null));
        assertEquals(Duration.ofSeconds(10), policy.interval(0f));
        assertEquals(Duration.ofSeconds(10), policy.interval(-3f));
        assertEquals(Duration.ofMillis(2500), policy.interval(2.5f));
        assertEquals(RetryPolicy.MIN_INTERVAL, policy.interval(0.001f));
    }

    @Test
    void jitterOnlyAddsUpToItsFraction() {
        assertEquals(
                Duration.ofMillis(2000),
                new RetryPolicy(defaults(0.1, false), () -> 0.0).delay(Duration.ofSeconds(2), 1));
        assertEquals(
                Duration.ofMillis(2100),
                new RetryPolicy(defaults(0.1, false), () -> 0.5).delay(Duration.ofSeconds(2), 1));
        assertEquals(
                Duration.ofMillis(2200),
                new RetryPolicy(defaults(0.1, false), () -> 0.99999)
                        .delay(Duration.ofSeconds(2), 7));
    }

    @Test
    void backoffDoublesUpToItsCapOnlyWhenEnabled() {
        RetryPolicy on = new RetryPolicy(defaults(0, true), () -> 0.0);
        assertEquals(Duration.ofSeconds(10), on.delay(Duration.ofSeconds(10), 1));
        assertEquals(Duration.ofSeconds(20), on.delay(Duration.ofSeconds(10), 2));
        assertEquals(Duration.ofSeconds(40), on.delay(Duration.ofSeconds(10), 3));
        assertEquals(Duration.ofSeconds(45), on.delay(Duration.ofSeconds(10), 4));
        assertEquals(Duration.ofSeconds(45), on.delay(Duration.ofSeconds(10), 30));
        // a cap below the interval never shortens it
        assertEquals(Duration.ofSeconds(60), on.delay(Duration.ofSeconds(60), 5));
        assertEquals(
                Duration.ofSeconds(10),
                new RetryPolicy(defaults(0, false), () -> 0.0).delay(Duration.ofSeconds(10), 9));
    }
}
