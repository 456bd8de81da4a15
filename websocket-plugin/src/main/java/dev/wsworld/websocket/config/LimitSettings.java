package dev.wsworld.websocket.config;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.common.config.MappingReader;
import java.time.Duration;

/**
 * The {@code limits:} section: caps on what worlds can make users and hosts do. Each field is named
 * as its key, and {@link #read} holds each default.
 *
 * @param connectionsPerUser open connections (and attempts in flight) per person, across worlds
 * @param connectionsPerWorld the same per world
 * @param attemptsPerMinute connection attempts per person per minute, across worlds
 * @param promptsPerMinute consent prompts per person per minute, across worlds
 * @param deliveryTimePerTick world-thread time per tick that every WebsocketClient of one world
 *     shares for handing it what arrived; the rest waits for the next tick
 */
public record LimitSettings(
        int connectionsPerUser,
        int connectionsPerWorld,
        int attemptsPerMinute,
        int promptsPerMinute,
        Duration deliveryTimePerTick) {

    /**
     * The world-thread time per tick a world's WebsocketClients share for delivery: under a third
     * of a 60 Hz tick, so a flood leaves the rest of the tick to the world.
     */
    static final Duration DELIVERY_TIME_PER_TICK = Duration.ofMillis(5);

    static final Duration MAX_DELIVERY_TIME_PER_TICK = Duration.ofSeconds(1);

    static LimitSettings read(MappingReader l) throws ConfigException {
        LimitSettings limits =
                new LimitSettings(
                        l.intInRange("connectionsPerUser", 64, 1, SettingsLoader.MAX_COUNT),
                        l.intInRange("connectionsPerWorld", 20_000, 1, SettingsLoader.MAX_COUNT),
                        l.intInRange("attemptsPerMinute", 120, 1, SettingsLoader.MAX_COUNT),
                        l.intInRange("promptsPerMinute", 5, 1, 1000),
                        l.duration("deliveryTimePerTick", DELIVERY_TIME_PER_TICK, false));
        if (limits.deliveryTimePerTick().compareTo(MAX_DELIVERY_TIME_PER_TICK) > 0) {
            ConfigNode node = l.node("deliveryTimePerTick").orElseThrow();
            throw l.error(
                    "deliveryTimePerTick",
                    node,
                    "must be at most 1s (a world's whole tick is rarely longer) but is '"
                            + ((ConfigNode.Scalar) node).text()
                            + "'");
        }
        l.rejectUnknownKeys();
        return limits;
    }
}
