package dev.wsworld.websocket.connection;

import dev.wsworld.api.host.HostTime;
import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.api.websocketclient.HostAccessScope;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import dev.wsworld.websocket.connection.Lifecycle.Move;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.headers.HostCredentials;
import dev.wsworld.websocket.policy.PolicyDecision;
import dev.wsworld.websocket.transport.CloseCode;
import dev.wsworld.websocket.transport.ConnectSpec;
import dev.wsworld.websocket.transport.TransportSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One WebsocketClient's connection: the socket's life, from a wanted target to its close and retry.
 * Whether a target may be connected at all is {@link Admission}'s; sends are the {@link Outbox}'s;
 * the state and which moves are legal are the {@link Lifecycle}'s.
 *
 * <p>Lock rule: none. Every field is the world thread's: changes happen in {@link #open}, {@link
 * #want}, {@link #stop}, {@link #settle}, the send methods and {@link #deliver}; network threads
 * and timers only add to the {@link Inbox}. The few figures diagnostics read from other threads are
 * volatile. Outcomes reach the {@link ConnectionObserver} in the order they happened.
 */
public final class ClientConnection {
    private final Supplier<ConnectionServices> services;
    private final ConnectionObserver observer;
    private final Lifecycle lifecycle;
    private final Inbox inbox;
    private final Admission admission;
    private final Outbox outbox;
    private final HostAccess hostAccess;

    /** The open socket negotiated permessage-deflate. World thread writes; diagnostics read. */
    private volatile boolean compressed;

    private ConnectTarget target;

    /** The attempt the state describes; {@code null} when none is in flight or open. */
    private Attempt current;

    /** An open attempt closing at the world's request, and the state to settle in once closed. */
    private Attempt closing;

    private Move afterClose = Move.IDLE;

    /** The current target waits for {@link #closing} to finish, so its events follow the old's. */
    private boolean proceedWhenClosed;

    /** Attempts holding a slot in the connection limits, released when they end. */
    private final List<Attempt> holding = new ArrayList<>(2);

    /**
     * The world's header names the target's upgrades leave out for a host credential, as last
     * reported: said once per target, not on every retry.
     */
    private List<String> reportedDropped = List.of();

    private long retryTicket;
    private HostTime.Timer retryTimer;
    private int consecutiveFailures;

    /** The tick {@link #deliveredInTick} counts for. */
    private long countedTick = -1;

    private int deliveredInTick;

    /**
     * @param services what the plugin currently provides; asked each time, so a configuration
     *     reload applies to the next decision
     * @param requestUpdate asks the world for a {@link #deliver} at its next tick; any thread
     */
    public ClientConnection(
            Supplier<ConnectionServices> services,
            ConnectionObserver observer,
            Runnable requestUpdate) {
        this.services = services;
        this.observer = observer;
        this.lifecycle = new Lifecycle(observer);
        this.inbox = new Inbox(requestUpdate);
        this.admission = new Admission(services, observer, lifecycle, inbox, new Outcomes());
        this.outbox = new Outbox(services, observer);
        this.hostAccess = new HostAccess(services, observer, inbox);
    }

    /**
     * Request Host Access: asks {@code user} ahead of a connection whether this object may connect
     * to {@code host:port} with the schemes of {@code scope}; see {@link HostAccess}.
     */
    public void requestHostAccess(
            World world,
            User user,
            String objectName,
            String slotPath,
            String host,
            int port,
            HostAccessScope scope,
            String reason) {
        hostAccess.start(world, user, objectName, slotPath, host, port, scope, reason);
    }

    public ConnectionState state() {
        return lifecycle.state();
    }

    public String lastError() {
        return lifecycle.lastError();
    }

    public Optional<ConnectTarget> target() {
        return Optional.ofNullable(target);
    }

    /** Received messages waiting for the world. Any thread. */
    public int queuedInbound() {
        return inbox.queuedMessages();
    }

    /** Their size as received. Any thread. */
    public long queuedInboundBytes() {
        return inbox.queuedBytes();
    }

    /** Since when this connection's events have waited for the world's update, or 0. Any thread. */
    public long updateAwaitedSince() {
        return inbox.updateAwaitedSince();
    }

    /**
     * Whether the open socket negotiated permessage-deflate; false when none is open. Any thread.
     */
    public boolean compressed() {
        return compressed;
    }

    /** Sends handed to the network and not yet confirmed. Any thread. */
    public int queuedOutbound() {
        return outbox.unsettled();
    }

