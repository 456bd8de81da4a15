package dev.wsworld.api.extension;

import org.pf4j.ExtensionPoint;

import java.util.concurrent.CompletionStage;

/**
 * Asks a user whether an object may connect on their behalf. The answer comes asynchronously; the
 * world never waits on it. The highest {@code @Extension(ordinal)} implementation is used.
 */
public interface ConsentPrompt extends ExtensionPoint {
    /**
     * Starts asking. Called on the update thread; must return at once.
     *
     * @return completes with the user's answer, on any thread; completing exceptionally counts as
     *         {@link ConsentAnswer#IGNORED}
     */
    CompletionStage<ConsentAnswer> ask(ConsentRequest request);
}
