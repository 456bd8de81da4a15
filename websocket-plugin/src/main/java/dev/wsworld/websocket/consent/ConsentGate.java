package dev.wsworld.websocket.consent;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.extension.ConsentRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Asks handling users through the host's {@link ConsentPrompt} and remembers lasting answers.
 * Nothing connects without an answer: a host without a prompt gets {@link ConsentAnswer#IGNORED}.
 * At most one prompt is pending per user and destination; later askers share its answer.
 */
public final class ConsentGate {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentGate.class);

    private final Supplier<List<ConsentPrompt>> prompts;
    private final Map<ConsentKey, ConsentAnswer> remembered = new ConcurrentHashMap<>();
    private final Map<ConsentKey, CompletableFuture<ConsentAnswer>> pending = new ConcurrentHashMap<>();

    /** @param prompts the host's prompts, highest priority first */
    public ConsentGate(Supplier<List<ConsentPrompt>> prompts) {
        this.prompts = prompts;
    }

    /** A lasting answer given earlier for this user and destination. */
    public Optional<ConsentAnswer> remembered(ConsentRequest request) {
        return Optional.ofNullable(remembered.get(ConsentKey.of(request)));
    }

    /** Asks the user, or joins the prompt already pending for the same user and destination. */
    public CompletionStage<ConsentAnswer> ask(ConsentRequest request) {
        ConsentKey key = ConsentKey.of(request);
        CompletableFuture<ConsentAnswer> answer = new CompletableFuture<>();
        CompletableFuture<ConsentAnswer> existing = pending.putIfAbsent(key, answer);
        if (existing != null) {
            return existing;
        }
        List<ConsentPrompt> available = prompts.get();
        if (available.isEmpty()) {
            LOG.warn("no ConsentPrompt extension is installed; refusing {} for {}", request.destination(),
                    request.user().id());
            settle(key, answer, ConsentAnswer.IGNORED);
            return answer;
        }
        try {
            available.get(0).ask(request).whenComplete((given, error) -> {
                if (error != null) {
                    LOG.warn("consent prompt for {} failed: {}", request.destination(), error.toString());
                }
                settle(key, answer, error == null && given != null ? given : ConsentAnswer.IGNORED);
            });
        } catch (RuntimeException e) {
            LOG.warn("consent prompt for {} failed: {}", request.destination(), e.toString());
            settle(key, answer, ConsentAnswer.IGNORED);
        }
        return answer;
    }

    /** Lasting decisions, for listing. */
    public Map<ConsentKey, ConsentAnswer> decisions() {
        return Map.copyOf(remembered);
    }

    /** Forgets lasting decisions of a user for a host (any port when {@code port} is null). */
    public int revoke(String userId, String host, Integer port) {
        int before = remembered.size();
        remembered.keySet().removeIf(k -> k.userId().equals(userId) && k.host().equalsIgnoreCase(host)
                && (port == null || k.port() == port));
        return before - remembered.size();
    }

    private void settle(ConsentKey key, CompletableFuture<ConsentAnswer> answer, ConsentAnswer given) {
        if (given == ConsentAnswer.GRANTED_ALWAYS || given == ConsentAnswer.DENIED) {
            remembered.put(key, given);
        }
        pending.remove(key, answer);
        answer.complete(given);
    }
}
