package dev.wsworld.api.extension;

import java.util.concurrent.CompletionStage;
import org.pf4j.ExtensionPoint;

/**
 * Asks a user whether an object may connect on their behalf. The answer comes asynchronously; the
 * world never waits on it. The highest {@code @Extension(ordinal)} implementation is used.
 */
public interface ConsentPrompt extends ExtensionPoint {
    /**
     * Starts asking. Called on the update thread; must return at once.
     *
     * @param request who is asked, about which object and destination, and why
     * @return completes with the user's answer, on any thread; completing exceptionally counts as
     *     {@link ConsentAnswer#IGNORED}
     */
    CompletionStage<ConsentAnswer> ask(ConsentRequest request);

    /**
     * The plugin no longer needs the answer to a prompt this extension was asked with {@code
     * request}: the component asking went away, its URL, HandlingUser or Enabled changed, its
     * handling user changed or left, or the plugin stops. Take the prompt off the user's screen. An
     * answer given after this is ignored and grants nothing. Called on the update thread (or the
     * thread stopping the plugin); must return at once. Hosts whose prompts cannot be withdrawn may
     * leave it as it is.
     *
     * @param request the request, as given to {@link #ask}
     */
    default void withdraw(ConsentRequest request) {}
}
