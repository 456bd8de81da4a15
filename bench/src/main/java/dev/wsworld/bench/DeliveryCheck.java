package dev.wsworld.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks what was delivered, not only how much: every stream message is {@code
 * CONNECTION:SEQUENCE:padding}, and each connection's sequence must arrive as 0, 1, 2, … with no
 * gap, duplicate or reordering. One connection's messages arrive on one thread at a time;
 * connections may arrive concurrently.
 */
final class DeliveryCheck {
    private final Map<String, AtomicLong> next = new ConcurrentHashMap<>();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong duplicatedOrReordered = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    void accept(String message) {
        int first = message.indexOf(':');
        int second = first < 0 ? -1 : message.indexOf(':', first + 1);
        if (second < 0) {
            malformed.incrementAndGet();
            return;
        }
        long sequence;
        try {
            sequence = Long.parseLong(message, first + 1, second, 10);
        } catch (NumberFormatException e) {
            malformed.incrementAndGet();
            return;
        }
        AtomicLong expected =
                next.computeIfAbsent(message.substring(0, first), id -> new AtomicLong());
        long want = expected.get();
        if (sequence == want) {
            expected.set(want + 1);
        } else if (sequence > want) {
            lost.addAndGet(sequence - want);
            expected.set(sequence + 1);
        } else {
            duplicatedOrReordered.incrementAndGet();
        }
    }

    /** How many messages each connection has had so far, by the server's connection number. */
    Map<String, Long> receivedByConnection() {
        Map<String, Long> received = new HashMap<>();
        next.forEach((connection, expected) -> received.put(connection, expected.get()));
        return received;
    }

    /**
     * Checks everything arrived.
     *
     * @return one line for the output, {@code lost=0 …}
     * @throws IllegalStateException when anything was lost, duplicated, reordered or malformed, or
     *     a connection did not get all its messages: the bench then fails
     */
    String verify(int connections, long perConnection) {
        long short_ = next.values().stream().filter(n -> n.get() != perConnection).count();
        String line =
                "lost="
                        + lost.get()
                        + " duplicatedOrReordered="
                        + duplicatedOrReordered.get()
                        + " malformed="
                        + malformed.get()
                        + " connections="
                        + next.size()
                        + "/"
                        + connections
                        + " incomplete="
                        + short_;
        if (lost.get() != 0
                || duplicatedOrReordered.get() != 0
                || malformed.get() != 0
                || next.size() != connections
                || short_ != 0) {
            throw new IllegalStateException("delivery check failed: " + line);
        }
        return line;
    }
}
