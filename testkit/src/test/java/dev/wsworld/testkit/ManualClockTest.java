package dev.wsworld.testkit;

import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.DELAY_MS;
import static dev.wsworld.api.websocketclient.WebsocketEvents.CONNECTED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.CONNECT_FAILED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.DISCONNECTED;
import static dev.wsworld.api.websocketclient.WebsocketEvents.RETRY_SCHEDULED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.host.HostTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The manual clock alone, then the plugin's timers on it. */
@WorldTest
class ManualClockTest {
    @Test
    void firesTimersInDueOrderOnlyWhenAdvancedEachAtItsDueTime() {
        ManualClock clock = new ManualClock();
        long origin = clock.nanoTime();
        List<String> fired = new ArrayList<>();
        clock.schedule(() -> fired.add("30s@" + since(origin, clock)), Duration.ofSeconds(30));
        clock.schedule(() -> fired.add("10s@" + since(origin, clock)), Duration.ofSeconds(10));
        HostTime.Timer cancelled =
                clock.schedule(() -> fired.add("cancelled"), Duration.ofSeconds(15));
        clock.schedule(
                () -> {
                    fired.add("20s@" + since(origin, clock));
                    // set by a timer, due within the same advance: fires in it
                    clock.schedule(
                            () -> fired.add("25s@" + since(origin, clock)), Duration.ofSeconds(5));
                },
                Duration.ofSeconds(20));
        cancelled.cancel();

        assertEquals(List.of(), fired, "nothing fires by itself");
        clock.advance(Duration.ofSeconds(12));
        assertEquals(List.of("10s@10000"), fired);
        assertEquals(Optional.of(Duration.ofSeconds(8)), clock.nextTimerIn());
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of("10s@10000", "20s@20000", "25s@25000", "30s@30000"), fired);
        assertEquals(Duration.ofSeconds(32), clock.elapsed());
        assertEquals(0, clock.pendingTimers());

        clock.schedule(() -> fired.add("now"), Duration.ZERO);
        clock.advance(Duration.ZERO);
        assertEquals("now", fired.get(fired.size() - 1));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }

    private static long since(long origin, ManualClock clock) {
        return (clock.nanoTime() - origin) / 1_000_000;
    }

    @Test
    @WorldConfig("defaults: { connectRetryInterval: 60s }")
    void aRetryComesAfterConnectRetryIntervalOnTheClockWithoutWaitingForIt(
            TestWorld world, WorldEvents events, ScriptedServer server, ManualClock clock) {
        server.enqueue(Script.accept().close(1011, "restarting"));
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());
        events.awaitEvent("Chat", CONNECTED);
        events.awaitEvent("Chat", DISCONNECTED);
        assertEquals(60_000L, events.awaitEvent("Chat", RETRY_SCHEDULED).get(DELAY_MS));

        clock.advance(Duration.ofSeconds(59));
        assertEquals(
                Optional.of(Duration.ofSeconds(1)),
                clock.nextTimerIn(),
                "the retry is still a second away on the clock");
        assertEquals(1, server.requests().size(), "no second attempt before the interval");

        clock.advance(Duration.ofSeconds(1));
        events.awaitEvent("Chat", CONNECTED); // the second connection
        assertEquals(2, server.requests().size());
        assertEquals(Duration.ofSeconds(60), clock.elapsed(), "60 s passed on the clock alone");
    }

    @Test
    @WorldConfig(
            "defaults: { connectRetryInterval: 10s, retry: { backoff: true, backoffMultiplier: 2 }"
                    + " }")
    void backOffDoublesEachDelayExactly(
            TestWorld world, WorldEvents events, ScriptedServer server, ManualClock clock) {
        server.defaultScript(Script.refuse(503));
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());

        List<Object> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            events.awaitEvent("Chat", CONNECT_FAILED);
            Object delay = events.awaitEvent("Chat", RETRY_SCHEDULED).get(DELAY_MS);
            delays.add(delay);
            clock.advance(Duration.ofMillis(((Number) delay).longValue()));
        }
        assertEquals(List.of(10_000L, 20_000L, 40_000L), delays);
        events.awaitEvent("Chat", CONNECT_FAILED); // the attempt the last advance let through
        assertEquals(4, server.requests().size());
        assertEquals(Duration.ofSeconds(70), clock.elapsed());
    }

    @Test
    @WorldConfig("defaults: { keepAlivePing: 20s }")
    void keepAlivePingsGoOutWhenTheClockSaysSo(
            TestWorld world, WorldEvents events, ScriptedServer server, ManualClock clock) {
        world.joinAsHost("alice");
        world.addClient("Chat", server.uri());
        events.awaitEvent("Chat", CONNECTED);
        ServerConnection connection = server.awaitConnection();
        assertTrue(connection.frames().isEmpty(), "no ping before the clock moves");

        clock.advance(Duration.ofSeconds(20));
        ClientFrame ping = connection.awaitFrame(ClientFrame.PING);
        assertTrue(ping.masked());
        clock.advance(Duration.ofSeconds(20));
        connection.awaitFrame(ClientFrame.PING); // the second
        assertEquals(
                2,
                connection.frames().stream().filter(f -> f.opcode() == ClientFrame.PING).count());
    }

    @Test
    void aWorldRunsOnRealTimeUnlessTheTestTakesAClock(TestWorld world) {
        assertTrue(world.clock().isEmpty());
    }
}
