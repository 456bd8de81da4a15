package dev.wsworld.websocket.consent;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentMemory;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.extension.ConsentScope;
import dev.wsworld.api.world.World;
import dev.wsworld.common.text.TerminalText;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that asks handling users: through the host's {@link ConsentPrompt}, remembering
 * lasting answers in the host's {@link ConsentMemory} (or in memory when the host has none).
 * Nothing connects without an answer: a host without a prompt gets {@link ConsentAnswer#IGNORED}. A
 * prompt nobody waits for any more is withdrawn, and an answer to it grants nothing.
 *
 * <p>What is whose. A prompt belongs to the world that asks: at most one is pending per world, user
 * and destination, later askers of that world share its answer, and a one-time "allow" (and a
 * Request Host Access "allow", which lasts until the plugin stops) grants only in that world. What
 * a person decided for good ("always", "deny") is theirs across the host, as {@link
 * dev.wsworld.api.world.User#id()} names one person in every world; so is the prompt rate, at most
 * {@code promptsPerMinute} prompts a minute however many worlds ask.
 *
 * <p>Threads: called on the update threads of every world; the maps are guarded by this gate, held
 * only for map work, never while a prompt or a memory runs.
 */
public final class ConsentGate {
    /**
     * Said once: a host without a prompt refuses every connection that needs one, and should hear
     * why.
     */
    private volatile boolean warnedNoPrompt;

    private static final Logger LOG = LoggerFactory.getLogger(ConsentGate.class);
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final Supplier<List<ConsentPrompt>> prompts;
    private final Supplier<List<ConsentMemory>> memories;
    private volatile int promptsPerMinute;
    private final LongSupplier clock;
    private final ConsentMemory fallback = new InMemory();

    /** Prompts on users' screens, by the world asking and what it asks. Guarded by this gate. */
    private final Map<PromptKey, Pending> pending = new HashMap<>();

    /**
     * Destinations a user allowed when asked ahead (Request Host Access), per world, until the
     * plugin stops; a closed world's grants go with it. Guarded by this gate.
     */
    private final Map<World, Set<ConsentScope>> sessionGrants = new WeakHashMap<>();

    /** When each person was last prompted, in any world. Guarded by this gate. */
    private final Map<String, Deque<Long>> promptTimes = new HashMap<>();

    /** A prompt's identity: the world that asks, and the user and destination it asks about. */
    private record PromptKey(World world, ConsentScope scope) {
        static PromptKey of(ConsentRequest request) {
            return new PromptKey(request.world(), ConsentScope.of(request));
        }
    }

    /**
     * @param prompts, memories the host's extensions, highest priority first
     */
    public ConsentGate(
            Supplier<List<ConsentPrompt>> prompts,
            Supplier<List<ConsentMemory>> memories,
            int promptsPerMinute,
            LongSupplier nanoClock) {
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
        List<ConsentScope> scopes = scopes(request);
        List<Optional<ConsentAnswer>> recalled =
                scopes.stream().map(scope -> memory().recall(scope)).toList();
        if (recalled.stream().anyMatch(a -> a.equals(Optional.of(ConsentAnswer.DENIED)))) {
            return Optional.of(ConsentAnswer.DENIED);
        }
        if (recalled.stream().allMatch(a -> a.equals(Optional.of(ConsentAnswer.GRANTED_ALWAYS)))) {
            return Optional.of(ConsentAnswer.GRANTED_ALWAYS);
        }
        Set<ConsentScope> grantedHere = sessionGrants(request.world());
        if (scopes.stream()
                .allMatch(
                        scope ->
                                grantedHere.contains(scope)
                                        || memory().recall(scope)
                                                .equals(
                                                        Optional.of(
                                                                ConsentAnswer.GRANTED_ALWAYS)))) {
            return Optional.of(ConsentAnswer.GRANTED_ONCE);
        }
        return Optional.empty();
    }

    /** What the user allowed ahead in {@code world}; a copy, read outside the gate's lock. */
    private synchronized Set<ConsentScope> sessionGrants(World world) {
        Set<ConsentScope> granted = sessionGrants.get(world);
        return granted == null ? Set.of() : Set.copyOf(granted);
    }

    /** A request names one scheme, or {@code ws+wss} for both: one scope per scheme. */
    private static List<ConsentScope> scopes(ConsentRequest request) {
        return Arrays.stream(request.scheme().split("\\+"))
                .map(
                        scheme ->
                                new ConsentScope(
                                        request.user().id(),
                                        scheme,
                                        request.host(),
                                        request.port()))
                .toList();
    }

    /**
     * Why a user may not be prompted now, and when they may be again.
     *
     * @param reason for LastError and the world's event
     * @param retryAfter until the oldest prompt of the last minute leaves the window
     */
    public record RateLimit(String reason, Duration retryAfter) {}

    /**
     * When this user may not be prompted now, why and for how long; empty when they may. A prompt
     * already pending never counts against it.
     */
    public synchronized Optional<RateLimit> rateLimited(ConsentRequest request) {
        if (pending.containsKey(PromptKey.of(request))) {
            return Optional.empty();
        }
        Deque<Long> times = recentPrompts(request.user().id());
        if (times.size() >= promptsPerMinute) {
            long waitNanos = Math.max(1, times.peekFirst() + MINUTE_NANOS - clock.getAsLong());
            return Optional.of(
                    new RateLimit(
                            "too many consent prompts for "
                                    + request.user().id()
                                    + ": "
                                    + promptsPerMinute
                                    + " in the last minute (limits.promptsPerMinute)",
                            Duration.ofNanos(waitNanos)));
        }
        return Optional.empty();
    }

    /**
     * Asks the user, or joins the prompt already pending for the same user and destination.
     *
     * @param asker who waits for the answer (a connection); {@link #withdraw} names it again
     */
    public CompletionStage<ConsentAnswer> ask(ConsentRequest request, Object asker) {
        return ask(request, asker, false);
    }

    /**
     * Asks ahead of a connection (Request Host Access): as {@link #ask}, and an "allow" answer
     * grants the destination until the plugin stops, so a later connection is not asked again.
     */
    public CompletionStage<ConsentAnswer> askAhead(ConsentRequest request, Object asker) {
        return ask(request, asker, true);
    }

    private CompletionStage<ConsentAnswer> ask(
            ConsentRequest request, Object asker, boolean ahead) {
        PromptKey key = PromptKey.of(request);
        Pending prompt;
        synchronized (this) {
            Pending existing = pending.get(key);
            if (existing != null) {
                existing.askers.add(asker);
                existing.ahead |= ahead;
                return existing.answer;
            }
            prompt = new Pending(request);
            prompt.ahead = ahead;
            prompt.askers.add(asker);
            pending.put(key, prompt);
            recentPrompts(request.user().id()).addLast(clock.getAsLong());
        }
        List<ConsentPrompt> available = prompts.get();
        if (available.isEmpty()) {
            if (!warnedNoPrompt) {
                warnedNoPrompt = true;
                LOG.warn(
                        "no ConsentPrompt extension is installed, so nobody can be asked: every"
                            + " connection that needs consent is refused (reason noPrompt). Install"
                            + " a ConsentPrompt extension in the host, or pre-grant destinations"
                            + " with the allowlist");
            }
            LOG.debug(
                    "no ConsentPrompt: refusing {} for {} in world {}",
                    TerminalText.escape(request.destination()),
                    TerminalText.escape(request.user().id()),
                    TerminalText.escape(request.world().name()));
            settle(key, prompt, ConsentAnswer.NO_PROMPT);
            return prompt.answer;
        }
        ConsentPrompt shownBy = available.get(0);
        prompt.shownBy = shownBy;
        try {
            shownBy.ask(request)
                    .whenComplete(
                            (given, error) -> {
                                if (error != null) {
                                    LOG.warn(
                                            "consent prompt for {} in world {} failed: {}",
                                            TerminalText.escape(request.destination()),
                                            TerminalText.escape(request.world().name()),
                                            TerminalText.escape(error.toString()));
                                }
                                settle(
                                        key,
                                        prompt,
                                        error == null && given != null
                                                ? given
                                                : ConsentAnswer.IGNORED);
                            });
        } catch (RuntimeException e) {
            LOG.warn(
                    "consent prompt for {} in world {} failed: {}",
                    TerminalText.escape(request.destination()),
                    TerminalText.escape(request.world().name()),
                    TerminalText.escape(e.toString()));
            settle(key, prompt, ConsentAnswer.IGNORED);
        }
        return prompt.answer;
    }

    /**
     * {@code asker} no longer waits for the answer to {@code request}. When nobody else waits for
     * it, the prompt is withdrawn from the user's screen, and an answer given after that grants
     * nothing.
     *
     * @return whether the prompt itself was withdrawn (false: someone else still waits, or it was
     *     answered)
     */
    public boolean withdraw(ConsentRequest request, Object asker) {
        PromptKey key = PromptKey.of(request);
        Pending prompt;
        synchronized (this) {
            prompt = pending.get(key);
            if (prompt == null || !prompt.askers.remove(asker) || !prompt.askers.isEmpty()) {
                return false;
            }
            pending.remove(key);
            prompt.withdrawn = true;
        }
        takeDown(prompt);
        return true;
    }

    /** The plugin stops: every prompt still shown is withdrawn. */
    public void withdrawAll() {
        List<Pending> shown;
        synchronized (this) {
            shown = List.copyOf(pending.values());
            shown.forEach(prompt -> prompt.withdrawn = true);
            pending.clear();
        }
        shown.forEach(this::takeDown);
    }

    private void takeDown(Pending prompt) {
        if (prompt.shownBy != null) {
            try {
                prompt.shownBy.withdraw(prompt.request);
            } catch (RuntimeException e) {
                LOG.warn(
                        "withdrawing the consent prompt for {} in world {} failed: {}",
                        TerminalText.escape(prompt.request.destination()),
                        TerminalText.escape(prompt.request.world().name()),
                        TerminalText.escape(e.toString()));
            }
        }
        prompt.answer.complete(ConsentAnswer.IGNORED); // nobody listens any more
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

    private void settle(PromptKey key, Pending prompt, ConsentAnswer given) {
        synchronized (this) {
            if (prompt.withdrawn) {
                LOG.info(
                        "an answer ({}) to a withdrawn consent prompt for {} in world {} was"
                                + " ignored: it grants nothing",
                        given,
                        TerminalText.escape(prompt.request.destination()),
                        TerminalText.escape(prompt.request.world().name()));
                return;
            }
            pending.remove(key, prompt);
            if (given == ConsentAnswer.GRANTED_ONCE && prompt.ahead) {
                sessionGrants
                        .computeIfAbsent(key.world(), world -> new HashSet<>())
                        .addAll(scopes(prompt.request));
            }
        }
        if (given == ConsentAnswer.GRANTED_ALWAYS || given == ConsentAnswer.DENIED) {
            for (ConsentScope each : scopes(prompt.request)) {
                memory().remember(each, given);
            }
        }
        prompt.answer.complete(given);
    }

    /**
     * A prompt on a user's screen, and the connections waiting for its answer. Guarded by the gate.
     */
    private static final class Pending {
        final ConsentRequest request;
        final CompletableFuture<ConsentAnswer> answer = new CompletableFuture<>();
        final Set<Object> askers = Collections.newSetFromMap(new IdentityHashMap<>());
        ConsentPrompt shownBy;
        boolean withdrawn;

        /** Asked ahead of a connection: "allow" lasts until the plugin stops. */
        boolean ahead;

        Pending(ConsentRequest request) {
            this.request = request;
        }
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