    /** Their bytes. Any thread. */
    public long queuedOutboundBytes() {
        return outbox.unsettledBytes();
    }

    /**
     * Connects to {@code next}, closing what is open first. Consent is asked again only when the
     * destination or the user changed.
     */
    public void open(ConnectTarget next) {
        if (lifecycle.stopped()) {
            return;
        }
        boolean sameConsentScope =
                target != null && next.consentScope().equals(target.consentScope());
        teardown(CloseCode.NORMAL, "reconnecting", null);
        if (!sameConsentScope) {
            admission.revokeConsent();
        }
        target = next;
        consecutiveFailures = 0;
        reportedDropped = List.of();
        if (closing != null) {
            // the old socket's disconnected comes first: nothing is said about the new destination
            // before it
            proceedWhenClosed = true;
            lifecycle.move(Move.CLOSE, lifecycle.lastError());
            return;
        }
        admission.check(target);
    }

    /**
     * The component's fields ask for a connection to {@code next}: decides whether what is in
     * flight or settled stays, or a new connection is opened. A target that differs only in reason
     * or retry interval is taken without reconnecting; a connection that is open, being opened,
     * waiting for consent or closing to make way for it stays; one that failed, was denied or was
     * blocked waits for its retry or a relevant change, unless {@code retryNow} (the Connect node)
     * asks to try again at once.
     */
    public void want(ConnectTarget next, boolean retryNow) {
        ConnectionState state = lifecycle.state();
        boolean inFlight =
                state == ConnectionState.CONNECTED
                        || state == ConnectionState.CONNECTING
                        || state == ConnectionState.AWAITING_CONSENT
                        || state == ConnectionState.CLOSING;
        boolean settledHere =
                state == ConnectionState.RETRY_WAITING
                        || state == ConnectionState.DENIED
                        || state == ConnectionState.BLOCKED;
        if (refresh(next) && (inFlight || (settledHere && !retryNow))) {
            return;
        }
        open(next);
    }

    /** Takes a new target that needs no new connection; returns whether it did. */
    private boolean refresh(ConnectTarget next) {
        if (target == null || next.needsReconnectFrom(target)) {
            return false;
        }
        target = next;
        return true;
    }

    /**
     * Closes at the world's request and stays in {@code finalState} ({@link ConnectionState#IDLE},
     * {@link ConnectionState#DISABLED} or {@link ConnectionState#STOPPED}) without retrying. An
     * open socket passes through {@link ConnectionState#CLOSING} until its close completes and
     * {@code disconnected} is reported. STOPPED is the exception: the component goes inert now, so
     * what already arrived is delivered at once, then {@code disconnected}, then the state.
     */
    public void stop(ConnectionState finalState, CloseCode code, String reason) {
        if (lifecycle.stopped()) {
            return;
        }
        target = null;
        admission.revokeConsent();
        Move settle = Move.to(finalState);
        teardown(code, reason, settle);
        if (finalState == ConnectionState.STOPPED) {
            finishNow(code, reason);
        } else if (closing != null) {
            lifecycle.move(Move.CLOSE, lifecycle.lastError());
        } else {
            lifecycle.move(settle, lifecycle.lastError());
        }
    }

    /**
     * The plugin is stopping: closes what is open with {@code code} and settles as {@link
     * ConnectionState#STOPPED} once the close completed, reporting {@code disconnected} as any
     * close; at once when nothing is open. Until then messages are still delivered. Nothing is
     * retried, and nothing new is tried: the component is about to be detached.
     */
    public void closeForShutdown(CloseCode code, String reason) {
        if (lifecycle.stopped()) {
            return;
        }
        hostAccess.withdrawAll();
        target = null;
        admission.revokeConsent();
        teardown(code, reason, Move.STOP);
        lifecycle.move(closing != null ? Move.CLOSE : Move.STOP, lifecycle.lastError());
    }

    /**
     * Goes inert now: delivers what already arrived (messages, send outcomes, a close), reports
     * {@code disconnected} for a socket whose close did not complete, with the code and reason it
     * was closed with, gives back every limit slot and settles as STOPPED. The socket is dropped if
     * the peer has not answered the close within the close grace.
     */
    private void finishNow(CloseCode code, String reason) {
        hostAccess.withdrawAll();
        for (Inbound item; (item = inbox.poll()) != null; ) {
            handle(item);
        }
        inbox.taken();
        Attempt open = closing;
        closing = null;
        if (open != null && open.delivers()) {
            TransportSession session = open.session;
            try {
                services.get()
                        .time()
                        .schedule(session::abort, services.get().network().closeGrace());
            } catch (RuntimeException e) {
                session.abort(); // the timers are gone already: the plugin is stopping
            }
            // closed with this code and reason; not clean, as nothing waits for the answer
            report(open, code.code(), reason, false);
        }
        for (Attempt attempt : List.copyOf(holding)) {
            release(attempt);
        }
        inbox.clear();
        lifecycle.move(Move.STOP, lifecycle.lastError());
    }

