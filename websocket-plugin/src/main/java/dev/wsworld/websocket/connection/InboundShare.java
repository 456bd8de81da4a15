package dev.wsworld.websocket.connection;

/**
 * A connection's part of its world's inbound bound ({@code limits.worldInboundQueueLimit} and
 * {@code worldInboundQueueBytes}): back-pressure pauses its reading there when that is less than
 * its own bound. Any thread.
 */
public interface InboundShare {
    /** Received messages this connection may queue now. */
    int inboundShareMessages();

    /** Their size as received. */
    long inboundShareBytes();
}
