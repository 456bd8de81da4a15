package dev.wsworld.websocket.connection;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.common.text.Failures;
import dev.wsworld.websocket.connection.Lifecycle.Move;
import dev.wsworld.websocket.consent.ConsentGate;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.policy.Destination;
import dev.wsworld.websocket.policy.PolicyDecision;
import dev.wsworld.websocket.transport.TransportSession;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Whether a connection may go ahead, and to which addresses: the policy first (the denylist, an
 * address written in the URL, the allowlist), then a name is looked up and every address it stands
 * for is checked, so nobody is asked about a destination that could only be refused; then the user
 * is asked, unless the allowlist or an earlier answer granted it. Right before connecting,
 * addresses checked too long ago are looked up and checked again. Outcomes move the {@link
 * Lifecycle} (Resolving, AwaitingConsent, Blocked, Denied) or go to the {@link Owner}; look-ups and
 * answers come back through the inbox, with tickets so that a stale one does nothing.
 *
 * <p>World thread only.
 */
final class Admission {
    /** What the connection does with a verdict. */
    interface Owner {
        /** Every check passed and consent is given: connect, once an old socket has closed. */
        void admitted();

        /** Connecting is not possible now (no such name, a prompt rate): try again later. */
        void retryLater(Failure failure);

        /** As {@link #retryLater}, after {@code delay}. */
        void retryAfter(Duration delay, Failure failure);
    }

    private final Supplier<ConnectionServices> services;
    private final ConnectionObserver observer;
    private final Lifecycle lifecycle;
    private final Inbox inbox;
    private final Owner owner;

    private boolean consentGiven;

    /** The allowlist granted the target already: no one is asked. */
    private boolean preGranted;

    /**
     * The addresses the target's name was looked up to and checked against the policy; empty for an
     * address, or a name only the proxy resolves.
     */
    private List<InetAddress> checkedAddresses = List.of();

    private long checkedAtNanos;
    private long lookUpTicket;

    /** The prompt this connection waits for; null when none. */
    private @Nullable ConsentRequest awaitedConsent;

    private long consentTicket;

    Admission(
            Supplier<ConnectionServices> services,
            ConnectionObserver observer,
            Lifecycle lifecycle,
            Inbox inbox,
            Owner owner) {
        this.services = services;
        this.observer = observer;
        this.lifecycle = lifecycle;
        this.inbox = inbox;
        this.owner = owner;
    }

    boolean consentGiven() {
        return consentGiven;
    }

    /** The destination or user changes, or a rule refused it: consent must be asked again. */
    void revokeConsent() {
        consentGiven = false;
    }

    List<InetAddress> checkedAddresses() {
        return checkedAddresses;
    }

    /** Checks {@code target} from the start: the policy, the look-up, then consent. */
    void check(ConnectTarget target) {
        PolicyDecision decision = services.get().policy().check(target.destination());
        if (decision.verdict() == PolicyDecision.Verdict.BLOCKED) {
            block(decision.reason());
            return;
        }
        preGranted = decision.verdict() == PolicyDecision.Verdict.PRE_GRANTED;
        checkedAddresses = List.of();
        checkedAtNanos = 0;
        if (CanonicalHost.isAddress(target.destination().host())) {
            afterCheck(target);
        } else {
            lookUp(target, false);
        }
    }

    /**
     * Right before connecting: whether the checked addresses are still good. When not (checked too
     * long ago, or never), the name is looked up and checked again, and {@link Owner#admitted()}
     * follows if it passes.
     */
    boolean stillChecked(ConnectTarget target) {
        boolean name = !CanonicalHost.isAddress(target.destination().host());
        if (name
                && (checkedAtNanos == 0
                        || services.get().time().nanoTime() - checkedAtNanos
                                > services.get().network().recheckAfter().toNanos())) {
            lookUp(target, true); // the name may point elsewhere by now
            return false;
        }
        return true;
    }

    /** Looks the target's name up on a network thread; the answer comes back through the inbox. */
    private void lookUp(ConnectTarget target, boolean thenConnect) {
        long ticket = ++lookUpTicket;
        lifecycle.move(Move.RESOLVE, lifecycle.lastError());
        services.get()
                .transport()
                .lookUp(target.destination().host())
                .whenComplete(
                        (addresses, error) ->
                                inbox.add(
                                        new Inbound.LookedUp(
                                                ticket,
                                                addresses == null ? List.of() : addresses,
                                                error == null
                                                        ? null
                                                        : Failure.of(
                                                                FailureKind.DNS,
                                                                Failures.describe(error)),
                                                thenConnect)));
    }

