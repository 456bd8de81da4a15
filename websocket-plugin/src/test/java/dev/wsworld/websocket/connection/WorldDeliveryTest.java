package dev.wsworld.websocket.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.websocket.config.ConnectionDefaults;
import dev.wsworld.websocket.config.NetworkSettings;
import dev.wsworld.websocket.consent.ConsentGate;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.headers.HostCredentials;
import dev.wsworld.websocket.policy.ConnectionLimits;
import dev.wsworld.websocket.policy.Destination;
import dev.wsworld.websocket.policy.DestinationPattern;
import dev.wsworld.websocket.policy.DestinationPolicy;
import dev.wsworld.websocket.testing.ExecutorTime;
import dev.wsworld.websocket.testing.FakeWorld;
import dev.wsworld.websocket.transport.TransportListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A world's delivery share on a clock the test drives: every event handed over "costs" 1 µs of
 * world-thread time, nothing else does, and the world's budget is 50 µs a tick.
 */
class WorldDeliveryTest {
    private static final long COST_NANOS = 1_000;
    private static final long BUDGET_NANOS = 50_000;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ClientConnectionTest.FakeTransport transport =
            new ClientConnectionTest.FakeTransport();
    private final FakeWorld world = new FakeWorld();
    private final FakeWorld.FakeUser alice = world.user("alice", true);

    /** Advances by one event's cost for every event handed over. */
    private long now;

    private long budgetNanos = BUDGET_NANOS;

    private final WorldDelivery delivery = new WorldDelivery(() -> budgetNanos, () -> now);

    /** Every text handed to the world, as "connection:message". */
    private final List<String> delivered = new ArrayList<>();

    /** Updates each connection asked for. */
    private final List<AtomicInteger> updateRequests = new ArrayList<>();

