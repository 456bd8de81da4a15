package dev.wsworld.websocket.config;

import java.time.Duration;

/**
 * Caps on what worlds can make users and hosts do.
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
        Duration deliveryTimePerTick) {}
