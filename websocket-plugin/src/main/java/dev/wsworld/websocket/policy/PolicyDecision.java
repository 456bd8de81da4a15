package dev.wsworld.websocket.policy;

/**
 * What the policy says about a destination before anyone is asked.
 *
 * @param verdict what happens next
 * @param reason the rule that decided, for events and LastError
 */
public record PolicyDecision(Verdict verdict, String reason) {
    public enum Verdict {
        /** Refused without a prompt; not retried until a field or the configuration changes. */
        BLOCKED,
        /** On the allowlist: no prompt. */
        PRE_GRANTED,
        /** The handling user decides. */
        ASK
    }

    public static PolicyDecision blocked(String reason) {
        return new PolicyDecision(Verdict.BLOCKED, reason);
    }
}
