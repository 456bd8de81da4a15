package dev.wsworld.websocket.config;

import java.time.Duration;

/**
 * Per-connection defaults and limits.
 *
 * @param connectRetryInterval  used when a component's ConnectRetryInterval is unset
 * @param retryJitter           fraction of the interval added at random (never subtracted)
 * @param backoff               opt-in exponential backoff
 * @param keepAlivePing         client ping interval; {@link Duration#ZERO} is off
 * @param keepAliveDeadline     with pings on, nothing received for this long means the peer is gone (the idle
 *                              timeout: pings are traffic to the transport, so its own idle timer never fires)
 * @param inboundQueueLimit     received messages waiting for the world per component; over it, close 1008
 * @param outboundQueueLimit    sends waiting for the network per component; over it, sendError
 * @param deliveryBudgetPerTick events handed to the world per component per tick
 */
public record ConnectionDefaults(Duration connectRetryInterval, double retryJitter, Backoff backoff,
                                 Duration keepAlivePing, Duration keepAliveDeadline, int inboundQueueLimit, int outboundQueueLimit,
                                 int deliveryBudgetPerTick) {

    /** Each consecutive failure multiplies the interval by {@code multiplier}, up to {@code max}. */
    public record Backoff(boolean enabled, double multiplier, Duration max) {
    }
}