    /**
     * Gives up without retrying until something relevant changes: no handling user present ({@link
     * ConnectionState#WAITING_FOR_USER}) or a URL that cannot be used ({@link
     * ConnectionState#BLOCKED}).
     */
    public void settle(ConnectionState settled, String lastError) {
        if (lifecycle.stopped()) {
            return;
        }
        target = null;
        admission.revokeConsent();
        teardown(CloseCode.NORMAL, lastError.isEmpty() ? "no handling user" : lastError, null);
        lifecycle.move(Move.to(settled), lastError);
    }

    /**
     * The configuration changed: a destination that became blocked is closed and settles as {@link
     * ConnectionState#BLOCKED}. Open sockets are checked by the address they are connected to.
     */
    public void recheckPolicy() {
        ConnectionState state = lifecycle.state();
        if (target == null || state == ConnectionState.BLOCKED || lifecycle.stopped()) {
            return;
        }
        PolicyDecision decision = services.get().policy().check(target.destination());
        Optional<String> refusal =
                decision.verdict() == PolicyDecision.Verdict.BLOCKED
                        ? Optional.of(decision.reason())
                        : Optional.empty();
        Attempt open = current;
        if (refusal.isEmpty() && open != null && open.session != null) {
            refusal =
                    open.session
                            .remoteAddress()
                            .flatMap(
                                    address ->
                                            services.get()
                                                    .policy()
                                                    .checkResolved(
                                                            target.destination().scheme(),
                                                            target.destination().host(),
                                                            target.destination().port(),
                                                            List.of(address)));
        }
        if (refusal.isPresent()) {
            admission.revokeConsent();
            teardown(CloseCode.NORMAL, "blocked by configuration", Move.BLOCK);
            admission.block(refusal.get());
        }
    }

    public long sendText(String text) {
        return outbox.sendText(current, lifecycle.state(), text);
    }

    public long sendBinary(byte[] data) {
        return outbox.sendBinary(current, lifecycle.state(), data);
    }

    /**
     * Hands queued events to the observer until nothing waits, {@code maxItems} were handed, this
     * tick's per-component budget is spent, or the clock passes {@code deadlineNanos} (checked
     * after each event: at least one is handed). A connection whose reading was paused reads on
     * once the world has taken enough.
     *
     * @param tick the world's tick, for the per-component budget
     * @return whether events are left
     */
    public boolean deliver(long tick, int maxItems, long deadlineNanos, LongSupplier clock) {
        if (tick != countedTick) {
            countedTick = tick;
            deliveredInTick = 0;
        }
        int allowed =
                Math.min(
                        maxItems,
                        services.get().defaults().deliveryBudgetPerTick() - deliveredInTick);
        inbox.beginDrain();
        int handled = 0;
        for (Inbound item; handled < allowed && (item = inbox.poll()) != null; ) {
            handle(item);
            handled++;
            if (clock.getAsLong() - deadlineNanos >= 0) {
                break;
            }
        }
        deliveredInTick += handled;
        inbox.taken();
        resumeReading(current);
        resumeReading(closing);
        return !inbox.isEmpty();
    }

    /** Whether the connection is inert for good (its component went away or the plugin stopped). */
    boolean stopped() {
        return lifecycle.stopped();
    }

    /** Whether events were handed over in {@code tick}. */
    boolean servedIn(long tick) {
        return tick == countedTick;
    }

    /** Whether this tick's per-component budget has room. */
    boolean mayDeliverIn(long tick) {
        return tick != countedTick
                || deliveredInTick < services.get().defaults().deliveryBudgetPerTick();
    }

    /** Asks the world for an update at its next tick, for events left waiting. */
    void continueNextTick() {
        inbox.continueNextTick();
    }

    /** Hands at most {@code budget} queued events to the observer (tests and simple hosts). */
    public void drain(int budget) {
        deliver(Long.MIN_VALUE, budget, Long.MAX_VALUE, () -> 0);
        countedTick = -1;
    }

    private static void resumeReading(Attempt attempt) {
        if (attempt != null && attempt.announced) {
            attempt.resumeIfDrained();
        }
    }

