package dev.wsworld.websocket.connection;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.api.websocketclient.FailureKind;
import dev.wsworld.api.websocketclient.HostAccessScope;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import dev.wsworld.common.text.Failures;
import dev.wsworld.websocket.consent.ConsentGate;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.policy.Destination;
import dev.wsworld.websocket.policy.PolicyDecision;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Request Host Access for one component: asks its handling user ahead of a connection, through
 * every rule a connection meets, in the same order (denylist and addresses in the URL, then the
 * name looked up and every address checked, then the allowlist or the user). Outcomes reach the
 * {@link ConnectionObserver}; the look-up and the answer come back through the connection's inbox,
 * so everything else happens on the world thread.
 */
final class HostAccess {
    private final Supplier<ConnectionServices> services;
    private final ConnectionObserver observer;
    private final Inbox inbox;

    /** Requests waiting for a look-up or an answer, by id. */
    private final Map<Long, Waiting> waiting = new HashMap<>();

    private long lastId;

    private record Waiting(HostAccessRequest request, ConsentRequest consent) {}

    HostAccess(Supplier<ConnectionServices> services, ConnectionObserver observer, Inbox inbox) {
        this.services = services;
        this.observer = observer;
        this.inbox = inbox;
    }

    void start(
            World world,
            User user,
            String objectName,
            String slotPath,
            String rawHost,
            int port,
            HostAccessScope scope,
            String reason) {
        HostAccessRequest named =
                new HostAccessRequest(user == null ? null : user.id(), rawHost, port, scope);
        if (user == null) {
            observer.hostAccessIgnored(named, "no handling user is present");
            return;
        }
        String host;
        try {
            host = CanonicalHost.of(rawHost);
        } catch (IllegalArgumentException e) {
            observer.hostAccessDenied(named, "host " + e.getMessage());
            return;
        }
        HostAccessRequest request = new HostAccessRequest(user.id(), host, port, scope);
        if (port < 1 || port > 65535) {
            observer.hostAccessDenied(request, "port " + port + " is out of range");
            return;
        }
        boolean preGranted = true;
        for (String scheme : scope.schemes()) {
            PolicyDecision decision =
                    services.get().policy().check(destination(scheme, host, port));
            if (decision.verdict() == PolicyDecision.Verdict.BLOCKED) {
                observer.hostAccessDenied(request, decision.reason());
                return;
            }
            preGranted &= decision.verdict() == PolicyDecision.Verdict.PRE_GRANTED;
        }
        ConsentRequest consent =
                new ConsentRequest(
                        world,
                        user,
                        objectName,
                        slotPath,
                        String.join("+", scope.schemes()),
                        host,
                        port,
                        reason);
        long id = ++lastId;
        waiting.put(id, new Waiting(request, consent));
        if (CanonicalHost.isAddress(host)) {
            afterCheck(id, preGranted);
            return;
        }
        boolean granted = preGranted;
        services.get()
                .transport()
                .lookUp(host)
                .whenComplete(
                        (addresses, error) ->
                                inbox.add(
                                        new Inbound.HostAccessLookedUp(
                                                id,
                                                addresses == null ? List.of() : addresses,
                                                error == null
                                                        ? null
                                                        : Failure.of(
                                                                FailureKind.DNS,
                                                                Failures.describe(error)),
                                                granted)));
    }

    void onLookedUp(Inbound.HostAccessLookedUp looked) {
        Waiting request = waiting.get(looked.id());
        if (request == null) {
            return;
        }
        HostAccessRequest asked = request.request();
        boolean proxyResolves =
                asked.scope().schemes().stream()
                        .allMatch(
                                scheme ->
                                        services.get()
                                                .proxyResolves(scheme, asked.host(), asked.port()));
        Failure failure = looked.failure();
        if (failure != null && !proxyResolves) {
            finish(looked.id())
                    .ifPresent(r -> observer.hostAccessIgnored(r.request(), failure.words()));
            return;
        }
        for (String scheme : request.request().scope().schemes()) {
            Optional<String> refusal =
                    services.get()
                            .policy()
                            .checkResolved(
                                    scheme,
                                    request.request().host(),
                                    request.request().port(),
                                    looked.addresses());
            if (refusal.isPresent()) {
                finish(looked.id());
                observer.hostAccessDenied(request.request(), refusal.get());
                return;
            }
        }
        afterCheck(looked.id(), looked.preGranted());
    }

    /** Every rule passed: granted by the allowlist or an earlier answer, or the user is asked. */
    private void afterCheck(long id, boolean preGranted) {
        Waiting request = waiting.get(id);
        if (request == null) {
            return; // withdrawn meanwhile
        }
        ConsentGate gate = services.get().consent();
        if (preGranted) {
            finish(id);
            observer.hostAccessGranted(request.request());
            return;
        }
        Optional<ConsentAnswer> remembered = gate.remembered(request.consent());
        if (remembered.isPresent()) {
            answered(id, remembered.get());
            return;
        }
        Optional<ConsentGate.RateLimit> limited = gate.rateLimited(request.consent());
        if (limited.isPresent()) {
            finish(id);
            observer.hostAccessIgnored(request.request(), limited.get().reason());
            return;
        }
        observer.consentRequested(request.consent());
        gate.askAhead(request.consent(), this)
                .whenComplete(
                        (answer, error) ->
                                inbox.add(
                                        new Inbound.HostAccessAnswered(
                                                id,
                                                error == null && answer != null
                                                        ? answer
                                                        : ConsentAnswer.IGNORED)));
    }

    void onAnswered(Inbound.HostAccessAnswered answered) {
        answered(answered.id(), answered.answer());
    }

    private void answered(long id, ConsentAnswer answer) {
        finish(id)
                .ifPresent(
                        request -> {
                            if (answer.granted()) {
                                observer.hostAccessGranted(request.request());
                            } else if (answer == ConsentAnswer.DENIED) {
                                observer.hostAccessDenied(request.request(), "denied");
                            } else {
                                observer.hostAccessIgnored(request.request(), answer.eventWord());
                            }
                        });
    }

    private Optional<Waiting> finish(long id) {
        return Optional.ofNullable(waiting.remove(id));
    }

    /** The component goes away: its prompts are withdrawn, and nothing more is reported. */
    void withdrawAll() {
        for (Waiting request : waiting.values()) {
            services.get().consent().withdraw(request.consent(), this);
        }
        waiting.clear();
    }

    private static Destination destination(String scheme, String host, int port) {
        try {
            return Destination.parse(
                    URI.create(scheme + "://" + CanonicalHost.forUri(host) + ":" + port + "/"));
        } catch (Destination.InvalidDestinationException | IllegalArgumentException e) {
            throw new IllegalStateException("a canonical host made an invalid URL: " + host, e);
        }
    }
}
