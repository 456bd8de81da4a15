package dev.wsworld.websocket.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The inbox asks the world for one update per batch, and says since when an update has been awaited
 * (the stall check reads it).
 */
class InboxTest {
    private static Inbound item() {
        return new Inbound.LookedUp(1, List.of(), null, false);
    }

    @Test
    void anUpdateIsAskedForOncePerBatchAndAwaitedUntilTheWorldDrains() {
        AtomicInteger requests = new AtomicInteger();
        Inbox inbox = new Inbox(requests::incrementAndGet);
        assertEquals(0, inbox.updateAwaitedSince(), "nothing waits");
        long before = System.nanoTime();
        inbox.add(item());
        inbox.add(item());
        assertEquals(1, requests.get(), "one request for the batch");
        long since = inbox.updateAwaitedSince();
        assertTrue(since >= before && since <= System.nanoTime(), "awaited since the first item");
        inbox.beginDrain();
        while (inbox.poll() != null) {
            // the world takes everything
        }
        inbox.taken();
        assertEquals(0, inbox.updateAwaitedSince(), "the world updated: nothing is awaited");
        inbox.add(item());
        assertEquals(2, requests.get());
        assertTrue(inbox.updateAwaitedSince() != 0);
    }
}
