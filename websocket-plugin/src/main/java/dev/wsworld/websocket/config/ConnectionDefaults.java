package dev.wsworld.websocket.config;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.common.config.MappingReader;
import java.time.Duration;

/**
 * The {@code defaults:} section: what every connection uses unless its component says otherwise.
 * Each field is named as its key, and {@link #read} holds each default, in the order of the file.
 *
 * @param connectRetryInterval used when a component's ConnectRetryInterval is unset
 * @param retry how the wait before a retry grows and varies
 * @param connectTimeout limit for TCP connect, TLS and upgrade together
 * @param idleTimeout nothing received (or, without pings, sent) for this long means the peer is
 *     gone: pings are traffic to the transport, so with them on the plugin keeps this deadline
 * @param keepAlivePing client ping interval; {@link Duration#ZERO} is off
 * @param maxMessageSize largest inbound message; larger closes with 1009
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
        Retry retry,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration keepAlivePing,
        long maxMessageSize,
        int inboundQueueLimit,
        long inboundQueueBytes,
        InboundOverflow inboundOverflow,
        int outboundQueueLimit,
        long outboundQueueBytes,
        int deliveryBudgetPerTick,
        boolean compression) {

    /**
     * The largest {@code maxMessageSize}: a message is assembled in one array, far below its 2 GiB
     * ceiling.
     */
    static final long MAX_MESSAGE_SIZE_LIMIT = 256L * 1024 * 1024;

    /**
     * The {@code defaults.retry:} section.
     *
     * @param jitter fraction of the interval added at random (never subtracted)
     * @param backoff whether each consecutive failure multiplies the interval
     * @param backoffMultiplier by how much
     * @param backoffMax up to this wait
     */
    public record Retry(
            double jitter, boolean backoff, double backoffMultiplier, Duration backoffMax) {

        static Retry read(MappingReader retry) throws ConfigException {
            Retry read =
                    new Retry(
                            retry.number("jitter", 0.1, 0.0, 1.0),
                            retry.bool("backoff", false),
                            retry.number("backoffMultiplier", 2.0, 1.0, 100.0),
                            retry.duration("backoffMax", Duration.ofMinutes(5), false));
            retry.rejectUnknownKeys();
            return read;
        }
    }

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

    /** Reads the section; "known keys" in error messages lists the keys in this order. */
    static ConnectionDefaults read(MappingReader d) throws ConfigException {
        ConnectionDefaults read =
                new ConnectionDefaults(
                        d.duration("connectRetryInterval", Duration.ofSeconds(10), false),
                        Retry.read(d.mapping("retry")),
                        d.duration("connectTimeout", Duration.ofSeconds(15), false),
                        d.duration("idleTimeout", Duration.ofSeconds(60), false),
                        d.duration("keepAlivePing", Duration.ZERO, true),
                        maxMessageSize(d),
                        d.intInRange("inboundQueueLimit", 4096, 1, SettingsLoader.MAX_COUNT),
                        d.sizeInRange("inboundQueueBytes", 16L * 1024 * 1024, 1024, 1L << 30),
                        d.choice("inboundOverflow", InboundOverflow.class)
                                .orElse(InboundOverflow.BACKPRESSURE),
                        d.intInRange("outboundQueueLimit", 1024, 1, SettingsLoader.MAX_COUNT),
                        d.sizeInRange("outboundQueueBytes", 16L * 1024 * 1024, 1024, 1L << 30),
                        d.intInRange("deliveryBudgetPerTick", 256, 1, SettingsLoader.MAX_COUNT),
                        d.bool("compression", false));
        d.rejectUnknownKeys();
        return read;
    }

    private static long maxMessageSize(MappingReader d) throws ConfigException {
        long size = d.size("maxMessageSize", 1024 * 1024);
        if (size > MAX_MESSAGE_SIZE_LIMIT) {
            ConfigNode node = d.node("maxMessageSize").orElseThrow();
            throw d.error(
                    "maxMessageSize",
                    node,
                    "must be at most 256MiB (one message is assembled in memory) but is '"
                            + ((ConfigNode.Scalar) node).text()
                            + "'");
        }
        return size;
    }
}
