package dev.wsworld.testkit;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.extension.ConsentRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opentest4j.AssertionFailedError;

/**
 * The kit's {@link ConsentPrompt}, the host extension a {@link TestWorld} installs: it answers by a
 * {@link ConsentPolicy} (yes, no, dismissed) or, with {@link ConsentPolicy#ASK}, leaves each prompt
 * open for the test to answer. Every prompt is recorded either way.
 *
 * <pre>{@code
 * world.consent().policy(ConsentPolicy.ASK);
 * TestConsentPrompt.Prompt prompt = world.consent().awaitPrompt();
 * assertEquals("alice", prompt.request().user().id());
 * prompt.answer(ConsentAnswer.GRANTED_ONCE);
 * }</pre>
 */
public final class TestConsentPrompt implements ConsentPrompt {
    private final Timeline<Prompt> prompts = new Timeline<>();
    private volatile ConsentPolicy policy;
    private int taken;

    /**
     * A prompt with a policy.
     *
     * @param policy how it answers
     */
    public TestConsentPrompt(ConsentPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** One time the plugin asked a user, and what became of it. */
    public static final class Prompt {
        private final ConsentRequest request;
        private final CompletableFuture<ConsentAnswer> answer = new CompletableFuture<>();
        private volatile boolean withdrawn;

        private Prompt(ConsentRequest request) {
            this.request = request;
        }

        /**
         * What the plugin asked.
         *
         * @return the request: the world, the user, the object and the destination
         */
        public ConsentRequest request() {
            return request;
        }

        /**
         * Answers as the user would. An answer after the plugin withdrew the prompt grants nothing.
         *
         * @param answer the user's answer
         * @throws IllegalStateException when the prompt was answered already
         */
        public void answer(ConsentAnswer answer) {
            if (!this.answer.complete(Objects.requireNonNull(answer, "answer"))) {
                throw new IllegalStateException(
                        "this prompt was answered already: " + this.answer.join());
            }
        }

        /**
         * The answer it got, from the policy or the test.
         *
         * @return the answer, or null while it has none
         */
        public ConsentAnswer givenAnswer() {
            return this.answer.getNow(null);
        }

        /**
         * Whether it has an answer (from the policy or the test).
         *
         * @return true once answered
         */
        public boolean answered() {
            return answer.isDone();
        }

        /**
         * Whether the plugin took it back ({@link ConsentPrompt#withdraw}): nobody waits for its
         * answer any more.
         *
         * @return true once withdrawn
         */
        public boolean withdrawn() {
            return withdrawn;
        }

        @Override
        public String toString() {
            return request.user().id()
                    + " asked about "
                    + request.destination()
                    + " for "
                    + request.slotPath()
                    + (answer.isDone() ? ": " + answer.join() : "")
                    + (withdrawn ? " (withdrawn)" : "");
        }
    }

    /**
     * Changes how prompts from now on are answered; open prompts stay open.
     *
     * @param next the new policy
     */
    public void policy(ConsentPolicy next) {
        policy = Objects.requireNonNull(next, "next");
    }

    /**
     * How prompts are answered now.
     *
     * @return the policy
     */
    public ConsentPolicy policy() {
        return policy;
    }

    /**
     * Called by the plugin on the update thread: records the prompt and answers by the policy, or
     * leaves it for the test.
     *
     * @param request what the plugin asks
     * @return the answer, at once or when the test gives it
     */
    @Override
    public CompletionStage<ConsentAnswer> ask(ConsentRequest request) {
        Prompt prompt = new Prompt(request);
        policy.answer().ifPresent(prompt.answer::complete);
        prompts.add(prompt);
        return prompt.answer;
    }

    /**
     * Called by the plugin when it no longer needs an answer: marks the prompt withdrawn.
     *
     * @param request the request, as given to {@link #ask}
     */
    @Override
    public void withdraw(ConsentRequest request) {
        for (Prompt prompt : prompts.snapshot()) {
            if (prompt.request.equals(request)) {
                prompt.withdrawn = true;
            }
        }
    }

    /**
     * Every prompt so far, answered or not, in order.
     *
     * @return a snapshot
     */
    public List<Prompt> prompts() {
        return prompts.snapshot();
    }

    /**
     * Waits for the next prompt: each call returns the one after the prompt the previous call
     * returned.
     *
     * @return the prompt
     * @throws AssertionFailedError when none comes within 20 s
     */
    public Prompt awaitPrompt() {
        return awaitPrompt(Waits.DEFAULT);
    }

    /**
     * As {@link #awaitPrompt()}, with a timeout of the test's choosing.
     *
     * @param timeout how long to wait at most
     * @return the prompt
     * @throws AssertionFailedError when none comes in time
     */
    public Prompt awaitPrompt(Duration timeout) {
        int from;
        synchronized (this) {
            from = taken;
        }
        int index = prompts.awaitIndex(from, prompt -> true, timeout);
        if (index < 0) {
            throw new AssertionFailedError(
                    "no consent prompt number "
                            + (from + 1)
                            + " within "
                            + timeout
                            + "; prompts so far:\n"
                            + Timeline.describe(prompts.snapshot()));
        }
        synchronized (this) {
            taken = Math.max(taken, index + 1);
        }
        return prompts.get(index);
    }
}
