package dev.wsworld.websocket.config;

import java.time.Duration;

/**
 * Per-connection defaults and limits.
 *
 * @param connectRetryInterval used when a component's ConnectRetryInterval is unset
 * @param retryJitter fraction of the interval added at random (never subtracted)
 * @param backoff opt-in exponential backoff
 * @param keepAlivePing client ping interval; {@link Duration#ZERO} is off
 * @param keepAliveDeadline with pings on, nothing received for this long means the peer is gone
 *     (the idle timeout: pings are traffic to the transport, so its own idle timer never fires)
 * @param inboundQueueLimit received messages waiting for the world per component
 * @param inboundQueueBytes the same in bytes as received
 * @param inboundOverflow what happens when either inbound bound is reached
 * @param outboundQueueLimit sends waiting for the network per component; over it, sendError
 * @param outboundQueueBytes the same in bytes; a send that would pass it fails, alone
 * @param deliveryBudgetPerTick events handed to the world per component per tick
 * @param compression offer permessage-deflate when a component's Compression field is unset
 */
public record ConnectionDefaults(
        Duration connectRetryInterval,
        double retryJitter,
        Backoff backoff,
        Duration keepAlivePing,
        Duration keepAliveDeadline,
        int inboundQueueLimit,
        long inboundQueueBytes,
        InboundOverflow inboundOverflow,
        int outboundQueueLimit,
        long outboundQueueBytes,
        int deliveryBudgetPerTick,
        boolean compression) {

    /**
     * Each consecutive failure multiplies the interval by {@code multiplier}, up to {@code max}.
     */
    public record Backoff(boolean enabled, double multiplier, Duration max) {}

    /** What a full inbox does to the connection feeding it; written in the file in lower case. */
    public enum InboundOverflow {
        /**
         * Stop reading until the world has taken half of what waits: TCP slows the server, nothing
         * is lost.
         */
        BACKPRESSURE,
        /**
         * Close with 1008 and discard what arrives after (the behaviour before back-pressure
         * existed).
         */
        CLOSE
    }
}