    private int perComponentBudget = 1_000_000;

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void eachWaitingConnectionMayQueueAnEqualPartOfTheWorldsInboundBound() {
        WorldDelivery bounded =
                new WorldDelivery(
                        () -> budgetNanos,
                        () -> new WorldDelivery.InboundBounds(1_000, 1_000_000, 16, 4_096),
                        () -> now);
        assertEquals(1_000, bounded.inboundShareMessages(), "nobody waits: one connection's part");
        List<ClientConnection> flooding = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ClientConnection connection = connected("f" + i, 0);
            flooding.add(connection);
            bounded.ready(connection);
        }
        assertEquals(100, bounded.inboundShareMessages(), "arrivals count at once");
        assertEquals(100_000, bounded.inboundShareBytes());
        for (int i = 0; i < 190; i++) {
            bounded.ready(connected("g" + i, 0));
        }
        assertEquals(16, bounded.inboundShareMessages(), "never below the minimum");
        assertEquals(5_000, bounded.inboundShareBytes());
    }

    @Test
    void withoutAWorldBoundEachConnectionKeepsItsOwn() {
        delivery.ready(connected("f", 0));
        assertEquals(Integer.MAX_VALUE, delivery.inboundShareMessages());
    }

    @Test
    void aTicksWorkStaysWithinTheBudgetHoweverManyConnectionsFlood() {
        List<ClientConnection> flooding = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            flooding.add(connected("f" + i, 20));
        }
        serveEveryoneWhoAsked(flooding, 1);
        assertTrue(
                delivered.size() <= BUDGET_NANOS / COST_NANOS + 1,
                "one tick handed over " + delivered.size() + " events, past the budget's 51");
        assertTrue(delivery.ticksAtBudget() == 0, "counted when the tick is over");
        serveEveryoneWhoAsked(flooding, 2);
        assertEquals(1, delivery.ticksAtBudget());
    }

    @Test
    void whileTheBudgetAllowsEveryWaitingConnectionIsServedEveryTick() {
        budgetNanos = 1_000_000; // a thousand events a tick, for 201 connections
        List<ClientConnection> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(connected("f" + i, 1_000));
        }
        all.add(connected("quiet", 1));
        serveEveryoneWhoAsked(all, 1);
        assertTrue(delivered.contains("quiet:0"), "the quiet connection waited past one tick");
        for (int i = 0; i < 200; i++) {
            assertTrue(delivered.contains("f" + i + ":0"), "f" + i + " got nothing this tick");
        }
    }

    @Test
    void whenTheBudgetIsShortTheTurnGoesRoundSoTheWaitIsBoundedByTheCrowd() {
        List<ClientConnection> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(connected("f" + i, 100));
        }
        all.add(connected("quiet", 1)); // the last in the turn
        // 50 events a tick and one at least a turn: the turn goes round 201 connections in
        // 201 / 50 ticks, rounded up
        for (long tick = 1; tick <= 5; tick++) {
            serveEveryoneWhoAsked(all, tick);
        }
        assertTrue(delivered.contains("quiet:0"), "not heard in 5 ticks");
    }

    @Test
    void everyEventArrivesExactlyOnceAndInOrderWhateverTheBudgetDoes() {
        List<ClientConnection> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(connected("c" + i, 40));
        }
        for (long tick = 1; tick <= 200 && delivered.size() < 30 * 40; tick++) {
            serveEveryoneWhoAsked(all, tick);
        }
        assertEquals(30 * 40, delivered.size());
        for (int i = 0; i < 30; i++) {
            String prefix = "c" + i + ":";
            List<String> own = delivered.stream().filter(e -> e.startsWith(prefix)).toList();
            for (int m = 0; m < 40; m++) {
                assertEquals(prefix + m, own.get(m));
            }
        }
    }

    @Test
    void eachConnectionAlsoKeepsItsOwnCountPerTick() {
        perComponentBudget = 3;
        ClientConnection only = connected("only", 10);
        serveEveryoneWhoAsked(List.of(only), 1);
        assertEquals(3, delivered.size(), "deliveryBudgetPerTick still caps one component");
        serveEveryoneWhoAsked(List.of(only), 2);
        assertEquals(6, delivered.size());
    }

    @Test
    void aConnectionLeftWaitingAsksForTheNextTick() {
        List<ClientConnection> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(connected("c" + i, 100));
        }
        int asked = updateRequests.stream().mapToInt(AtomicInteger::get).sum();
        delivery.serve(all.get(0), 1);
        assertTrue(
                updateRequests.stream().mapToInt(AtomicInteger::get).sum() > asked,
                "events left over must bring another update, or they would wait for new ones");
    }

    /**
     * Plays one tick of the host: every connection that asked for an update since the last tick
     * gets its {@code onUpdate}, which is {@link WorldDelivery#serve}.
     */
    private void serveEveryoneWhoAsked(List<ClientConnection> connections, long tick) {
        List<ClientConnection> due = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            AtomicInteger requests = updateRequests.get(i + firstIndex(connections));
            if (requests.getAndSet(0) > 0) {
                due.add(connections.get(i));
            }
        }
        for (ClientConnection connection : due) {
            delivery.serve(connection, tick);
        }
    }

    private final List<ClientConnection> created = new ArrayList<>();

    private int firstIndex(List<ClientConnection> connections) {
        return created.indexOf(connections.get(0));
    }

    /** An open connection named {@code name} with {@code messages} texts waiting. */
    private ClientConnection connected(String name, int messages) {
        AtomicInteger requests = new AtomicInteger();
        updateRequests.add(requests);
        ClientConnection[] self = new ClientConnection[1];
        ClientConnection connection =
                new ClientConnection(
                        this::services,
                        new Collector(name),
                        () -> { // as the behaviour does: the share hears first, then the host
                            delivery.ready(self[0]);
                            requests.incrementAndGet();
                        });
        self[0] = connection;
        created.add(connection);
        try {
            connection.open(
                    new ConnectTarget(
                            Destination.parse(URI.create("ws://127.0.0.1:1/" + name)),
                            alice,
                            "",
                            Duration.ofMinutes(5),
                            List.of(),
                            name,
                            name,
                            world,
                            false,
                            List.of()));
        } catch (Destination.InvalidDestinationException e) {
            throw new AssertionError(e);
        }
        TransportListener net = transport.last().listener;
        net.onOpen(transport.last().session, "");
        connection.drain(10); // the open
        requests.set(0);
        for (int m = 0; m < messages; m++) {
            net.onText(String.valueOf(m), 1);
        }
        return connection;
    }

    private ConnectionServices services() {
        ConnectionDefaults defaults =
                new ConnectionDefaults(
                        Duration.ofMinutes(5),
                        new ConnectionDefaults.Retry(0, false, 2, Duration.ofMinutes(5)),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(60),
                        Duration.ZERO,
                        1 << 20,
                        100_000,
                        1L << 30,
                        ConnectionDefaults.InboundOverflow.BACKPRESSURE,
                        10,
                        1L << 20,
                        perComponentBudget,
                        false);
        return new ConnectionServices(
                transport,
                new ExecutorTime(timers),
                new ConsentGate(List::of, List::of, 5, System::nanoTime),
                new RetryPolicy(defaults, () -> 0),
                defaults,
                new NetworkSettings(
                        false,
                        Map.of(),
                        32,
                        20_000,
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(60),
                        Optional.empty(),
                        Optional.empty()),
                new DestinationPolicy(
                        List.of(DestinationPattern.parse("ws://127.0.0.1:1")),
                        List.of(),
                        false,
                        false),
                LIMITS,
                new InboundFlow(),
                HostCredentials.NONE);
    }

    private static final ConnectionLimits LIMITS =
            new ConnectionLimits(100_000, 100_000, 100_000, System::nanoTime);

    /** Keeps the texts a connection hands over; ignores the rest. */
    private final class Collector implements ConnectionObserver {
        private final String name;

        Collector(String name) {
            this.name = name;
        }

        @Override
        public void text(String data) {
            delivered.add(name + ":" + data);
            now += COST_NANOS;
        }

        @Override
        public void stateChanged(ConnectionState state, String lastError) {}

        @Override
        public void connected(String subprotocol, boolean compressed) {}

        @Override
        public void binary(byte[] data) {}

        @Override
        public void disconnected(int code, String reason, boolean clean) {}

        @Override
        public void connectFailed(Failure failure) {}

        @Override
        public void consentRequested(ConsentRequest request) {}

        @Override
        public void denied(String userId, ConsentAnswer answer) {}

        @Override
        public void consentWithdrawn(ConsentRequest request) {}

        @Override
        public void hostAccessGranted(HostAccessRequest request) {}

        @Override
        public void hostAccessDenied(HostAccessRequest request, String reason) {}

        @Override
        public void hostAccessIgnored(HostAccessRequest request, String reason) {}

        @Override
        public void retryScheduled(Duration delay) {}

        @Override
        public void sendStarted(long id, String kind, int length) {}

        @Override
        public void sent(long id) {}

        @Override
        public void sendFailed(long id, Failure failure) {}

        @Override
        public void error(Failure failure) {}
    }
}
