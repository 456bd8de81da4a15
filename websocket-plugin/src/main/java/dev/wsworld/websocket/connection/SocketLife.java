package dev.wsworld.websocket.connection;

import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.websocket.connection.Lifecycle.Move;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.transport.CloseCode;
import dev.wsworld.websocket.transport.ConnectSpec;
import dev.wsworld.websocket.transport.TransportSession;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The socket's life for one connection: the target it wants, the attempt in flight or open, the one
 * being closed at the world's request, and what each outcome the network reports leads to (open,
 * close, failure, retry). {@link Admission} decides whether a target may be tried; the {@link
 * Lifecycle} holds the state and throws on an illegal move.
 *
 * <p>World thread only, as every field of {@link ClientConnection}, which owns this; {@link
 * #compressed} is also read by diagnostics.
 */
final class SocketLife implements Admission.Owner {
    private final Supplier<ConnectionServices> services;
    private final ConnectionObserver observer;
    private final Lifecycle lifecycle;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Admission admission;
    private final LimitSlots slots;
    private final RetrySchedule retries;
    private final UpgradeRequests upgrades;

    /** The open socket negotiated permessage-deflate. */
    private volatile boolean compressed;

    private @Nullable ConnectTarget target;

    /** The attempt the state describes; {@code null} when none is in flight or open. */
    private @Nullable Attempt current;

    /** An open attempt closing at the world's request, and the state to settle in once closed. */
    private @Nullable Attempt closing;

    private Move afterClose = Move.IDLE;

    /** The current target waits for {@link #closing} to finish, so its events follow the old's. */
    private boolean proceedWhenClosed;

    SocketLife(
            Supplier<ConnectionServices> services,
            ConnectionObserver observer,
            Lifecycle lifecycle,
            Inbox inbox,
            Outbox outbox) {
        this.services = services;
        this.observer = observer;
        this.lifecycle = lifecycle;
        this.inbox = inbox;
        this.outbox = outbox;
        this.admission = new Admission(services, observer, lifecycle, inbox, this);
        this.slots = new LimitSlots(services);
        this.retries = new RetrySchedule(services, inbox);
        this.upgrades = new UpgradeRequests(services, observer);
    }

    Admission admission() {
        return admission;
    }

    Optional<ConnectTarget> target() {
        return Optional.ofNullable(target);
    }

    /** The attempt sends go to, if any. */
    @Nullable Attempt current() {
        return current;
    }

    boolean compressed() {
        return compressed;
    }

    /** As {@link ClientConnection#open}. */
    void open(ConnectTarget next) {
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
        retries.reset();
        upgrades.reset();
        if (closing != null) {
            // the old socket's disconnected comes first: nothing is said about the new destination
            // before it
            proceedWhenClosed = true;
            lifecycle.move(Move.CLOSE, lifecycle.lastError());
            return;
        }
        admission.check(target);
    }

    /** Takes a new target that needs no new connection; returns whether it did. */
    boolean refresh(ConnectTarget next) {
        if (target == null || next.needsReconnectFrom(target)) {
            return false;
        }
        target = next;
        return true;
    }

    /** As {@link ClientConnection#stop}. */
    void stop(ConnectionState finalState, CloseCode code, String reason, Runnable deliverAll) {
        if (lifecycle.stopped()) {
            return;
        }
        target = null;
        admission.revokeConsent();
        Move settle = Move.to(finalState);
        teardown(code, reason, settle);
        if (finalState == ConnectionState.STOPPED) {
            finishNow(code, reason, deliverAll);
        } else if (closing != null) {
            lifecycle.move(Move.CLOSE, lifecycle.lastError());
        } else {
            lifecycle.move(settle, lifecycle.lastError());
        }
    }

    /** As {@link ClientConnection#closeForShutdown}. */
    void closeForShutdown(CloseCode code, String reason) {
        if (lifecycle.stopped()) {
            return;
        }
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
    private void finishNow(CloseCode code, String reason, Runnable deliverAll) {
        deliverAll.run();
        Attempt open = closing;
        closing = null;
        TransportSession session = open == null ? null : open.session;
        if (open != null && open.delivers() && session != null) {
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
        slots.releaseAll();
        inbox.clear();
        lifecycle.move(Move.STOP, lifecycle.lastError());
    }

    /** As {@link ClientConnection#settle}. */
    void settle(ConnectionState settled, String lastError) {
        if (lifecycle.stopped()) {
            return;
        }
        target = null;
        admission.revokeConsent();
        teardown(CloseCode.NORMAL, lastError.isEmpty() ? "no handling user" : lastError, null);
        lifecycle.move(Move.to(settled), lastError);
    }

    /** As {@link ClientConnection#recheckPolicy}. */
    void recheckPolicy() {
        if (target == null || lifecycle.state() == ConnectionState.BLOCKED || lifecycle.stopped()) {
            return;
        }
        Optional<String> refusal =
                admission.refusalNow(
                        target,
                        Optional.ofNullable(current)
                                .flatMap(open -> Optional.ofNullable(open.session)));
        if (refusal.isPresent()) {
            admission.revokeConsent();
            teardown(CloseCode.NORMAL, "blocked by configuration", Move.BLOCK);
            admission.block(refusal.get());
        }
    }

    /** The world took events: a socket whose reading was paused reads on once enough were. */
    void resumeReading() {
        Attempt open = current;
        Attempt old = closing;
        if (open != null && open.announced) {
            open.resumeIfDrained();
        }
        if (old != null && old.announced) {
            old.resumeIfDrained();
        }
    }

    void onRetryDue(Inbound.RetryDue due) {
        if (retries.isCurrent(due)
                && lifecycle.state() == ConnectionState.RETRY_WAITING
                && target != null) {
            if (admission.consentGiven()) {
                connect();
            } else {
                admission.check(target); // checked and asked again from the start
            }
        }
    }

    /** Admitted: connects now, or once the socket being closed has finished closing. */
    @Override
    public void admitted() {
        if (closing != null) {
            proceedWhenClosed = true;
            lifecycle.move(Move.CLOSE, lifecycle.lastError());
        } else {
            connect();
        }
    }

    private void connect() {
        ConnectTarget target = Objects.requireNonNull(this.target, "connecting without a target");
        if (!admission.stillChecked(target)) {
            return; // looked up again; connects once the addresses pass
        }
        Optional<Failure> refused = slots.acquire(target);
        if (refused.isPresent()) {
            observer.connectFailed(refused.get());
            retryLater(refused.get());
            return;
        }
        Attempt attempt =
                new Attempt(target, inbox, services.get().defaults(), services.get().flow());
        slots.hold(attempt);
        current = attempt;
        lifecycle.move(Move.CONNECT, lifecycle.lastError());
        ConnectSpec spec = upgrades.next(target, admission.checkedAddresses());
        attempt.pending = services.get().transport().connect(spec, attempt);
    }

    /** The target an attempt or a retry is for: a connection without one has neither. */
    private ConnectTarget wanted() {
        return Objects.requireNonNull(target, "an attempt or retry without a target");
    }

    void onOpened(Attempt attempt, TransportSession session, String subprotocol) {
        attempt.session = session;
        if (attempt != current || attempt.abandoned) {
            attempt.abandoned = true;
            session.close(CloseCode.NORMAL.code(), "superseded");
            return;
        }
        attempt.announced = true;
        retries.reset();
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

    void onClosed(Attempt attempt, int code, String reason, boolean clean) {
        if (!attempt.delivers()) {
            slots.release(attempt);
            attempt.endPause();
            return;
        }
        String why =
                "disconnected: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason);
        if (attempt == current) {
            // IsConnected turns false before anyone hears of the close
            Duration retryDelay = retries.nextDelay(wanted());
            lifecycle.move(Move.RETRY_LATER, RetryPolicy.retrying(why, retryDelay));
            report(attempt, code, reason, clean);
            current = null;
            retryAfter(retryDelay, why);
            return;
        }
        report(attempt, code, reason, clean);
        if (attempt == closing) {
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
        slots.release(attempt);
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

    void onConnectFailed(Attempt attempt, Failure failure) {
        slots.release(attempt);
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

    @Override
    public void retryLater(Failure failure) {
        retryAfter(retries.nextDelay(wanted()), failure.toString());
    }

    @Override
    public void retryAfter(Duration delay, Failure failure) {
        retryAfter(delay, failure.toString());
    }

    /** A retry after {@code delay}: it connects when consent was given, else asks again. */
    private void retryAfter(Duration delay, String reason) {
        lifecycle.move(Move.RETRY_LATER, RetryPolicy.retrying(reason, delay));
        retries.schedule(delay);
        observer.retryScheduled(delay);
    }

    /**
     * Ends whatever is in flight: cancels timers and prompts, abandons an unopened attempt and
     * starts closing an open one, whose remaining messages and close are still delivered.
     *
     * @param settleAfterClose where an open socket's close leads; null for {@link Move#IDLE}
     */
    private void teardown(CloseCode code, String reason, @Nullable Move settleAfterClose) {
        proceedWhenClosed = false;
        admission.cancel();
        retries.cancel();
        Attempt attempt = current;
        current = null;
        if (attempt == null) {
            return;
        }
        TransportSession session = attempt.session;
        if (attempt.delivers() && session != null) {
            session.close(code.code(), reason);
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
}
