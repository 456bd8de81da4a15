package dev.wsworld.api.extension;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Where lasting consent decisions ("allow always", "deny") are kept, so they survive a restart.
 * Hosts implement it (host-support's {@code ConsentDecisionsFile} keeps a YAML file); without one,
 * decisions last until the plugin stops. Called on the update thread; must answer from memory.
 */
public interface ConsentMemory extends ExtensionPoint {
    /**
     * The lasting decision for that scope. Called on the update thread.
     *
     * @param scope user, scheme, host and port
     * @return {@link ConsentAnswer#GRANTED_ALWAYS}, {@link ConsentAnswer#DENIED}, or empty when
     *     undecided
     */
    Optional<ConsentAnswer> recall(ConsentScope scope);

    /**
     * Keeps a lasting decision; called on any thread, the update thread included (an answer can
     * arrive at once). It must not block: write to disk later, on a thread of the host's own, as
     * host-support's {@code ConsentDecisionsFile} does. A later call for the same scope replaces
     * the earlier one.
     *
     * @param scope user, scheme, host and port
     * @param answer {@link ConsentAnswer#GRANTED_ALWAYS} or {@link ConsentAnswer#DENIED}
     */
    void remember(ConsentScope scope, ConsentAnswer answer);
}
