package dev.wsworld.websocket.consent;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentMemory;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.extension.ConsentScope;
import dev.wsworld.api.text.TerminalText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one place that asks handling users: through the host's {@link ConsentPrompt}, remembering
 * lasting answers in the host's {@link ConsentMemory} (or in memory when the host has none).
 * Nothing connects without an answer: a host without a prompt gets {@link ConsentAnswer#IGNORED}.
 * At most one prompt is pending per user and destination, later askers share its answer, and a
 * user gets at most {@code promptsPerMinute} prompts a minute.
 */
public final class ConsentGate {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentGate.class);
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final Supplier<List<ConsentPrompt>> prompts;
    private final Supplier<List<ConsentMemory>> memories;
    private volatile int promptsPerMinute;
    private final LongSupplier clock;
    private final ConsentMemory fallback = new InMemory();
    private final Map<ConsentScope, CompletableFuture<ConsentAnswer>> pending = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> promptTimes = new HashMap<>();

    /** @param prompts, memories the host's extensions, highest priority first */
    public ConsentGate(Supplier<List<ConsentPrompt>> prompts, Supplier<List<ConsentMemory>> memories,
                       int promptsPerMinute, LongSupplier nanoClock) {
        this.prompts = prompts;
        this.memories = memories;
        this.promptsPerMinute = promptsPerMinute;
        this.clock = nanoClock;
    }

    public void setPromptsPerMinute(int promptsPerMinute) {
        this.promptsPerMinute = promptsPerMinute;
    }

    /** A lasting answer given earlier for this user and destination. */
    public Optional<ConsentAnswer> remembered(ConsentRequest request) {
        return memory().recall(ConsentScope.of(request));
    }

    /** Why this user may not be prompted now, or empty. A prompt already pending never counts against it. */
    public synchronized Optional<String> rateLimited(ConsentRequest request) {
        if (pending.containsKey(ConsentScope.of(request))) {
            return Optional.empty();
        }
        Deque<Long> times = recentPrompts(request.user().id());
        if (times.size() >= promptsPerMinute) {
            return Optional.of("too many consent prompts for " + request.user().id() + ": " + promptsPerMinute
                    + " in the last minute (limits.promptsPerMinute)");
        }
        return Optional.empty();
    }

    /** Asks the user, or joins the prompt already pending for the same user and destination. */
    public CompletionStage<ConsentAnswer> ask(ConsentRequest request) {
        ConsentScope scope = ConsentScope.of(request);
        CompletableFuture<ConsentAnswer> answer = new CompletableFuture<>();
        CompletableFuture<ConsentAnswer> existing = pending.putIfAbsent(scope, answer);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            recentPrompts(request.user().id()).addLast(clock.getAsLong());
        }
        List<ConsentPrompt> available = prompts.get();
        if (available.isEmpty()) {
            LOG.warn("no ConsentPrompt extension is installed; refusing {} for {}", TerminalText.escape(request.destination()),
                    TerminalText.escape(request.user().id()));
            settle(scope, answer, ConsentAnswer.IGNORED);
            return answer;
        }
        try {
            available.get(0).ask(request).whenComplete((given, error) -> {
                if (error != null) {
                    LOG.warn("consent prompt for {} failed: {}", TerminalText.escape(request.destination()), error.toString());
                }
                settle(scope, answer, error == null && given != null ? given : ConsentAnswer.IGNORED);
            });
        } catch (RuntimeException e) {
            LOG.warn("consent prompt for {} failed: {}", TerminalText.escape(request.destination()), e.toString());
            settle(scope, answer, ConsentAnswer.IGNORED);
        }
        return answer;
    }

    private Deque<Long> recentPrompts(String userId) {
        Deque<Long> times = promptTimes.computeIfAbsent(userId, k -> new ArrayDeque<>());
        long now = clock.getAsLong();
        while (!times.isEmpty() && now - times.peekFirst() >= MINUTE_NANOS) {
            times.removeFirst();
        }
        return times;
    }

    private ConsentMemory memory() {
        List<ConsentMemory> available = memories.get();
        return available.isEmpty() ? fallback : available.get(0);
    }

    private void settle(ConsentScope scope, CompletableFuture<ConsentAnswer> answer, ConsentAnswer given) {
        if (given == ConsentAnswer.GRANTED_ALWAYS || given == ConsentAnswer.DENIED) {
            memory().remember(scope, given);
        }
        pending.remove(scope, answer);
        answer.complete(given);
    }

    /** Lasting decisions kept until the plugin stops, for hosts without a {@link ConsentMemory}. */
    private static final class InMemory implements ConsentMemory {
        private final Map<ConsentScope, ConsentAnswer> decisions = new ConcurrentHashMap<>();

        @Override
        public Optional<ConsentAnswer> recall(ConsentScope scope) {
            return Optional.ofNullable(decisions.get(scope));
        }

        @Override
        public void remember(ConsentScope scope, ConsentAnswer answer) {
            decisions.put(scope, answer);
        }
    }
}
