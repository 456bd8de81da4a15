package dev.wsworld.websocket.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.websocket.config.ConnectionDefaults;
import dev.wsworld.websocket.config.NetworkSettings;
import dev.wsworld.websocket.consent.ConsentGate;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.headers.Credential;
import dev.wsworld.websocket.headers.Header;
import dev.wsworld.websocket.headers.HostCredentials;
import dev.wsworld.websocket.policy.ConnectionLimits;
import dev.wsworld.websocket.policy.Destination;
import dev.wsworld.websocket.policy.DestinationPattern;
import dev.wsworld.websocket.policy.DestinationPolicy;
import dev.wsworld.websocket.testing.ExecutorTime;
import dev.wsworld.websocket.testing.FakeWorld;
import dev.wsworld.websocket.transport.CloseCode;
import dev.wsworld.websocket.transport.ConnectSpec;
import dev.wsworld.websocket.transport.Transport;
import dev.wsworld.websocket.transport.TransportListener;
import dev.wsworld.websocket.transport.TransportSession;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The state machine on its own, with the network replaced by a transport the test drives. */
class ClientConnectionTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final FakeTransport transport = new FakeTransport();
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger updateRequests = new AtomicInteger();
    private final FakeWorld world = new FakeWorld();
    private final FakeWorld.FakeUser alice = world.user("alice", true);
    private CompletableFuture<ConsentAnswer> pendingConsent;
    private ConsentAnswer consentAnswer = ConsentAnswer.GRANTED_ONCE;
    private DestinationPolicy policy = DestinationPolicy.permissive();
    private ConnectionLimits limits = new ConnectionLimits(100, 100, 100, System::nanoTime);
    private Duration keepAlivePing = Duration.ZERO;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private int inboundLimit = 100;
    private int promptsPerMinute = 100;
    private Duration recheckAfter = Duration.ofSeconds(60);
    private Optional<NetworkSettings.Proxy> proxy = Optional.empty();
    private HostCredentials credentials = HostCredentials.NONE;
    private List<Header> worldHeaders = List.of();
    private Duration retryInterval = Duration.ofMinutes(5);

    /** The host has no ConsentPrompt extension. */
    private boolean withoutPrompt;

    private long inboundBytes = 1 << 20;
    private ConnectionDefaults.InboundOverflow overflow =
            ConnectionDefaults.InboundOverflow.BACKPRESSURE;
    private final InboundFlow flow = new InboundFlow();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private ClientConnection connection(int outboundLimit) {
        ConnectionDefaults defaults =
                new ConnectionDefaults(
                        Duration.ofMinutes(5),
                        new ConnectionDefaults.Retry(0, false, 2, Duration.ofMinutes(5)),
                        Duration.ofSeconds(5),
                        idleTimeout,
                        keepAlivePing,
                        1 << 20,
                        inboundLimit,
                        inboundBytes,
                        overflow,
                        outboundLimit,
                        1L << 20,
                        1000,
                        false);
        List<dev.wsworld.api.extension.ConsentPrompt> prompts =
                List.of(
                        request -> {
                            pendingConsent = new CompletableFuture<>();
                            if (consentAnswer != null) {
                                pendingConsent.complete(consentAnswer);
                            }
                            return pendingConsent;
                        });
        ConsentGate gate =
                new ConsentGate(
                        () -> withoutPrompt ? List.of() : prompts,
                        List::of,
                        promptsPerMinute,
                        System::nanoTime);
        // asked on every decision, like the plugin's runtime: a test can change the policy in
        // between
        return new ClientConnection(
                () ->
                        new ConnectionServices(
                                transport,
                                new ExecutorTime(timers),
                                gate,
                                new RetryPolicy(defaults, () -> 0),
                                defaults,
                                new NetworkSettings(
                                        false,
                                        Map.of(),
                                        32,
                                        20_000,
                                        Duration.ofSeconds(30),
                                        recheckAfter,
                                        Optional.empty(),
                                        proxy),
                                policy,
                                limits,
                                flow,
                                credentials),
                new Recorder(),
                updateRequests::incrementAndGet);
    }

    private ConnectTarget target(String url) throws Exception {
        return new ConnectTarget(
                Destination.parse(URI.create(url)),
                alice,
                "why",
                retryInterval,
                List.of(),
                "gadget",
                "gadget",
                world,
                false,
                worldHeaders);
    }

    private ClientConnection connected(int outboundLimit) throws Exception {
        ClientConnection connection = connection(outboundLimit);
        connection.open(target("ws://127.0.0.1:1/a"));
        connection.drain(100); // the consent answer
        transport.last().listener.onOpen(transport.last().session, "");
        connection.drain(100);
        assertEquals(ConnectionState.CONNECTED, connection.state());
        events.clear();
        return connection;
    }

    @Test
    void messagesReceivedBeforeACloseAreReportedBeforeIt() throws Exception {
        ClientConnection connection = connected(10);
        TransportListener net = transport.last().listener;
        net.onText("a", 1);
        net.onBinary(new byte[] {1});
        net.onText("b", 1);
        net.onClosed(1000, "bye", true);
        connection.drain(100);
        assertEquals(
                List.of(
                        "text a",
                        "binary 01",
                        "text b",
                        "state RetryWaiting",
                        "disconnected 1000 bye true",
                        "retryScheduled"),
                events);
    }

    @Test
    void aPeerThatStopsAnsweringKeepAlivePingsIsDroppedAsAbnormalClose() throws Exception {
        keepAlivePing = Duration.ofMillis(20);
        idleTimeout = Duration.ofMillis(60);
        ClientConnection connection = connected(10);
        FakeSession session = transport.last().session;
        drainUntil(connection, () -> events.stream().anyMatch(e -> e.startsWith("disconnected")));
        assertEquals(
                List.of(
                        "state RetryWaiting",
                        "disconnected 1006 no reply to keep-alive pings for 60 ms false",
                        "retryScheduled"),
                events);
        assertTrue(session.pings.get() >= 3, "pinged before giving up: " + session.pings);
        assertTrue(session.aborted, "the socket is dropped, not closed politely");
    }

    @Test
    void pongsAndMessagesKeepAPingedConnectionAlive() throws Exception {
        keepAlivePing = Duration.ofMillis(20);
        idleTimeout = Duration.ofMillis(60);
        ClientConnection connection = connected(10);
        FakeSession session = transport.last().session;
        TransportListener net = transport.last().listener;
        session.onPing =
                () -> {
                    if (session.pings.get() % 2 == 0) {
                        net.onPong();
                    } else {
                        net.onText("still here", 10);
                    }
                };
        // thirty intervals: ten times the deadline
        drainUntil(connection, () -> session.pings.get() >= 30);
        assertFalse(events.stream().anyMatch(e -> e.startsWith("disconnected")), events.toString());
        assertEquals(ConnectionState.CONNECTED, connection.state());
    }

    /** Plays the world thread, draining until {@code done} or a generous timeout. */
    private static void drainUntil(ClientConnection connection, BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            connection.drain(100);
            Thread.sleep(2);
        }
        connection.drain(100);
    }

    @Test
    void theDeliveryBudgetSpreadsEventsOverTicksInOrder() throws Exception {
        ClientConnection connection = connected(10);
        for (int i = 0; i < 10; i++) {
            transport.last().listener.onText("m" + i, 2);
        }
        connection.drain(3);
        assertEquals(List.of("text m0", "text m1", "text m2"), events);
        connection.drain(100);
        assertEquals(10, events.size());
        assertEquals("text m9", events.get(9));
    }

    @Test
    void aFullOutboundQueueFailsTheSendAndKeepsTheConnection() throws Exception {
        ClientConnection connection = connected(2);
        connection.sendText("one");
        connection.sendText("two");
        connection.sendText("three");
        assertEquals(
                List.of(
                        "sendStart 1",
                        "sendStart 2",
                        "sendStart 3",
                        "sendError 3 queueFull: outbound queue full: 2 messages are waiting for the"
                                + " network (outboundQueueLimit)"),
                events);
        assertEquals(List.of("one", "two"), transport.last().session.sent);
        transport.last().session.complete(0, null);
        connection.drain(100);
        connection.sendText("four");
        assertEquals(List.of("one", "two", "four"), transport.last().session.sent);
        assertEquals(ConnectionState.CONNECTED, connection.state());
    }

    @Test
    void sendsStillInFlightFailWhenTheConnectionClosesBeforeTheDisconnect() throws Exception {
        ClientConnection connection = connected(10);
        connection.sendText("one");
        connection.sendBinary(new byte[] {9});
        transport.last().listener.onClosed(1006, "gone", false);
        transport.last().session.complete(0, "late failure");
        connection.drain(100);
        assertEquals(
                List.of(
                        "sendStart 1",
                        "sendStart 2",
                        "state RetryWaiting",
                        "sendError 1 closed: connection closed before the message was sent",
                        "sendError 2 closed: connection closed before the message was sent",
                        "disconnected 1006 gone false",
                        "retryScheduled"),
                events);
    }

    @Test
    void anAttemptOvertakenByANewTargetIsClosedAndNeverReported() throws Exception {
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a"));
        connection.drain(100);
        FakeAttempt first = transport.last();
        connection.open(target("ws://127.0.0.1:1/b"));
        connection.drain(100);
        assertTrue(first.cancelled, "the first attempt was not cancelled");
        first.listener.onOpen(first.session, "");
        first.listener.onText("stale", 5);
        connection.drain(100);
        assertEquals(List.of(1000), first.session.closedWith);
        assertFalse(
                events.stream().anyMatch(e -> e.startsWith("connected") || e.contains("stale")),
                events.toString());
    }

    @Test
    void aConsentAnswerArrivingAfterTheComponentWasDisabledConnectsNothing() throws Exception {
        consentAnswer = null; // the prompt stays open
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a"));
        assertEquals(ConnectionState.AWAITING_CONSENT, connection.state());
        connection.stop(ConnectionState.DISABLED, CloseCode.NORMAL, "disabled");
        pendingConsent.complete(ConsentAnswer.GRANTED_ONCE);
        connection.drain(100);
        assertEquals(0, transport.attempts.size());
        assertEquals(ConnectionState.DISABLED, connection.state());
    }

    @Test
    void aPromptStillPendingIsWithdrawnWhenTheComponentStopsWaiting() throws Exception {
        consentAnswer = null; // the prompt stays open
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a"));
        events.clear();
        connection.stop(ConnectionState.STOPPED, CloseCode.GOING_AWAY, "component removed");
        assertEquals(List.of("consentWithdrawn ws://127.0.0.1:1", "state Stopped"), events);
        pendingConsent.complete(ConsentAnswer.GRANTED_ALWAYS);
        connection.drain(100);
        assertEquals(0, transport.attempts.size(), "a withdrawn prompt connects nothing");
    }

    @Test
    void aDenialSettlesWithoutAnAttempt() throws Exception {
        consentAnswer = ConsentAnswer.DENIED;
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a"));
        connection.drain(100);
        assertEquals(ConnectionState.DENIED, connection.state());
        assertTrue(events.contains("denied alice denied"), events.toString());
        assertEquals(0, transport.attempts.size());
    }

    @Test
    void aBlockedDestinationIsReportedWithItsRuleAndNeverAttempted() throws Exception {
        policy =
                new DestinationPolicy(
                        List.of(),
                        List.of(DestinationPattern.parse("ws://127.0.0.1:*")),
                        false,
                        false);
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a"));
        connection.drain(100);
        assertEquals(ConnectionState.BLOCKED, connection.state());
        assertEquals(
                List.of(
                        "state Blocked",
                        "connectFailed blocked: denylist entry 'ws://127.0.0.1:*'"),
                events);
        assertEquals(0, transport.attempts.size());
    }

    @Test
    void anAllowlistedDestinationIsConnectedWithoutAPrompt() throws Exception {
        consentAnswer = null;
        policy =
                new DestinationPolicy(
                        List.of(DestinationPattern.parse("ws://127.0.0.1:1")),
                        List.of(),
                        false,
                        true);
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a"));
        assertEquals(1, transport.attempts.size());
        assertFalse(events.contains("consentRequested"), events.toString());
    }

    @Test
    void aHostCredentialReplacesTheWorldsHeaderOfItsNameAndTheWorldHearsItOncePerTarget()
            throws Exception {
        credentials =
                new HostCredentials(
                        List.of(
                                new Credential(
                                        DestinationPattern.parse("ws://127.0.0.1:1"),
                                        List.of(new Header("Authorization", "Bearer host")))));
        worldHeaders =
                List.of(new Header("authorization", "Bearer world"), new Header("X-World", "w"));
        retryInterval = Duration.ofMillis(100);
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a"));
        connection.drain(100);
        List<Header> expected =
                List.of(new Header("X-World", "w"), new Header("Authorization", "Bearer host"));
        assertEquals(expected, transport.specs.get(0).headers());
        transport.last().listener.onConnectFailed(Failure.of(FailureKind.TCP, "refused"));
        drainUntil(connection, () -> transport.attempts.size() == 2);
        assertEquals(expected, transport.specs.get(1).headers(), "the retry sends the same");
        assertEquals(
                List.of(
                        "error headerDropped: the Headers field's authorization is not sent: this"
                                + " host sends its own authorization to this destination"),
                events.stream().filter(e -> e.startsWith("error")).toList(),
                "said once for the target, not again on the retry: " + events);
    }

    @Test
    void aCredentialIsNotSentToADestinationItsPatternDoesNotMatch() throws Exception {
        credentials =
                new HostCredentials(
                        List.of(
                                new Credential(
                                        DestinationPattern.parse("ws://127.0.0.1:2"),
                                        List.of(new Header("Authorization", "Bearer host")))));
        worldHeaders = List.of(new Header("Authorization", "Bearer world"));
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a"));
        connection.drain(100);
        assertEquals(worldHeaders, transport.specs.get(0).headers());
        assertFalse(events.stream().anyMatch(e -> e.startsWith("error")), events.toString());
    }

    @Test
    void aResolverRefusalBlocksWithoutRetryAndFreesTheSlot() throws Exception {
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a"));
        connection.drain(100);
        assertEquals(1, limits.connections("alice"));
        transport
                .last()
                .listener
                .onConnectFailed(
                        Failure.of(
                                FailureKind.BLOCKED, "evil.test resolves to 127.0.0.1, loopback"));
        connection.drain(100);
        assertEquals(ConnectionState.BLOCKED, connection.state());
        assertTrue(
                events.contains("connectFailed blocked: evil.test resolves to 127.0.0.1, loopback"),
                events.toString());
        assertFalse(events.contains("retryScheduled"));
        assertEquals(0, limits.connections("alice"));
    }

    @Test
    void overTheConnectionCapTheAttemptIsRefusedAndRetriedLater() throws Exception {
        limits = new ConnectionLimits(1, 100, 100, System::nanoTime);
        ClientConnection first = connection(10);
        first.open(target("ws://127.0.0.1:1/a"));
        first.drain(100);
        ClientConnection second = connection(10);
        events.clear();
        second.open(target("ws://127.0.0.1:1/b"));
        second.drain(100);
        assertEquals(ConnectionState.RETRY_WAITING, second.state());
        assertTrue(
                events.contains(
                        "connectFailed limit: limit reached: 1 connections for alice"
                                + " (limits.connectionsPerUser)"),
                events.toString());
        assertEquals(1, transport.attempts.size());
        first.stop(ConnectionState.STOPPED, CloseCode.GOING_AWAY, "gone");
        assertEquals(0, limits.connections("alice"), "a stopped component gives its slot back");
    }

    @Test
    void aDestinationBlockedByANewConfigurationIsClosedAndSettles() throws Exception {
        ClientConnection connection = connected(10);
        FakeAttempt open = transport.last();
        policy =
                new DestinationPolicy(
                        List.of(),
                        List.of(DestinationPattern.parse("ws://127.0.0.1:*")),
                        false,
                        false);
        connection.recheckPolicy();
        assertEquals(ConnectionState.BLOCKED, connection.state());
        assertEquals(List.of(1000), open.session.closedWith);
        open.listener.onClosed(1000, "blocked by configuration", true);
        connection.drain(100);
        assertEquals(
                List.of(
                        "state Blocked",
                        "connectFailed blocked: denylist entry 'ws://127.0.0.1:*'",
                        "disconnected 1000 blocked by configuration true"),
                events);
        assertEquals(ConnectionState.BLOCKED, connection.state(), "no retry after a policy block");
    }

    @Test
    void anOpenSocketIsCheckedByTheAddressItIsConnectedTo() throws Exception {
        ClientConnection connection = connected(10);
        policy = new DestinationPolicy(List.of(), List.of(), false, true); // 127.0.0.1 is loopback
        connection.recheckPolicy();
        assertEquals(ConnectionState.BLOCKED, connection.state());
        assertTrue(
                events.get(1).startsWith("connectFailed blocked: address 127.0.0.1 loopback"),
                events.toString());
    }

    @Test
    void aFullInboxPausesReadingUntilTheWorldHasTakenHalf() throws Exception {
        inboundLimit = 4;
        ClientConnection connection = connected(10);
        TransportListener net = transport.last().listener;
        FakeSession session = transport.last().session;
        assertTrue(net.onText("m1", 2));
        assertTrue(net.onText("m2", 2));
        assertTrue(net.onText("m3", 2));
        assertFalse(net.onText("m4", 2), "the fourth message fills the inbox: reading pauses");
        assertEquals(1, flow.pausedNow());
        connection.drain(1);
        assertEquals(0, session.resumes.get(), "three still wait: more than half");
        connection.drain(1);
        assertEquals(1, session.resumes.get(), "two wait: half taken, reading resumes once");
        connection.drain(100);
        assertEquals(1, session.resumes.get());
        assertEquals(0, flow.pausedNow());
        assertEquals(1, flow.pauses());
        assertEquals(
                List.of("text m1", "text m2", "text m3", "text m4"),
                events,
                "nothing lost, nothing reordered");
    }

    @Test
    void inAWorldWhereManyWaitReadingPausesAtThisConnectionsPartOfTheWorldsBound()
            throws Exception {
        inboundLimit = 1_000;
        ClientConnection connection = connected(10);
        WorldDelivery world =
                new WorldDelivery(
                        () -> 1_000_000L,
                        () -> new WorldDelivery.InboundBounds(40, 1L << 30, 2, 1),
                        System::nanoTime);
        connection.joinWorld(world);
        for (int i = 0; i < 9; i++) {
            world.ready(connection); // nine others wait as well: 40 / 10 = 4 each
        }
        world.ready(connection);
        TransportListener net = transport.last().listener;
        assertTrue(net.onText("m1", 2));
        assertTrue(net.onText("m2", 2));
        assertTrue(net.onText("m3", 2));
        assertFalse(net.onText("m4", 2), "four is this connection's part, not its own 1,000");
        connection.drain(2);
        assertEquals(1, transport.last().session.resumes.get(), "half of the part taken");
    }

    @Test
    void withOverflowCloseTheWorldsBoundNeverClosesAConnection() throws Exception {
        inboundLimit = 100;
        overflow = ConnectionDefaults.InboundOverflow.CLOSE;
        ClientConnection connection = connected(10);
        WorldDelivery world =
                new WorldDelivery(
                        () -> 1_000_000L,
                        () -> new WorldDelivery.InboundBounds(10, 1L << 30, 2, 1),
                        System::nanoTime);
        connection.joinWorld(world);
        TransportListener net = transport.last().listener;
        for (int i = 1; i <= 20; i++) {
            assertTrue(net.onText("m" + i, 2));
        }
        assertEquals(List.of(), transport.last().session.closedWith, "own bound of 100 not met");
    }

    @Test
    void theInboxIsBoundedByBytesAsWellAsByCount() throws Exception {
        inboundBytes = 100;
        ClientConnection connection = connected(10);
        TransportListener net = transport.last().listener;
        assertTrue(net.onBinary(new byte[60]));
        assertFalse(net.onBinary(new byte[60]), "120 bytes waiting, over the 100-byte bound");
        assertEquals(120, connection.queuedInboundBytes());
        connection.drain(1);
        assertEquals(
                0,
                transport.last().session.resumes.get(),
                "60 bytes still wait: more than half of 100");
        connection.drain(1);
        assertEquals(1, transport.last().session.resumes.get());
    }

    @Test
    void withOverflowCloseAFullInboxClosesWith1008AndSaysWhatWasDeliveredAndDiscarded()
            throws Exception {
        inboundLimit = 3;
        overflow = ConnectionDefaults.InboundOverflow.CLOSE;
        ClientConnection connection = connected(10);
        TransportListener net = transport.last().listener;
        for (int i = 1; i <= 5; i++) {
            assertTrue(net.onText("m" + i, 2), "close mode never pauses");
        }
        assertEquals(List.of(1008), transport.last().session.closedWith);
        net.onClosed(1008, "inbound queue overflow", true);
        connection.drain(100);
        assertEquals(
                List.of("text m1", "text m2", "text m3", "state RetryWaiting"),
                events.subList(0, 4));
        String error = events.get(4);
        assertTrue(error.startsWith("error overflow: inbound queue overflow"), error);
        assertTrue(
                error.endsWith(
                        "Delivered 3 message(s) from this connection; discarded 2 received after"
                                + " the overflow"),
                error);
        assertEquals("disconnected 1008 inbound queue overflow true", events.get(5));
    }

    @Test
    void goingInertReportsWhatArrivedThenDisconnectedBeforeStopped() throws Exception {
        ClientConnection connection = connected(10);
        FakeAttempt open = transport.last();
        open.listener.onText("last words", 10);
        connection.stop(ConnectionState.STOPPED, CloseCode.GOING_AWAY, "component removed");
        assertEquals(List.of(1001), open.session.closedWith);
        assertEquals(
                List.of(
                        "text last words",
                        "disconnected 1001 component removed false",
                        "state Stopped"),
                events);
        assertEquals(0, limits.connections("alice"));
    }

    @Test
    void aShutdownCloseIsReportedWithTheServersAnswerThenSettlesStoppedWithoutRetry()
            throws Exception {
        ClientConnection connection = connected(10);
        FakeAttempt open = transport.last();
        connection.closeForShutdown(CloseCode.GOING_AWAY, "plugin stopped");
        assertEquals(ConnectionState.CLOSING, connection.state());
        open.listener.onText("in flight", 9);
        open.listener.onClosed(1001, "plugin stopped", true);
        connection.drain(100);
        assertEquals(
                List.of(
                        "state Closing",
                        "text in flight",
                        "disconnected 1001 plugin stopped true",
                        "state Stopped"),
                events);
        connection.stop(ConnectionState.STOPPED, CloseCode.GOING_AWAY, "plugin stopped");
        assertEquals(
                4,
                events.size(),
                "the detach after a completed shutdown close reports nothing twice: " + events);
    }

    @Test
    void aUrlChangeReportsTheOldSocketsCloseBeforeAnythingAboutTheNewDestination()
            throws Exception {
        ClientConnection connection = connected(10);
        FakeAttempt old = transport.last();
        connection.open(target("ws://127.0.0.2:2/b"));
        connection.drain(100);
        assertEquals(
                List.of("state Closing"),
                events,
                "nothing about the new destination while the old one closes");
        old.listener.onClosed(1000, "reconnecting", true);
        connection.drain(100);
        assertEquals("disconnected 1000 reconnecting true", events.get(1), events.toString());
        assertTrue(events.indexOf("consentRequested") > 1, events.toString());
        assertEquals(2, transport.attempts.size(), "then the new destination is connected");
    }

    @Test
    void aRateLimitedPromptIsAskedAgainOnceTheWindowHasRoom() throws Exception {
        consentAnswer = null;
        promptsPerMinute = 1;
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a")); // the one prompt of this minute
        events.clear();
        connection.open(target("ws://127.0.0.2:1/b"));
        assertEquals(ConnectionState.RETRY_WAITING, connection.state());
        assertEquals(
                "consentWithdrawn ws://127.0.0.1:1",
                events.get(0),
                "the first prompt is no longer needed");
        assertTrue(
                events.get(1)
                        .startsWith(
                                "connectFailed rateLimited: too many consent prompts for alice"),
                events.toString());
        assertEquals(
                "retryScheduled " + 60_000,
                events.get(events.size() - 1),
                "asked again once the minute is over");
        assertFalse(
                events.stream().anyMatch(e -> e.startsWith("denied")),
                "the user denied nothing: " + events);
    }

    @Test
    void lastErrorSaysWhenTheRetryComesInWordsPeopleRead() {
        assertEquals("0.0 s", RetryPolicy.delayText(Duration.ZERO));
        assertEquals("10.3 s", RetryPolicy.delayText(Duration.ofMillis(10_295)));
        assertEquals("59.9 s", RetryPolicy.delayText(Duration.ofMillis(59_940)));
        assertEquals("1 min", RetryPolicy.delayText(Duration.ofMillis(59_960)));
        assertEquals("2 min 30 s", RetryPolicy.delayText(Duration.ofSeconds(150)));
    }

    @Test
    void theConnectionDecidesWhetherAWantedTargetNeedsANewConnection() throws Exception {
        ClientConnection connection = connected(10);
        connection.want(target("ws://127.0.0.1:1/a"), false);
        assertEquals(1, transport.attempts.size(), "the same target: the open connection stays");
        assertEquals(List.of(), events);

        transport.last().listener.onClosed(1006, "gone", false);
        connection.drain(100);
        assertEquals(ConnectionState.RETRY_WAITING, connection.state());
        connection.want(target("ws://127.0.0.1:1/a"), false);
        assertEquals(1, transport.attempts.size(), "a failed connection waits for its retry");
        connection.want(target("ws://127.0.0.1:1/a"), true);
        connection.drain(100);
        assertEquals(2, transport.attempts.size(), "the Connect node tries again at once");
    }

    @Test
    void aNameThatCanOnlyBeRefusedIsBlockedBeforeAnyoneIsAsked() throws Exception {
        policy = new DestinationPolicy(List.of(), List.of(), false, true);
        transport.names.put("evil.test", List.of(java.net.InetAddress.getByName("127.0.0.1")));
        ClientConnection connection = connection(10);
        connection.open(target("ws://evil.test:1/a"));
        connection.drain(100);
        assertEquals(ConnectionState.BLOCKED, connection.state());
        assertFalse(
                events.contains("consentRequested"),
                "asked about a destination that can only be refused: " + events);
        assertTrue(
                events.contains(
                        "connectFailed blocked: evil.test resolves to 127.0.0.1, loopback"
                            + " (127.0.0.0/8) (network.blockPrivateAddresses; an allowlist entry"
                            + " naming this host lifts it)"),
                events.toString());
        assertEquals(0, transport.attempts.size());
    }

    @Test
    void aNameThatDoesNotResolveFailsAndIsRetriedWithoutAPrompt() throws Exception {
        ClientConnection connection = connection(10);
        connection.open(target("ws://nowhere.test:1/a"));
        connection.drain(100);
        assertEquals(
                List.of(
                        "state Resolving",
                        "connectFailed dns: UnknownHostException: cannot resolve nowhere.test",
                        "state RetryWaiting",
                        "retryScheduled"),
                events);
        assertEquals(0, transport.attempts.size());
    }

    @Test
    void aHostWithoutAConsentPromptRefusesWithNoPromptNotIgnored() throws Exception {
        withoutPrompt = true;
        ClientConnection connection = connection(10);
        connection.open(target("ws://127.0.0.1:1/a"));
        connection.drain(100);
        assertEquals(ConnectionState.DENIED, connection.state());
        assertTrue(events.contains("denied alice noPrompt"), events.toString());
        assertEquals(
                "consent: nobody was asked: this host has no consent prompt (ConsentPrompt"
                        + " extension)",
                connection.lastError());
        assertEquals(0, transport.attempts.size());
    }

    private static NetworkSettings.Proxy proxy(String... bypass) {
        return new NetworkSettings.Proxy(
                NetworkSettings.Proxy.Type.HTTP,
                "127.0.0.1",
                3128,
                Optional.empty(),
                null,
                java.util.Arrays.stream(bypass).map(DestinationPattern::parse).toList());
    }

    @Test
    void throughAProxyANameThatDoesNotResolveHereIsLeftToTheProxy() throws Exception {
        proxy = Optional.of(proxy());
        policy = new DestinationPolicy(List.of(), List.of(), false, true);
        ClientConnection connection = connection(10);
        connection.open(target("ws://intranet.test:1/a"));
        connection.drain(100);
        connection.drain(100);
        assertEquals(
                List.of(
                        "state Resolving",
                        "state AwaitingConsent",
                        "consentRequested",
                        "state Connecting"),
                events);
        assertEquals(
                List.of(),
                transport.specs.get(0).addresses(),
                "no address: the proxy resolves the name");
    }

    @Test
    void throughAProxyANameThatResolvesHereToABlockedAddressIsStillRefused() throws Exception {
        proxy = Optional.of(proxy());
        policy = new DestinationPolicy(List.of(), List.of(), false, true);
        transport.names.put("evil.test", List.of(java.net.InetAddress.getByName("10.1.2.3")));
        ClientConnection connection = connection(10);
        connection.open(target("ws://evil.test:1/a"));
        connection.drain(100);
        assertEquals(ConnectionState.BLOCKED, connection.state());
        assertFalse(events.contains("consentRequested"), events.toString());
        assertEquals(0, transport.attempts.size());
    }

    @Test
    void aBypassedNameThatDoesNotResolveFailsAsWithoutAProxy() throws Exception {
        proxy = Optional.of(proxy("ws://*.test:*"));
        ClientConnection connection = connection(10);
        connection.open(target("ws://nowhere.test:1/a"));
        connection.drain(100);
        assertEquals(
                List.of(
                        "state Resolving",
                        "connectFailed dns: UnknownHostException: cannot resolve nowhere.test",
                        "state RetryWaiting",
                        "retryScheduled"),
                events);
    }

    @Test
    void aCheckedNameIsAskedAboutThenConnectedToExactlyTheCheckedAddresses() throws Exception {
        java.net.InetAddress address = java.net.InetAddress.getByName("93.184.216.34");
        transport.names.put("chat.test", List.of(address));
        ClientConnection connection = connection(10);
        connection.open(target("ws://chat.test:1/a"));
        connection.drain(100); // the look-up, then the consent answer
        connection.drain(100);
        assertEquals(
                List.of(
                        "state Resolving",
                        "state AwaitingConsent",
                        "consentRequested",
                        "state Connecting"),
                events);
        assertEquals(List.of(address), transport.specs.get(0).addresses());
        assertEquals(List.of("chat.test"), transport.lookedUp, "looked up once");
    }

    @Test
    void anAnswerThatComesLongAfterTheCheckIsCheckedAgainBeforeConnecting() throws Exception {
        recheckAfter = Duration.ofNanos(1); // every answer comes "long" after the check
        consentAnswer = null;
        policy = new DestinationPolicy(List.of(), List.of(), false, true);
        transport.names.put("chat.test", List.of(java.net.InetAddress.getByName("93.184.216.34")));
        ClientConnection connection = connection(10);
        connection.open(target("ws://chat.test:1/a"));
        connection.drain(100);
        assertEquals(ConnectionState.AWAITING_CONSENT, connection.state());
        // meanwhile the name moved to a blocked address (rebinding)
        transport.names.put("chat.test", List.of(java.net.InetAddress.getByName("127.0.0.1")));
        Thread.sleep(1);
        pendingConsent.complete(ConsentAnswer.GRANTED_ONCE);
        connection.drain(100);
        connection.drain(100);
        assertEquals(
                List.of("chat.test", "chat.test"),
                transport.lookedUp,
                "looked up again before connecting");
        assertEquals(ConnectionState.BLOCKED, connection.state());
        assertEquals(
                0, transport.attempts.size(), "never connected to an address that was not checked");
    }

    // ------------------------------------------------------------ fakes

    private final class Recorder implements ConnectionObserver {
        @Override
        public void stateChanged(ConnectionState state, String lastError) {
            events.add("state " + state.displayName());
        }

        @Override
        public void connected(String subprotocol, boolean compressed) {
            events.add(compressed ? "connected compressed" : "connected");
        }

        @Override
        public void text(String data) {
            events.add("text " + data);
        }

        @Override
        public void binary(byte[] data) {
            events.add("binary " + java.util.HexFormat.of().formatHex(data));
        }

        @Override
        public void disconnected(int code, String reason, boolean clean) {
            events.add("disconnected " + code + " " + reason + " " + clean);
        }

        @Override
        public void connectFailed(Failure failure) {
            events.add("connectFailed " + failure);
        }

        @Override
        public void consentRequested(ConsentRequest request) {
            events.add("consentRequested");
        }

        @Override
        public void denied(String userId, ConsentAnswer answer) {
            events.add("denied " + userId + " " + answer.eventWord());
        }

        @Override
        public void consentWithdrawn(ConsentRequest request) {
            events.add("consentWithdrawn " + request.destination());
        }

        @Override
        public void hostAccessGranted(HostAccessRequest request) {
            events.add("hostAccessGranted " + request.host() + ":" + request.port());
        }

        @Override
        public void hostAccessDenied(HostAccessRequest request, String reason) {
            events.add("hostAccessDenied " + reason);
        }

        @Override
        public void hostAccessIgnored(HostAccessRequest request, String reason) {
            events.add("hostAccessIgnored " + reason);
        }

        @Override
        public void retryScheduled(Duration delay) {
            events.add(
                    delay.toMillis() >= 59_000 && delay.toMillis() <= 60_000
                            ? "retryScheduled " + 60_000
                            : "retryScheduled");
        }

        @Override
        public void sendStarted(long id, String kind, int length) {
            events.add("sendStart " + id);
        }

        @Override
        public void sent(long id) {
            events.add("sent " + id);
        }

        @Override
        public void sendFailed(long id, Failure failure) {
            events.add("sendError " + id + " " + failure);
        }

        @Override
        public void error(Failure failure) {
            events.add("error " + failure);
        }
    }

    static final class FakeTransport implements Transport {
        final List<FakeAttempt> attempts = new ArrayList<>();
        final List<ConnectSpec> specs = new ArrayList<>();

        /** What each name looks up to; a name not here cannot be resolved. */
        final java.util.Map<String, List<java.net.InetAddress>> names = new java.util.HashMap<>();

        final List<String> lookedUp = new ArrayList<>();

        @Override
        public java.util.concurrent.CompletionStage<List<java.net.InetAddress>> lookUp(
                String host) {
            lookedUp.add(host);
            List<java.net.InetAddress> addresses = names.get(host);
            return addresses == null
                    ? CompletableFuture.failedFuture(
                            new java.net.UnknownHostException("cannot resolve " + host))
                    : CompletableFuture.completedFuture(addresses);
        }

        @Override
        public PendingConnect connect(ConnectSpec spec, TransportListener listener) {
            FakeAttempt attempt = new FakeAttempt(listener);
            attempts.add(attempt);
            specs.add(spec);
            return () -> attempt.cancelled = true;
        }

        FakeAttempt last() {
            return attempts.get(attempts.size() - 1);
        }

        @Override
        public int openSessions() {
            return 0;
        }

        @Override
        public void close() {}
    }

    static final class FakeAttempt {
        final TransportListener listener;
        final FakeSession session = new FakeSession();
        boolean cancelled;

        FakeAttempt(TransportListener listener) {
            this.listener = listener;
        }
    }

    static final class FakeSession implements TransportSession {
        final List<String> sent = new ArrayList<>();
        final List<Consumer<String>> callbacks = new ArrayList<>();
        final List<Integer> closedWith = new ArrayList<>();
        final AtomicInteger pings = new AtomicInteger();
        volatile Runnable onPing = () -> {};
        volatile boolean aborted;
        final AtomicInteger resumes = new AtomicInteger();

        @Override
        public void resumeReading() {
            resumes.incrementAndGet();
        }

        @Override
        public boolean compressed() {
            return false;
        }

        void complete(int index, String error) {
            callbacks.get(index).accept(error);
        }

        @Override
        public void sendText(String text, Consumer<String> done) {
            sent.add(text);
            callbacks.add(done);
        }

        @Override
        public void sendBinary(byte[] data, Consumer<String> done) {
            sent.add(java.util.HexFormat.of().formatHex(data));
            callbacks.add(done);
        }

        @Override
        public void ping() {
            pings.incrementAndGet();
            onPing.run();
        }

        @Override
        public void close(int code, String reason) {
            closedWith.add(code);
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public Optional<InetAddress> remoteAddress() {
            return Optional.of(InetAddress.getLoopbackAddress());
        }
    }
}
