package dev.wsworld.host.consent;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.hostsupport.world.SimpleUser;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers consent prompts the way each user's {@code consent:} policy in the world file says. A
 * user with {@code ask} is prompted on the console (standing in for that user's own screen) and
 * answered with the {@code answer} command; when the host runs headless, {@code ask} counts as
 * ignore.
 */
public final class StubConsentPrompt implements ConsentPrompt {
    private final PendingPrompts prompts;

    public StubConsentPrompt(PendingPrompts prompts) {
        this.prompts = prompts;
    }

    @Override
    public CompletionStage<ConsentAnswer> ask(ConsentRequest request) {
        if (!(request.user() instanceof SimpleUser user)) {
            return CompletableFuture.completedFuture(ConsentAnswer.IGNORED);
        }
        switch (user.consent()) {
            case ALLOW:
                return CompletableFuture.completedFuture(ConsentAnswer.GRANTED_ONCE);
            case DENY:
                return CompletableFuture.completedFuture(ConsentAnswer.DENIED);
            case IGNORE:
                return CompletableFuture.completedFuture(ConsentAnswer.IGNORED);
            default:
                if (prompts.interactive()) {
                    return prompts.add(request);
                }
                return CompletableFuture.completedFuture(ConsentAnswer.IGNORED);
        }
    }

    /** Takes a prompt off the console: the plugin no longer waits for its answer. */
    @Override
    public void withdraw(ConsentRequest request) {
        prompts.withdraw(request);
    }
}