    // ---------------------------------------------------------------- the socket's life

    /** Connects now, or once the socket being closed has finished closing. */
    private void connectAfterClose() {
        if (closing != null) {
            proceedWhenClosed = true;
            lifecycle.move(Move.CLOSE, lifecycle.lastError());
        } else {
            connect();
        }
    }

    private void connect() {
        if (!admission.stillChecked(target)) {
            return; // looked up again; connects once the addresses pass
        }
        Optional<Failure> refused =
                services.get().limits().acquire(target.user().id(), target.world());
        if (refused.isPresent()) {
            observer.connectFailed(refused.get());
            retryLater(refused.get());
            return;
        }
        Attempt attempt =
                new Attempt(target, inbox, services.get().defaults(), services.get().flow());
        attempt.holdsLimit = true;
        holding.add(attempt);
        current = attempt;
        lifecycle.move(Move.CONNECT, lifecycle.lastError());
        HostCredentials.Handshake handshake =
                services.get().credentials().handshake(target.destination(), target.headers());
        reportDropped(handshake.dropped());
        ConnectSpec spec =
                new ConnectSpec(
                        target.destination().uri(),
                        target.subprotocols(),
                        services.get().defaults().connectTimeout(),
                        admission.checkedAddresses(),
                        target.compression(),
                        handshake.headers());
        attempt.pending = services.get().transport().connect(spec, attempt);
    }

    /** Tells the world which of its headers give way to the host's, once for each change. */
    private void reportDropped(List<String> dropped) {
        if (dropped.equals(reportedDropped)) {
            return;
        }
        reportedDropped = dropped;
        for (String name : dropped) {
            observer.error(
                    Failure.of(
                            FailureKind.HEADER_DROPPED,
                            "the Headers field's "
                                    + name
                                    + " is not sent: this host sends its own "
                                    + name
                                    + " to this destination"));
        }
    }

    private void handle(Inbound item) {
        if (item instanceof Inbound.Text text) {
            if (text.attempt().delivers()) {
                text.attempt().delivered++;
                observer.text(text.data());
            }
        } else if (item instanceof Inbound.Binary binary) {
            if (binary.attempt().delivers()) {
                binary.attempt().delivered++;
                observer.binary(binary.data());
            }
        } else if (item instanceof Inbound.SendDone done) {
            outbox.onSendDone(done);
        } else if (item instanceof Inbound.Opened opened) {
            onOpened(opened.attempt(), opened.session(), opened.subprotocol());
        } else if (item instanceof Inbound.Closed closed) {
            onClosed(closed.attempt(), closed.code(), closed.reason(), closed.clean());
        } else if (item instanceof Inbound.ConnectFailed failed) {
            onConnectFailed(failed.attempt(), failed.failure());
        } else if (item instanceof Inbound.ConsentAnswered answered) {
            admission.onConsentAnswered(answered, target);
        } else if (item instanceof Inbound.DropSocket drop) {
            Attempt attempt = drop.attempt();
            if (attempt.delivers()) {
                if (attempt.session != null) {
                    attempt.session.abort();
                }
                onClosed(attempt, CloseCode.ABNORMAL.code(), drop.reason(), false);
            }
        } else if (item instanceof Inbound.HostAccessLookedUp looked) {
            hostAccess.onLookedUp(looked);
        } else if (item instanceof Inbound.HostAccessAnswered answered) {
            hostAccess.onAnswered(answered);
        } else if (item instanceof Inbound.LookedUp looked) {
            admission.onLookedUp(looked, target);
        } else if (item instanceof Inbound.RetryDue due) {
            if (due.ticket() == retryTicket
                    && lifecycle.state() == ConnectionState.RETRY_WAITING
                    && target != null) {
                if (admission.consentGiven()) {
                    connect();
                } else {
                    admission.check(target); // checked and asked again from the start
                }
            }
        }
    }

    private void onOpened(Attempt attempt, TransportSession session, String subprotocol) {
        attempt.session = session;
        if (attempt != current || attempt.abandoned) {
            attempt.abandoned = true;
            session.close(CloseCode.NORMAL.code(), "superseded");
            return;
        }
        attempt.announced = true;
        consecutiveFailures = 0;
        lifecycle.move(Move.OPEN, "");
        compressed = session.compressed();
        observer.connected(subprotocol, compressed);
        Duration ping = services.get().defaults().keepAlivePing();
        if (!ping.isZero()) {
            attempt.keepAlive =
                    KeepAlive.start(
                            attempt,
                            session,
                            services.get().time(),
                            ping,
                            services.get().defaults().idleTimeout());
        }
    }