    void onLookedUp(Inbound.LookedUp looked, @Nullable ConnectTarget target) {
        if (looked.ticket() != lookUpTicket
                || target == null
                || lifecycle.state() != ConnectionState.RESOLVING) {
            return;
        }
        Destination destination = target.destination();
        if (looked.failure() != null) {
            if (!services.get()
                    .proxyResolves(destination.scheme(), destination.host(), destination.port())) {
                observer.connectFailed(looked.failure());
                owner.retryLater(looked.failure());
                return;
            }
            // not known here, but the proxy resolves names: it goes to the proxy with nothing to
            // check
        } else {
            Optional<String> refusal =
                    services.get()
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
        checkedAtNanos = services.get().time().nanoTime();
        if (looked.thenConnect()) {
            owner.admitted();
        } else {
            afterCheck(target);
        }
    }

    /** The destination passed every check: connect if granted, else ask. */
    private void afterCheck(ConnectTarget target) {
        if (preGranted) {
            consentGiven = true;
        }
        if (consentGiven) {
            owner.admitted();
        } else {
            ask(target);
        }
    }

    /** Refused by a rule: reported with the rule, not retried until something relevant changes. */
    void block(String reason) {
        Failure failure = Failure.of(FailureKind.BLOCKED, reason);
        lifecycle.move(Move.BLOCK, failure.toString());
        observer.connectFailed(failure);
    }

    private void ask(ConnectTarget target) {
        long ticket = ++consentTicket;
        ConsentRequest request =
                new ConsentRequest(
                        target.world(),
                        target.user(),
                        target.objectName(),
                        target.slotPath(),
                        target.destination().scheme(),
                        target.destination().host(),
                        target.destination().port(),
                        target.accessReason());
        ConsentGate gate = services.get().consent();
        Optional<ConsentAnswer> remembered = gate.remembered(request);
        if (remembered.isPresent()) {
            answered(ticket, remembered.get(), target);
            return;
        }
        Optional<ConsentGate.RateLimit> limited = gate.rateLimited(request);
        if (limited.isPresent()) {
            // not the user's answer: asked again once the window has room
            Failure failure = Failure.of(FailureKind.RATE_LIMITED, limited.get().reason());
            observer.connectFailed(failure);
            owner.retryAfter(limited.get().retryAfter(), failure);
            return;
        }
        lifecycle.move(Move.ASK, "");
        awaitedConsent = request;
        observer.consentRequested(request);
        gate.ask(request, this)
                .whenComplete(
                        (answer, error) ->
                                inbox.add(
                                        new Inbound.ConsentAnswered(
                                                ticket,
                                                error == null && answer != null
                                                        ? answer
                                                        : ConsentAnswer.IGNORED)));
    }

    void onConsentAnswered(Inbound.ConsentAnswered answered, @Nullable ConnectTarget target) {
        answered(answered.ticket(), answered.answer(), target);
    }

    private void answered(long ticket, ConsentAnswer answer, @Nullable ConnectTarget target) {
        if (ticket != consentTicket || target == null || consentGiven) {
            return;
        }
        awaitedConsent = null;
        if (answer.granted()) {
            consentGiven = true;
            owner.admitted();
            return;
        }
        String userId = target.user().id();
        Failure failure =
                Failure.of(
                        FailureKind.CONSENT,
                        answer == ConsentAnswer.NO_PROMPT
                                ? "nobody was asked: this host has no consent prompt"
                                        + " (ConsentPrompt extension)"
                                : "connection " + answer.eventWord() + " by " + userId);
        lifecycle.move(Move.REFUSE, failure.toString());
        observer.denied(userId, answer);
    }

    /**
     * Whatever is under way is dropped: a look-up's or an answer's result will do nothing, and a
     * prompt this connection waits for is withdrawn (for everyone, unless another connection waits
     * for it too).
     */
    void cancel() {
        consentTicket++;
        lookUpTicket++;
        ConsentRequest request = awaitedConsent;
        if (request != null) {
            awaitedConsent = null;
            services.get().consent().withdraw(request, this);
            observer.consentWithdrawn(request);
        }
    }

    /**
     * After a configuration change: why {@code target} may no longer be connected, if it may not. A
     * socket already open is judged by the address it is connected to.
     */
    Optional<String> refusalNow(ConnectTarget target, Optional<TransportSession> open) {
        PolicyDecision decision = services.get().policy().check(target.destination());
        if (decision.verdict() == PolicyDecision.Verdict.BLOCKED) {
            return Optional.of(decision.reason());
        }
        return open.flatMap(TransportSession::remoteAddress)
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
}
