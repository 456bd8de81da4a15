package dev.wsworld.host.consent;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.text.TerminalText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Prompts waiting for the console's {@code answer USER ...} command, oldest first. Thread-safe: the
 * world asks on its update thread, the console answers on its own.
 */
public final class PendingPrompts {
    private final Map<String, List<Pending>> byUser = new LinkedHashMap<>();
    private final Consumer<String> display;
    private final boolean interactive;

    /**
     * @param display     prints a prompt for the person at the console
     * @param interactive whether someone can answer at the console ({@code ask} counts as ignore otherwise)
     */
    public PendingPrompts(Consumer<String> display, boolean interactive) {
        this.display = display;
        this.interactive = interactive;
    }

    public boolean interactive() {
        return interactive;
    }

    synchronized CompletableFuture<ConsentAnswer> add(ConsentRequest request) {
        CompletableFuture<ConsentAnswer> answer = new CompletableFuture<>();
        byUser.computeIfAbsent(request.user().id(), k -> new ArrayList<>()).add(new Pending(request, answer));
        // one line each, escaped whole: names, the destination and the reason come from the world
        display.accept(TerminalText.escape("consent: " + request.objectName() + " (" + request.slotPath() + ") asks "
                + request.user().id() + " to connect to " + request.destination()
                + (request.reason().isEmpty() ? "" : " — \"" + request.reason() + "\"")));
        display.accept(TerminalText.escape("  answer with: answer " + request.user().id() + " allow|always|deny|ignore"));
        return answer;
    }

    /**
     * Answers the oldest pending prompt of a user.
     *
     * @return the request answered
     * @throws IllegalArgumentException when the user has no pending prompt
     */
    public ConsentRequest answer(String userId, ConsentAnswer answer) {
        Pending oldest;
        synchronized (this) {
            List<Pending> pending = byUser.get(userId);
            if (pending == null || pending.isEmpty()) {
                throw new IllegalArgumentException("no consent prompt is pending for '" + userId + "'");
            }
            oldest = pending.remove(0);
            if (pending.isEmpty()) {
                byUser.remove(userId);
            }
        }
        oldest.answer().complete(answer);
        return oldest.request();
    }

    public synchronized int pendingCount() {
        return byUser.values().stream().mapToInt(List::size).sum();
    }

    private record Pending(ConsentRequest request, CompletableFuture<ConsentAnswer> answer) {
    }
}
