package dev.wsworld.websocket.transport;

/**
 * The plugin's boundary to the network library. Nothing outside this package and its
 * implementation sees Jetty types.
 */
public interface Transport extends AutoCloseable {
    /**
     * Starts an attempt and returns at once; the outcome reaches {@code listener}. Never blocks on
     * the network.
     *
     * @return a handle that can abandon the attempt before it opens
     */
    PendingConnect connect(ConnectSpec spec, TransportListener listener);

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
