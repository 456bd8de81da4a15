package dev.wsworld.testkit;

import dev.wsworld.api.extension.ConsentAnswer;
import java.util.Optional;

/**
 * How the kit's {@link TestConsentPrompt} answers when the plugin asks a user whether an object may
 * connect. Consent is the user's or the host's, never the world's: a test chooses it here, as a
 * host would ask its user.
 */
public enum ConsentPolicy {
    /** Every user says yes, for this connection ({@link ConsentAnswer#GRANTED_ONCE}). */
    ALLOW(ConsentAnswer.GRANTED_ONCE),
    /** Every user says no ({@link ConsentAnswer#DENIED}). */
    DENY(ConsentAnswer.DENIED),
    /** Every user dismisses the prompt ({@link ConsentAnswer#IGNORED}). */
    IGNORE(ConsentAnswer.IGNORED),
    /**
     * Nobody answers until the test does: {@link TestConsentPrompt#awaitPrompt()}, then {@link
     * TestConsentPrompt.Prompt#answer}.
     */
    ASK(null);

    private final ConsentAnswer answer;

    ConsentPolicy(ConsentAnswer answer) {
        this.answer = answer;
    }

    /**
     * The answer given at once.
     *
     * @return the answer, or empty for {@link #ASK}
     */
    public Optional<ConsentAnswer> answer() {
        return Optional.ofNullable(answer);
    }
}
