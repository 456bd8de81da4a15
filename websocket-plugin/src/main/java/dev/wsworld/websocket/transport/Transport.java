package dev.wsworld.websocket.transport;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The plugin's boundary to the network library. Nothing outside this package and its implementation
 * sees Jetty types.
 */
public interface Transport extends AutoCloseable {
    /**
     * Starts an attempt and returns at once; the outcome reaches {@code listener}. Never blocks on
     * the network.
     *
     * @return a handle that can abandon the attempt before it opens
     */
    PendingConnect connect(ConnectSpec spec, TransportListener listener);

    /**
     * Looks a host name up the way connecting would ({@code network.hosts} first, {@code localhost}
     * and {@code *.localhost} as loopback without asking DNS, then the system resolver), on a
     * network thread; never blocks the caller.
     *
     * @return the addresses, or fails with {@link java.net.UnknownHostException}
     */
    CompletionStage<List<InetAddress>> lookUp(String host);

    /** Number of currently open sessions. */
    int openSessions();

    /** Closes every session with 1001, waits for them up to the configured grace and stops. */
    @Override
    void close();

    /** An attempt in flight. */
    interface PendingConnect {
        /** Gives up on the attempt; if it opens anyway the session is closed at once. */
        void cancel();
    }
}
