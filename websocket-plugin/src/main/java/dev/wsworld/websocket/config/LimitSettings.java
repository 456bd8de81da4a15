package dev.wsworld.websocket.config;

/**
 * Caps on what worlds can make users do.
 *
 * @param connectionsPerUser open connections (and attempts in flight) per handling user
 * @param connectionsPerWorld the same per world
 * @param attemptsPerMinute connection attempts per handling user per minute
 * @param promptsPerMinute consent prompts per user per minute
 */
public record LimitSettings(
        int connectionsPerUser,
        int connectionsPerWorld,
        int attemptsPerMinute,
        int promptsPerMinute) {}
