package dev.wsworld.websocket.policy;

import dev.wsworld.api.net.CanonicalHost;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides which destinations may be asked for at all. Checked in order: the
 * denylist; private and special addresses (for addresses written in the URL here, for names after
 * DNS in {@link #checkResolved}); the allowlist (pre-granted); {@code onlyAllowlisted}.
 *
 * @param allowlist pre-granted for every user
 * @param denylist always refused
 * @param onlyAllowlisted refuse what is not on the allowlist
 * @param blockPrivateAddresses refuse special addresses unless an allowlist entry names that host
 *     exactly
 */
public record DestinationPolicy(
        List<DestinationPattern> allowlist,
        List<DestinationPattern> denylist,
        boolean onlyAllowlisted,
        boolean blockPrivateAddresses) {
    public DestinationPolicy {
        allowlist = List.copyOf(allowlist);
        denylist = List.copyOf(denylist);
    }

    public static DestinationPolicy permissive() {
        return new DestinationPolicy(List.of(), List.of(), false, false);
    }

    /** The same policy with more pre-granted entries (destinations the host vouches for). */
    public DestinationPolicy withAllowed(List<DestinationPattern> extra) {
        List<DestinationPattern> all = new ArrayList<>(allowlist);
        all.addAll(extra);
        return new DestinationPolicy(all, denylist, onlyAllowlisted, blockPrivateAddresses);
    }

    public PolicyDecision check(Destination destination) {
        for (DestinationPattern entry : denylist) {
            if (entry.matches(destination)) {
                return PolicyDecision.blocked("denylist entry '" + entry + "'");
            }
        }
        if (CanonicalHost.isAddress(destination.host())) {
            try {
                Optional<String> refusal =
                        checkResolved(
                                destination.scheme(),
                                destination.host(),
                                destination.port(),
                                List.of(InetAddress.getByName(destination.host())));
                if (refusal.isPresent()) {
                    return PolicyDecision.blocked(refusal.get());
                }
            } catch (UnknownHostException e) {
                return PolicyDecision.blocked("address " + destination.host() + " is malformed");
            }
        }
        for (DestinationPattern entry : allowlist) {
            if (entry.matches(destination)) {
                return new PolicyDecision(
                        PolicyDecision.Verdict.PRE_GRANTED, "allowlist entry '" + entry + "'");
            }
        }
        if (onlyAllowlisted) {
            return PolicyDecision.blocked("not on the allowlist (onlyAllowlisted is on)");
        }
        return new PolicyDecision(PolicyDecision.Verdict.ASK, "");
    }

    /**
     * Checks every address a host name resolved to; empty when all may be used. A denylist entry
     * naming an address refuses every name that resolves to it.
     *
     * @param scheme {@code ws} or {@code wss}; null when unknown, and then a denylist entry for
     *     either scheme refuses
     */
    public Optional<String> checkResolved(
            String scheme, String host, int port, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            String canonical = CanonicalHost.of(address);
            for (DestinationPattern entry : denylist) {
                if (entry.namesAddress(scheme, canonical, port)) {
                    return Optional.of(
                            "denylist entry '"
                                    + entry
                                    + "'"
                                    + (canonical.equals(host)
                                            ? ""
                                            : ": " + host + " resolves to " + canonical));
                }
            }
        }
        if (!blockPrivateAddresses) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> special = SpecialAddresses.classify(address);
            if (special.isPresent() && !explicitlyAllowed(host, address, port)) {
                String shown = CanonicalHost.of(address);
                String subject =
                        shown.equals(host)
                                ? "address " + shown
                                : host + " resolves to " + shown + ",";
                return Optional.of(
                        subject
                                + " "
                                + special.get()
                                + " (network.blockPrivateAddresses; an allowlist entry naming this"
                                + " host lifts it)");
            }
        }
        return Optional.empty();
    }

    private boolean explicitlyAllowed(String host, InetAddress address, int port) {
        for (DestinationPattern entry : allowlist) {
            if (entry.namesExactly(host, port)
                    || entry.namesExactly(CanonicalHost.of(address), port)) {
                return true;
            }
        }
        return false;
    }
}
