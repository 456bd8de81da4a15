package dev.wsworld.websocket.policy;

import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.websocket.failure.Failure;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Caps on what worlds can make users do: open connections per user and per world, and connection
 * attempts per user per minute. Thread-safe.
 */
public final class ConnectionLimits {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private int perUser;
    private int perWorld;
    private int attemptsPerMinute;
    private final LongSupplier clock;
    private final Map<String, Integer> byUser = new HashMap<>();
    private final Map<Object, Integer> byWorld = new HashMap<>();
    private final Map<String, Deque<Long>> attempts = new HashMap<>();

    public ConnectionLimits(
            int perUser, int perWorld, int attemptsPerMinute, LongSupplier nanoClock) {
        this.perUser = perUser;
        this.perWorld = perWorld;
        this.attemptsPerMinute = attemptsPerMinute;
        this.clock = nanoClock;
    }

    /** Takes a connection slot for an attempt, or says why not. */
    public synchronized Optional<Failure> acquire(String userId, Object world) {
        long now = clock.getAsLong();
        Deque<Long> recent = attempts.computeIfAbsent(userId, k -> new ArrayDeque<>());
        while (!recent.isEmpty() && now - recent.peekFirst() >= MINUTE_NANOS) {
            recent.removeFirst();
        }
        if (recent.size() >= attemptsPerMinute) {
            return Optional.of(
                    Failure.of(
                            FailureKind.RATE_LIMITED,
                            "limit reached: "
                                    + attemptsPerMinute
                                    + " connection attempts per minute for "
                                    + userId
                                    + " (limits.attemptsPerMinute)"));
        }
        if (byUser.getOrDefault(userId, 0) >= perUser) {
            return Optional.of(
                    Failure.of(
                            FailureKind.LIMIT,
                            "limit reached: "
                                    + perUser
                                    + " connections for "
                                    + userId
                                    + " (limits.connectionsPerUser)"));
        }
        if (byWorld.getOrDefault(world, 0) >= perWorld) {
            return Optional.of(
                    Failure.of(
                            FailureKind.LIMIT,
                            "limit reached: "
                                    + perWorld
                                    + " connections in this world (limits.connectionsPerWorld)"));
        }
        recent.addLast(now);
        byUser.merge(userId, 1, Integer::sum);
        byWorld.merge(world, 1, Integer::sum);
        return Optional.empty();
    }

    /** New caps for what comes next; connections already open stay. */
    public synchronized void updateCaps(int perUser, int perWorld, int attemptsPerMinute) {
        this.perUser = perUser;
        this.perWorld = perWorld;
        this.attemptsPerMinute = attemptsPerMinute;
    }

    public synchronized void release(String userId, Object world) {
        byUser.computeIfPresent(userId, (k, n) -> n <= 1 ? null : n - 1);
        byWorld.computeIfPresent(world, (k, n) -> n <= 1 ? null : n - 1);
    }

    public synchronized int connections(String userId) {
        return byUser.getOrDefault(userId, 0);
    }
}
