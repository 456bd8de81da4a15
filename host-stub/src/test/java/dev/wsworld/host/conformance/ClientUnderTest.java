package dev.wsworld.host.conformance;

import java.net.URI;

/** A WebSocket client the suite judges: it connects, and reports what its user heard. */
interface ClientUnderTest extends AutoCloseable {
    String name();

    /**
     * Connects to {@code uri} and returns once the connection ended, failed or {@code
     * timeoutMillis} passed.
     *
     * @param compression offer permessage-deflate, for clients that can
     * @param echo send every message received back to the server, as it came
     */
    Observed run(URI uri, long timeoutMillis, boolean compression, boolean echo) throws Exception;
}
