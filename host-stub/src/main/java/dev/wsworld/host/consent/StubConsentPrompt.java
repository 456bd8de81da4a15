package dev.wsworld.host.consent;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.extension.ConsentRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Asks the person at the console, standing in for each user's own screen: a prompt answered with
 * the {@code answer} command. A user with an answer preset by whoever runs the host ({@link
 * ConsentPresets}) gets it at once; when the host runs headless, an unanswered prompt counts as
 * ignored. A world can never answer.
 */
public final class StubConsentPrompt implements ConsentPrompt {
    private final PendingPrompts prompts;
    private final ConsentPresets presets;

    public StubConsentPrompt(PendingPrompts prompts, ConsentPresets presets) {
        this.prompts = prompts;
        this.presets = presets;
    }

    @Override
    public CompletionStage<ConsentAnswer> ask(ConsentRequest request) {
        Optional<ConsentAnswer> preset = presets.of(request.user().id());
        if (preset.isPresent()) {
            return CompletableFuture.completedFuture(preset.get());
        }
        if (prompts.interactive()) {
            return prompts.add(request);
        }
        return CompletableFuture.completedFuture(ConsentAnswer.IGNORED);
    }

    /** Takes a prompt off the console: the plugin no longer waits for its answer. */
    @Override
    public void withdraw(ConsentRequest request) {
        prompts.withdraw(request);
    }
}