    private void onClosed(Attempt attempt, int code, String reason, boolean clean) {
        if (!attempt.delivers()) {
            release(attempt);
            attempt.endPause();
            return;
        }
        String why =
                "disconnected: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason);
        Duration retryDelay = null;
        if (attempt == current) {
            // IsConnected turns false before anyone hears of the close
            retryDelay = nextRetryDelay();
            lifecycle.move(Move.RETRY_LATER, RetryPolicy.retrying(why, retryDelay));
        }
        report(attempt, code, reason, clean);
        if (attempt == current) {
            current = null;
            retryAfter(retryDelay, why);
        } else if (attempt == closing) {
            closing = null;
            if (proceedWhenClosed) {
                proceedWhenClosed = false;
                if (target != null) {
                    admission.check(target);
                }
            } else if (current == null && lifecycle.state() == ConnectionState.CLOSING) {
                lifecycle.move(afterClose, lifecycle.lastError());
            }
        }
    }

    /**
     * The end of an announced attempt, reported once: sends that were never confirmed fail, an
     * overflow says what it discarded, then {@code disconnected}.
     */
    private void report(Attempt attempt, int code, String reason, boolean clean) {
        attempt.finished = true;
        release(attempt);
        attempt.endPause();
        if (attempt.keepAlive != null) {
            attempt.keepAlive.cancel();
        }
        outbox.failUnsettled(attempt);
        if (attempt.overflowed()) {
            observer.error(attempt.overflowReport());
        }
        observer.disconnected(code, reason == null ? "" : reason, clean);
    }

    private void onConnectFailed(Attempt attempt, Failure failure) {
        release(attempt);
        if (attempt != current) {
            return;
        }
        current = null;
        if (failure.kind() == FailureKind.BLOCKED) {
            admission.block(failure.words());
            return;
        }
        observer.connectFailed(failure);
        retryLater(failure);
    }

    private void release(Attempt attempt) {
        if (attempt.holdsLimit) {
            attempt.holdsLimit = false;
            holding.remove(attempt);
            services.get().limits().release(attempt.target.user().id(), attempt.target.world());
        }
    }

    private void retryLater(Failure failure) {
        retryAfter(nextRetryDelay(), failure.toString());
    }

    /** One more consecutive failure, and the wait it earns. */
    private Duration nextRetryDelay() {
        consecutiveFailures++;
        return services.get().retry().delay(target.retryInterval(), consecutiveFailures);
    }

    /** A retry after {@code delay}: it connects when consent was given, else asks again. */
    private void retryAfter(Duration delay, String reason) {
        long ticket = ++retryTicket;
        lifecycle.move(Move.RETRY_LATER, RetryPolicy.retrying(reason, delay));
        retryTimer =
                services.get()
                        .time()
                        .schedule(() -> inbox.add(new Inbound.RetryDue(ticket)), delay);
        observer.retryScheduled(delay);
    }

    /**
     * Ends whatever is in flight: cancels timers and prompts, abandons an unopened attempt and
     * starts closing an open one, whose remaining messages and close are still delivered.
     *
     * @param settleAfterClose where an open socket's close leads; null for {@link Move#IDLE}
     */
    private void teardown(CloseCode code, String reason, Move settleAfterClose) {
        proceedWhenClosed = false;
        admission.cancel();
        retryTicket++;
        if (retryTimer != null) {
            retryTimer.cancel();
            retryTimer = null;
        }
        Attempt attempt = current;
        current = null;
        if (attempt == null) {
            return;
        }
        if (attempt.delivers()) {
            attempt.session.close(code.code(), reason);
            closing = attempt;
            afterClose = settleAfterClose == null ? Move.IDLE : settleAfterClose;
            services.get()
                    .time()
                    .schedule(
                            () -> attempt.dropSocket("close handshake timed out"),
                            services.get().network().closeGrace());
        } else {
            attempt.abandoned = true;
            if (attempt.pending != null) {
                attempt.pending.cancel();
            }
        }
    }

    /** What {@link Admission} decided, put into effect. */
    private final class Outcomes implements Admission.Owner {
        @Override
        public void admitted() {
            connectAfterClose();
        }

        @Override
        public void retryLater(Failure failure) {
            ClientConnection.this.retryLater(failure);
        }

        @Override
        public void retryAfter(Duration delay, Failure failure) {
            ClientConnection.this.retryAfter(delay, failure.toString());
        }
    }
}
