package dev.wsworld.websocket.transport;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Consumer;

/** An open connection. Thread-safe. */
public interface TransportSession {
    /** Sends a text message; {@code done} gets {@code null} on success or the error text. */
    void sendText(String text, Consumer<String> done);

    void sendBinary(byte[] data, Consumer<String> done);

    /** Sends a ping; failures are ignored (the idle timeout or the close reports a dead peer). */
    void ping();

    /**
     * Reads on after a message callback returned false. Call it exactly once per pause; any thread.
     */
    void resumeReading();

    /** Starts the closing handshake; the listener's {@link TransportListener#onClosed} follows. */
    void close(int code, String reason);

    /** Drops the connection without a closing handshake. */
    void abort();

    /** Whether permessage-deflate was negotiated: messages may arrive compressed. */
    boolean compressed();

    /** The address this session is connected to; empty through a proxy. */
    Optional<InetAddress> remoteAddress();
}
