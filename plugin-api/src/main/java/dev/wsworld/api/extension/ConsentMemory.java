package dev.wsworld.api.extension;

import org.pf4j.ExtensionPoint;

import java.util.Optional;

/**
 * Where lasting consent decisions ("allow always", "deny") are kept, so they survive a restart.
 * Hosts implement it (the host stub keeps a YAML file); without one, decisions last until the
 * plugin stops. Called on the update thread; must answer from memory.
 */
public interface ConsentMemory extends ExtensionPoint {
    /** The lasting decision for that scope: {@link ConsentAnswer#GRANTED_ALWAYS} or {@link ConsentAnswer#DENIED}. */
    Optional<ConsentAnswer> recall(ConsentScope scope);

    /** Keeps a lasting decision; called on any thread. */
    void remember(ConsentScope scope, ConsentAnswer answer);
}
