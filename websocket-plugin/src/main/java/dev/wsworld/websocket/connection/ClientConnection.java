package dev.wsworld.websocket.connection;

import dev.wsworld.api.websocketclient.HostAccessScope;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import dev.wsworld.websocket.transport.CloseCode;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One WebsocketClient's connection, as its component drives it: what it wants to connect to, what
 * it sends, and the events handed to the world in turn. The socket's life (attempts, closes,
 * retries) is {@link SocketLife}'s; whether a target may be connected at all is {@link
 * Admission}'s; sends are the {@link Outbox}'s; the state and which moves are legal are the {@link
 * Lifecycle}'s.
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
    private final Outbox outbox;
    private final HostAccess hostAccess;
    private final SocketLife life;
    private final TickShare share = new TickShare();

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
        this.outbox = new Outbox(services, observer);
        this.hostAccess = new HostAccess(services, observer, inbox);
        this.life = new SocketLife(services, observer, lifecycle, inbox, outbox);
    }

    /** The connection's inbox shares {@code world}'s inbound bounds from now on. */
    public void joinWorld(InboundShare world) {
        inbox.joinWorld(world);
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
        return life.target();
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
        return life.compressed();
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
        life.open(next);
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
        if (life.refresh(next) && (inFlight || (settledHere && !retryNow))) {
            return;
        }
        life.open(next);
    }

    /**
     * Closes at the world's request and stays in {@code finalState} ({@link ConnectionState#IDLE},
     * {@link ConnectionState#DISABLED} or {@link ConnectionState#STOPPED}) without retrying. An
     * open socket passes through {@link ConnectionState#CLOSING} until its close completes and
     * {@code disconnected} is reported. STOPPED is the exception: the component goes inert now, so
     * what already arrived is delivered at once, then {@code disconnected}, then the state.
     */
    public void stop(ConnectionState finalState, CloseCode code, String reason) {
        if (finalState == ConnectionState.STOPPED && !lifecycle.stopped()) {
            hostAccess.withdrawAll();
        }
        life.stop(finalState, code, reason, this::deliverAll);
    }

    /**
     * The plugin is stopping: closes what is open with {@code code} and settles as {@link
     * ConnectionState#STOPPED} once the close completed, reporting {@code disconnected} as any
     * close; at once when nothing is open. Until then messages are still delivered. Nothing is
     * retried, and nothing new is tried: the component is about to be detached.
     */
    public void closeForShutdown(CloseCode code, String reason) {
        if (!lifecycle.stopped()) {
            hostAccess.withdrawAll();
        }
        life.closeForShutdown(code, reason);
    }

    /**
     * Gives up without retrying until something relevant changes: no handling user present ({@link
     * ConnectionState#WAITING_FOR_USER}) or a URL that cannot be used ({@link
     * ConnectionState#BLOCKED}).
     */
    public void settle(ConnectionState settled, String lastError) {
        life.settle(settled, lastError);
    }

    /**
     * The configuration changed: a destination that became blocked is closed and settles as {@link
     * ConnectionState#BLOCKED}. Open sockets are checked by the address they are connected to.
     */
    public void recheckPolicy() {
        life.recheckPolicy();
    }

    public long sendText(String text) {
        return outbox.sendText(life.current(), lifecycle.state(), text);
    }

    public long sendBinary(byte[] data) {
        return outbox.sendBinary(life.current(), lifecycle.state(), data);
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
        int allowed =
                Math.min(
                        maxItems,
                        share.room(tick, services.get().defaults().deliveryBudgetPerTick()));
        inbox.beginDrain();
        int handled = 0;
        for (Inbound item; handled < allowed && (item = inbox.poll()) != null; ) {
            handle(item);
            handled++;
            if (clock.getAsLong() - deadlineNanos >= 0) {
                break;
            }
        }
        share.count(handled);
        inbox.taken();
        life.resumeReading();
        return !inbox.isEmpty();
    }

    /** Whether the connection is inert for good (its component went away or the plugin stopped). */
    boolean stopped() {
        return lifecycle.stopped();
    }

    /** Whether events were handed over in {@code tick}. */
    boolean servedIn(long tick) {
        return share.servedIn(tick);
    }

    /** Whether this tick's per-component budget has room. */
    boolean mayDeliverIn(long tick) {
        return share.hasRoom(tick, services.get().defaults().deliveryBudgetPerTick());
    }

    /** Asks the world for an update at its next tick, for events left waiting. */
    void continueNextTick() {
        inbox.continueNextTick();
    }

    /** Hands at most {@code budget} queued events to the observer (tests and simple hosts). */
    public void drain(int budget) {
        deliver(Long.MIN_VALUE, budget, Long.MAX_VALUE, () -> 0);
        share.forget();
    }

    /** Everything that arrived, handed over now: the component goes inert. */
    private void deliverAll() {
        for (Inbound item; (item = inbox.poll()) != null; ) {
            handle(item);
        }
        inbox.taken();
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
            life.onOpened(opened.attempt(), opened.session(), opened.subprotocol());
        } else if (item instanceof Inbound.Closed closed) {
            life.onClosed(closed.attempt(), closed.code(), closed.reason(), closed.clean());
        } else if (item instanceof Inbound.ConnectFailed failed) {
            life.onConnectFailed(failed.attempt(), failed.failure());
        } else if (item instanceof Inbound.ConsentAnswered answered) {
            life.admission().onConsentAnswered(answered, life.target().orElse(null));
        } else if (item instanceof Inbound.DropSocket drop) {
            // the close handshake took too long, or keep-alive found the peer gone
            Attempt attempt = drop.attempt();
            if (attempt.delivers()) {
                if (attempt.session != null) {
                    attempt.session.abort();
                }
                life.onClosed(attempt, CloseCode.ABNORMAL.code(), drop.reason(), false);
            }
        } else if (item instanceof Inbound.HostAccessLookedUp looked) {
            hostAccess.onLookedUp(looked);
        } else if (item instanceof Inbound.HostAccessAnswered answered) {
            hostAccess.onAnswered(answered);
        } else if (item instanceof Inbound.LookedUp looked) {
            life.admission().onLookedUp(looked, life.target().orElse(null));
        } else if (item instanceof Inbound.RetryDue due) {
            life.onRetryDue(due);
        }
    }
}
