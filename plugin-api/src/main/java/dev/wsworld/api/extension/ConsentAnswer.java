package dev.wsworld.api.extension;

/** How a user answered a consent prompt. */
public enum ConsentAnswer {
    /** Allowed for this connection only. */
    GRANTED_ONCE,
    /** Allowed now and remembered for this destination. */
    GRANTED_ALWAYS,
    /** Refused; remembered for this destination. */
    DENIED,
    /** Dismissed without an answer. Treated as a refusal for this connection, not remembered. */
    IGNORED,
    /**
     * Nobody could be asked: the host has no {@code ConsentPrompt} extension. Treated as a refusal
     * for this connection, not remembered; the world hears the reason {@code noPrompt}.
     */
    NO_PROMPT;

    /**
     * Whether the connection may go ahead.
     *
     * @return true for {@link #GRANTED_ONCE} and {@link #GRANTED_ALWAYS}
     */
    public boolean granted() {
        return this == GRANTED_ONCE || this == GRANTED_ALWAYS;
    }
}
