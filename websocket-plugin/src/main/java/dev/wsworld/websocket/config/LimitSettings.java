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
 * @param worldInboundQueueLimit received messages all of one world's inboxes hold together before
 *     back-pressure pauses reading: each connection with messages waiting may queue an equal part
 *     (at least {@link #MIN_INBOUND_SHARE_MESSAGES}, at most its own {@code inboundQueueLimit})
 * @param worldInboundQueueBytes the same in bytes as received (each part at least {@link
 *     #MIN_INBOUND_SHARE_BYTES})
 */
public record LimitSettings(
        int connectionsPerUser,
        int connectionsPerWorld,
        int attemptsPerMinute,
        int promptsPerMinute,
        Duration deliveryTimePerTick,
        int worldInboundQueueLimit,
        long worldInboundQueueBytes) {

    /** However many connections wait, each may queue this many messages: it always reads on. */
    public static final int MIN_INBOUND_SHARE_MESSAGES = 16;

    /** However many connections wait, each may queue this many bytes. */
    public static final long MIN_INBOUND_SHARE_BYTES = 64 * 1024;

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
                        l.duration("deliveryTimePerTick", DELIVERY_TIME_PER_TICK, false),
                        l.intInRange(
                                "worldInboundQueueLimit",
                                16_384,
                                MIN_INBOUND_SHARE_MESSAGES,
                                SettingsLoader.MAX_COUNT),
                        l.sizeInRange(
                                "worldInboundQueueBytes",
                                64L * 1024 * 1024,
                                MIN_INBOUND_SHARE_BYTES,
                                1L << 34));
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
