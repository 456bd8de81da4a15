package dev.wsworld.websocket.connection;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.api.nodes.HostAccessScope;
import dev.wsworld.api.text.Failures;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import dev.wsworld.websocket.consent.ConsentGate;
import dev.wsworld.websocket.policy.Destination;
import dev.wsworld.websocket.policy.PolicyDecision;
import dev.wsworld.websocket.transport.ConnectSpec;
import dev.wsworld.websocket.transport.TransportSession;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One WebsocketClient's connection: its state machine, in one place. Every transition happens on
 * the world thread, in {@link #open}, {@link #stop}, {@link #settle}, the send methods and {@link
 * #drain}; network threads and timers only add to the {@link Inbox}. Outcomes are reported to the
 * {@link Observer} in the order they happened, so a message received before a close is always
 * reported before that close.
 */
public final class ClientConnection {
    /** Close code for a normal, requested close. */
    public static final int CLOSE_NORMAL = 1000;

    /** Close code when the component goes away (removed, plugin stopped). */
    public static final int CLOSE_GOING_AWAY = 1001;

    /** Reported (never sent) when a connection ended without a closing handshake. */
    public static final int CLOSE_ABNORMAL = 1006;

    /** What happened, reported on the world thread. */
    public interface Observer {
        void stateChanged(ConnectionState state, String lastError);

        /**
         * @param compressed permessage-deflate was negotiated
         */
        void connected(String subprotocol, boolean compressed);

        void text(String data);

        void binary(byte[] data);

        void disconnected(int code, String reason, boolean clean);

        void connectFailed(String error);

        void consentRequested(ConsentRequest request);

        void denied(String userId, String reason);

        /**
         * The connection no longer waits for the answer to {@code request}; an answer to it grants
         * nothing.
         */
        void consentWithdrawn(ConsentRequest request);

        /** Request Host Access: granted, by a rule, an earlier answer or the user. */
        void hostAccessGranted(HostAccessRequest request);

        /** Request Host Access: refused by a rule or the user. */
        void hostAccessDenied(HostAccessRequest request, String reason);

        /**
         * Request Host Access: nobody decided (dismissed, no prompt, no handling user, no such
         * name).
         */
        void hostAccessIgnored(HostAccessRequest request, String reason);

        void retryScheduled(Duration delay);

        void sendStarted(long id, String kind, int length);

        void sent(long id);

        void sendFailed(long id, String error);

        void error(String error);
    }

    private final Supplier<ConnectionServices> services;
    private final Observer observer;
    private final Inbox inbox;
    private final HostAccess hostAccess;

    /** Written on the world thread only; read by diagnostics. */
    private volatile int unsettledSends;

    /** The open socket negotiated permessage-deflate. World thread writes; diagnostics read. */
    private volatile boolean compressed;

    /** Written on the world thread only; volatile so diagnostics can read it from elsewhere. */
    private volatile ConnectionState state = ConnectionState.IDLE;

    private String lastError = "";
    private ConnectTarget target;

    /** The attempt the state describes; {@code null} when none is in flight or open. */
    private Attempt current;

    /**
     * An open attempt closing at the world's request, and the state to settle in once it closed.
     */
    private Attempt closing;

    private ConnectionState afterClose;

    /**
     * The current target waits for {@link #closing} to finish, so its events follow the old
     * socket's.
     */
    private boolean proceedWhenClosed;

    /** Attempts holding a slot in the connection limits, released when they end. */
    private final List<Attempt> holding = new ArrayList<>(2);

    private boolean consentGiven;

    /** The allowlist granted the target already: no one is asked. */
    private boolean preGranted;

    /**
     * The addresses the target's name was looked up to and checked against the policy; empty for an
     * address.
     */
    private List<InetAddress> checkedAddresses = List.of();

    private long checkedAtNanos;
    private long lookUpTicket;

    /** The prompt this connection waits for; null when none. */
    private ConsentRequest awaitedConsent;

    private long consentTicket;
    private long retryTicket;
    private ScheduledFuture<?> retryTimer;
    private int consecutiveFailures;
    private long nextSendId;

    /**
     * @param services what the plugin currently provides; asked each time, so a configuration
     *     reload applies to the next decision
     * @param requestUpdate asks the world for a {@link #drain} at its next tick; any thread
     */
    public ClientConnection(
            Supplier<ConnectionServices> services, Observer observer, Runnable requestUpdate) {
        this.services = services;
        this.observer = observer;
        this.inbox = new Inbox(requestUpdate);
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
        return state;
    }

    private ConnectionServices services() {
        return services.get();
    }

    public String lastError() {
        return lastError;
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
        return unsettledSends;
    }

    /**
     * Connects to {@code next}, closing what is open first. Consent is asked again only when the
     * destination or the user changed.
     */
    public void open(ConnectTarget next) {
        boolean sameConsentScope =
                target != null && next.consentScope().equals(target.consentScope());
        teardown(CLOSE_NORMAL, "reconnecting", null);
        consentGiven = consentGiven && sameConsentScope;
        target = next;
        consecutiveFailures = 0;
        if (closing != null) {
            // the old socket's disconnected comes first: nothing is said about the new destination
            // before it
            proceedWhenClosed = true;
            transition(ConnectionState.CLOSING, lastError);
            return;
        }
        proceed();
    }

    /**
     * The policy decides first: the denylist, an address written in the URL, the allowlist. A name
     * is then looked up and every address it stands for is checked, so nobody is asked about a
     * destination that could only be refused. Then the user is asked, unless the allowlist or an
     * earlier answer granted it.
     */
    private void proceed() {
        PolicyDecision decision = services().policy().check(target.destination());
        if (decision.verdict() == PolicyDecision.Verdict.BLOCKED) {
            block(decision.reason());
            return;
        }
        preGranted = decision.verdict() == PolicyDecision.Verdict.PRE_GRANTED;
        checkedAddresses = List.of();
        checkedAtNanos = 0;
        if (CanonicalHost.isAddress(target.destination().host())) {
            afterCheck();
        } else {
            lookUp(false);
        }
    }

    /** Looks the target's name up on a network thread; the answer comes back through the inbox. */
    private void lookUp(boolean thenConnect) {
        long ticket = ++lookUpTicket;
        transition(ConnectionState.RESOLVING, lastError);
        services()
                .transport()
                .lookUp(target.destination().host())
                .whenComplete(
                        (addresses, error) ->
                                inbox.add(
                                        new Inbound.LookedUp(
                                                ticket,
                                                addresses == null ? List.of() : addresses,
                                                error == null ? null : Failures.describe(error),
                                                thenConnect)));
    }

    private void onLookedUp(Inbound.LookedUp looked) {
        if (looked.ticket() != lookUpTicket
                || target == null
                || state != ConnectionState.RESOLVING) {
            return;
        }
        Destination destination = target.destination();
        if (looked.failure() != null) {
            if (!services()
                    .proxyResolves(destination.scheme(), destination.host(), destination.port())) {
                observer.connectFailed(looked.failure());
                retryLater(looked.failure());
                return;
            }
            // not known here, but the proxy resolves names: it goes to the proxy with nothing to
            // check
        } else {
            Optional<String> refusal =
                    services()
                            .policy()
                            .checkResolved(
                                    destination.scheme(),
                                    destination.host(),
                                    destination.port(),
                                    looked.addresses());
            if (refusal.isPresent()) {
                consentGiven = false;
                block(refusal.get());
                return;
            }
        }
        checkedAddresses = List.copyOf(looked.addresses());
        checkedAtNanos = System.nanoTime();
        if (looked.thenConnect()) {
            connect();
        } else {
            afterCheck();
        }
    }

    /** The destination passed every check: connect if granted, else ask. */
    private void afterCheck() {
        if (preGranted) {
            consentGiven = true;
        }
        if (consentGiven) {
            connectAfterClose();
        } else {
            askConsent();
        }
    }

    /** Refused by policy: reported with the rule, not retried until something relevant changes. */
    private void block(String reason) {
        transition(ConnectionState.BLOCKED, reason);
        observer.connectFailed(reason);
    }

    /**
     * The configuration changed: a destination that became blocked is closed and settles as {@link
     * ConnectionState#BLOCKED}. Open sockets are checked by the address they are connected to.
     */
    public void recheckPolicy() {
        if (target == null || state == ConnectionState.BLOCKED) {
            return;
        }
        PolicyDecision decision = services().policy().check(target.destination());
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
                                            services()
                                                    .policy()
                                                    .checkResolved(
                                                            target.destination().scheme(),
                                                            target.destination().host(),
                                                            target.destination().port(),
                                                            List.of(address)));
        }
        if (refusal.isPresent()) {
            consentGiven = false;
            teardown(CLOSE_NORMAL, "blocked by configuration", ConnectionState.BLOCKED);
            block(refusal.get());
        }
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
    public void stop(ConnectionState finalState, int code, String reason) {
        target = null;
        consentGiven = false;
        teardown(code, reason, finalState);
        if (finalState == ConnectionState.STOPPED) {
            finishNow(reason);
        } else if (closing != null) {
            transition(ConnectionState.CLOSING, lastError);
        } else {
            transition(finalState, lastError);
        }
    }

    /**
     * The plugin is stopping: closes what is open with {@code code} and settles as {@link
     * ConnectionState#STOPPED} once the close completed, reporting {@code disconnected} as any
     * close; at once when nothing is open. Until then messages are still delivered. Nothing is
     * retried, and nothing new is tried: the component is about to be detached.
     */
    public void closeForShutdown(int code, String reason) {
        hostAccess.withdrawAll();
        target = null;
        consentGiven = false;
        teardown(code, reason, ConnectionState.STOPPED);
        transition(closing != null ? ConnectionState.CLOSING : ConnectionState.STOPPED, lastError);
    }

    /**
     * Goes inert now: delivers what already arrived (messages, send outcomes, a close), reports
     * {@code disconnected} for a socket whose close did not complete, gives back every limit slot
     * and settles as STOPPED. The socket is dropped if the peer has not answered the close within
     * the close grace.
     */
    private void finishNow(String reason) {
        hostAccess.withdrawAll();
        for (Inbound item; (item = inbox.poll()) != null; ) {
            handle(item);
        }
        inbox.taken();
        Attempt open = closing;
        closing = null;
        if (open != null && delivers(open)) {
            TransportSession session = open.session;
            try {
                services()
                        .timers()
                        .schedule(
                                session::abort,
                                services().closeTimeout().toMillis(),
                                TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                session.abort(); // the plugin's timers are gone already
            }
            report(
                    open,
                    CLOSE_ABNORMAL,
                    reason + "; closed without waiting for the server's answer",
                    false);
        }
        for (Attempt attempt : List.copyOf(holding)) {
            release(attempt);
        }
        inbox.clear();
        transition(ConnectionState.STOPPED, lastError);
    }

    /**
     * Gives up without retrying until something relevant changes: no handling user present ({@link
     * ConnectionState#WAITING_FOR_USER}) or a URL that cannot be used ({@link
     * ConnectionState#BLOCKED}).
     */
    public void settle(ConnectionState settled, String reason) {
        target = null;
        consentGiven = false;
        teardown(CLOSE_NORMAL, reason.isEmpty() ? "no handling user" : reason, null);
        transition(settled, reason);
    }

    public long sendText(String text) {
        long id = ++nextSendId;
        observer.sendStarted(id, "text", utf8Length(text)); // what goes on the wire, as for binary
        sendOrFail(id, "text", (session, done) -> session.sendText(text, done));
        return id;
    }

    public long sendBinary(byte[] data) {
        long id = ++nextSendId;
        observer.sendStarted(id, "binary", data.length);
        byte[] copy = data.clone();
        sendOrFail(id, "binary", (session, done) -> session.sendBinary(copy, done));
        return id;
    }

    /**
     * Hands queued events to the observer, at most {@code budget} of them; the rest wait a tick. A
     * connection whose reading was paused reads on once the world has taken enough.
     */
    public void drain(int budget) {
        inbox.beginDrain();
        int handled = 0;
        for (Inbound item; handled < budget && (item = inbox.poll()) != null; handled++) {
            handle(item);
        }
        inbox.taken();
        if (handled == budget) {
            inbox.continueNextTick();
        }
        resumeReading(current);
        resumeReading(closing);
    }

    private static void resumeReading(Attempt attempt) {
        if (attempt != null && attempt.announced) {
            attempt.resumeIfDrained();
        }
    }

    // ---------------------------------------------------------------- transitions

    private void askConsent() {
        ConnectTarget t = target;
        long ticket = ++consentTicket;
        ConsentRequest request =
                new ConsentRequest(
                        t.world(),
                        t.user(),
                        t.objectName(),
                        t.slotPath(),
                        t.destination().scheme(),
                        t.destination().host(),
                        t.destination().port(),
                        t.accessReason());
        Optional<ConsentAnswer> remembered = services().consent().remembered(request);
        if (remembered.isPresent()) {
            consentAnswered(ticket, remembered.get());
            return;
        }
        Optional<ConsentGate.RateLimit> limited = services().consent().rateLimited(request);
        if (limited.isPresent()) {
            // not the user's answer: asked again once the window has room
            observer.connectFailed(limited.get().reason());
            retryAfter(limited.get().retryAfter(), limited.get().reason());
            return;
        }
        transition(ConnectionState.AWAITING_CONSENT, "");
        awaitedConsent = request;
        observer.consentRequested(request);
        services()
                .consent()
                .ask(request, this)
                .whenComplete(
                        (answer, error) ->
                                inbox.add(
                                        new Inbound.ConsentAnswered(
                                                ticket,
                                                error == null && answer != null
                                                        ? answer
                                                        : ConsentAnswer.IGNORED)));
    }

    private void consentAnswered(long ticket, ConsentAnswer answer) {
        if (ticket != consentTicket || target == null || consentGiven) {
            return;
        }
        awaitedConsent = null;
        if (answer.granted()) {
            consentGiven = true;
            connectAfterClose();
            return;
        }
        String why = refusalReason(answer);
        String userId = target.user().id();
        transition(
                ConnectionState.DENIED,
                answer == ConsentAnswer.NO_PROMPT
                        ? "nobody was asked: this host has no consent prompt (ConsentPrompt"
                                + " extension)"
                        : "connection " + why + " by " + userId);
        observer.denied(userId, why);
    }

    /**
     * The {@code reason} the world hears for a refusal: {@code denied}, {@code ignored} or {@code
     * noPrompt}.
     */
    static String refusalReason(ConsentAnswer answer) {
        return switch (answer) {
            case DENIED -> "denied";
            case NO_PROMPT -> "noPrompt";
            default -> "ignored";
        };
    }

    /** Connects now, or once the socket being closed has finished closing. */
    private void connectAfterClose() {
        if (closing != null) {
            proceedWhenClosed = true;
            transition(ConnectionState.CLOSING, lastError);
        } else {
            connect();
        }
    }

    private void connect() {
        boolean name = !CanonicalHost.isAddress(target.destination().host());
        if (name
                && (checkedAtNanos == 0
                        || System.nanoTime() - checkedAtNanos
                                > services().recheckAfter().toNanos())) {
            lookUp(true); // checked too long ago (or never): the name may point elsewhere by now
            return;
        }
        Optional<String> refused = services().limits().acquire(target.user().id(), target.world());
        if (refused.isPresent()) {
            observer.connectFailed(refused.get());
            retryLater(refused.get());
            return;
        }
        Attempt attempt = new Attempt(target, inbox, services().defaults(), services().flow());
        attempt.holdsLimit = true;
        holding.add(attempt);
        current = attempt;
        transition(ConnectionState.CONNECTING, lastError);
        ConnectSpec spec =
                new ConnectSpec(
                        target.destination().uri(),
                        target.subprotocols(),
                        services().connectTimeout(),
                        checkedAddresses,
                        target.compression());
        attempt.pending = services().transport().connect(spec, attempt);
    }

    private void handle(Inbound item) {
        if (item instanceof Inbound.Text text) {
            if (delivers(text.attempt())) {
                text.attempt().delivered++;
                observer.text(text.data());
            }
        } else if (item instanceof Inbound.Binary binary) {
            if (delivers(binary.attempt())) {
                binary.attempt().delivered++;
                observer.binary(binary.data());
            }
        } else if (item instanceof Inbound.SendDone done) {
            onSendDone(done.attempt(), done.id(), done.error());
        } else if (item instanceof Inbound.Opened opened) {
            onOpened(opened.attempt(), opened.session(), opened.subprotocol());
        } else if (item instanceof Inbound.Closed closed) {
            onClosed(closed.attempt(), closed.code(), closed.reason(), closed.clean());
        } else if (item instanceof Inbound.ConnectFailed failed) {
            onConnectFailed(failed.attempt(), failed.reason());
        } else if (item instanceof Inbound.Blocked blocked) {
            release(blocked.attempt());
            if (blocked.attempt() == current) {
                current = null;
                block(blocked.reason());
            }
        } else if (item instanceof Inbound.ConsentAnswered answered) {
            consentAnswered(answered.ticket(), answered.answer());
        } else if (item instanceof Inbound.DropSocket drop) {
            Attempt attempt = drop.attempt();
            if (delivers(attempt)) {
                if (attempt.session != null) {
                    attempt.session.abort();
                }
                onClosed(attempt, CLOSE_ABNORMAL, drop.reason(), false);
            }
        } else if (item instanceof Inbound.HostAccessLookedUp looked) {
            hostAccess.onLookedUp(looked);
        } else if (item instanceof Inbound.HostAccessAnswered answered) {
            hostAccess.onAnswered(answered);
        } else if (item instanceof Inbound.LookedUp looked) {
            onLookedUp(looked);
        } else if (item instanceof Inbound.RetryDue due) {
            if (due.ticket() == retryTicket
                    && state == ConnectionState.RETRY_WAITING
                    && target != null) {
                if (consentGiven) {
                    connect();
                } else {
                    proceed(); // checked and asked again from the start
                }
            }
        }
    }

    private void onOpened(Attempt attempt, TransportSession session, String subprotocol) {
        attempt.session = session;
        if (attempt != current || attempt.abandoned) {
            attempt.abandoned = true;
            session.close(CLOSE_NORMAL, "superseded");
            return;
        }
        attempt.announced = true;
        consecutiveFailures = 0;
        transition(ConnectionState.CONNECTED, "");
        compressed = session.compressed();
        observer.connected(subprotocol, compressed);
        Duration ping = services().defaults().keepAlivePing();
        if (!ping.isZero()) {
            KeepAlive keepAlive =
                    new KeepAlive(
                            attempt,
                            session,
                            inbox,
                            ping,
                            services().defaults().keepAliveDeadline());
            attempt.keepAlive =
                    services()
                            .timers()
                            .scheduleAtFixedRate(
                                    keepAlive,
                                    ping.toMillis(),
                                    ping.toMillis(),
                                    TimeUnit.MILLISECONDS);
        }
    }

    private boolean delivers(Attempt attempt) {
        return attempt.announced && !attempt.finished;
    }

    private void onClosed(Attempt attempt, int code, String reason, boolean clean) {
        if (!delivers(attempt)) {
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
            transition(ConnectionState.RETRY_WAITING, retrying(why, retryDelay));
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
                    proceed();
                }
            } else if (current == null && state == ConnectionState.CLOSING) {
                transition(afterClose, lastError);
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
            attempt.keepAlive.cancel(false);
        }
        for (Long id : new ArrayList<>(attempt.unsettled.keySet())) {
            observer.sendFailed(id, "connection closed before the message was sent");
        }
        unsettledSends -= attempt.unsettled.size();
        attempt.unsettled = Map.of();
        if (attempt.overflowed()) {
            observer.error(attempt.overflowReport());
        }
        observer.disconnected(code, reason == null ? "" : reason, clean);
    }

    private void onConnectFailed(Attempt attempt, String reason) {
        release(attempt);
        if (attempt != current) {
            return;
        }
        current = null;
        observer.connectFailed(reason);
        retryLater(reason);
    }

    private void release(Attempt attempt) {
        if (attempt.holdsLimit) {
            attempt.holdsLimit = false;
            holding.remove(attempt);
            services().limits().release(attempt.target.user().id(), attempt.target.world());
        }
    }

    private void retryLater(String reason) {
        retryAfter(nextRetryDelay(), reason);
    }

    /** One more consecutive failure, and the wait it earns. */
    private Duration nextRetryDelay() {
        consecutiveFailures++;
        return services().retry().delay(target.retryInterval(), consecutiveFailures);
    }

    /**
     * LastError while a retry waits: why, and when the retry comes, as the retryScheduled event
     * says.
     */
    private static String retrying(String reason, Duration delay) {
        return reason + "; retrying in " + retryDelayText(delay);
    }

    /** A retry after {@code delay}: it connects when consent was given, else asks again. */
    private void retryAfter(Duration delay, String reason) {
        long ticket = ++retryTicket;
        transition(ConnectionState.RETRY_WAITING, retrying(reason, delay));
        retryTimer =
                services()
                        .timers()
                        .schedule(
                                () -> inbox.add(new Inbound.RetryDue(ticket)),
                                delay.toMillis(),
                                TimeUnit.MILLISECONDS);
        observer.retryScheduled(delay);
    }

    /**
     * Ends whatever is in flight: cancels timers and prompts, abandons an unopened attempt and
     * starts closing an open one, whose remaining messages and close are still delivered.
     */
    private void teardown(int code, String reason, ConnectionState settleAfterClose) {
        proceedWhenClosed = false;
        consentTicket++;
        lookUpTicket++;
        withdrawConsentPrompt();
        retryTicket++;
        if (retryTimer != null) {
            retryTimer.cancel(false);
            retryTimer = null;
        }
        Attempt attempt = current;
        current = null;
        if (attempt == null) {
            return;
        }
        if (attempt.announced && !attempt.finished) {
            attempt.session.close(code, reason);
            closing = attempt;
            afterClose = settleAfterClose == null ? ConnectionState.IDLE : settleAfterClose;
            services()
                    .timers()
                    .schedule(
                            () ->
                                    inbox.add(
                                            new Inbound.DropSocket(
                                                    attempt, "close handshake timed out")),
                            services().closeTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
        } else {
            attempt.abandoned = true;
            if (attempt.pending != null) {
                attempt.pending.cancel();
            }
        }
    }

    /**
     * A prompt this connection still waits for is withdrawn (for everyone, unless another
     * connection waits too).
     */
    private void withdrawConsentPrompt() {
        ConsentRequest request = awaitedConsent;
        if (request != null) {
            awaitedConsent = null;
            services().consent().withdraw(request, this);
            observer.consentWithdrawn(request);
        }
    }

    private void sendOrFail(
            long id, String kind, BiConsumer<TransportSession, Consumer<String>> send) {
        Attempt attempt = current;
        if (state != ConnectionState.CONNECTED || attempt == null || attempt.session == null) {
            observer.sendFailed(id, "not connected (state " + state.displayName() + ")");
            return;
        }
        int limit = services().defaults().outboundQueueLimit();
        if (attempt.unsettled.size() >= limit) {
            observer.sendFailed(
                    id, "outbound queue full: " + limit + " messages are waiting for the network");
            return;
        }
        attempt.unsettledForWrite().put(id, kind);
        unsettledSends++;
        send.accept(attempt.session, error -> inbox.add(new Inbound.SendDone(attempt, id, error)));
    }

    private void onSendDone(Attempt attempt, long id, String error) {
        if (attempt == null
                || attempt.unsettled.isEmpty()
                || attempt.unsettled.remove(id) == null) {
            return;
        }
        unsettledSends--;
        if (error == null) {
            observer.sent(id);
        } else {
            observer.sendFailed(id, error);
        }
    }

    private void transition(ConnectionState next, String error) {
        String nextError = error == null ? "" : error;
        if (next == state && nextError.equals(lastError)) {
            return;
        }
        state = next;
        lastError = nextError;
        if (next != ConnectionState.CONNECTED) {
            compressed = false;
        }
        observer.stateChanged(next, nextError);
    }

    /** A retry delay as people read it: {@code 10.3 s}, {@code 2 min 30 s}. */
    static String retryDelayText(Duration delay) {
        long tenths = Math.max(0, (delay.toMillis() + 50) / 100);
        if (tenths < 600) {
            return tenths / 10 + "." + tenths % 10 + " s";
        }
        long seconds = (tenths + 5) / 10;
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }

    /**
     * Bytes of {@code text} in UTF-8, as {@code getBytes(UTF_8)} would give them, without encoding
     * it.
     */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++; // an unpaired surrogate is sent as '?'
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Text form of binary data for events and logs. */
    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }
}
