package dev.wsworld.host.consent;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.text.TerminalText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Prompts waiting for the console's {@code answer USER [ID] ...} command, oldest first, each with a
 * number. Thread-safe: the world asks and withdraws on its update thread, the console answers on
 * its own.
 */
public final class PendingPrompts {
    /** Withdrawn prompt numbers remembered, so a late answer can be told what happened to it. */
    private static final int WITHDRAWN_REMEMBERED = 256;

    private final Map<Long, Pending> byId = new LinkedHashMap<>();
    private final Map<Long, String> withdrawn =
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                    return size() > WITHDRAWN_REMEMBERED;
                }
            };
    private final Consumer<String> display;
    private final boolean interactive;
    private long lastId;

    /** A prompt on the console, as {@code prompts} lists it. */
    public record Pending(
            long id, ConsentRequest request, CompletableFuture<ConsentAnswer> answer) {
        /** One line, escaped for the terminal: every part of it but the id comes from the world. */
        public String describe() {
            return TerminalText.escape(
                    "#"
                            + id
                            + " "
                            + request.user().id()
                            + ": "
                            + request.objectName()
                            + " ("
                            + request.slotPath()
                            + ") to "
                            + request.destination()
                            + (request.reason().isEmpty()
                                    ? ""
                                    : " — \"" + request.reason() + "\""));
        }
    }

    /**
     * @param display prints a line for the person at the console
     * @param interactive whether someone can answer at the console ({@code ask} counts as ignore
     *     otherwise)
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
        long id = ++lastId;
        byId.put(id, new Pending(id, request, answer));
        // one line each, escaped whole: names, the destination and the reason come from the world
        display.accept(
                TerminalText.escape(
                        "consent #"
                                + id
                                + ": "
                                + request.objectName()
                                + " ("
                                + request.slotPath()
                                + ") asks "
                                + request.user().id()
                                + " to connect to "
                                + request.destination()
                                + (request.reason().isEmpty()
                                        ? ""
                                        : " — \"" + request.reason() + "\"")));
        display.accept(
                TerminalText.escape(
                        "  answer with: answer "
                                + request.user().id()
                                + " ["
                                + id
                                + "] allow|always|deny|ignore"));
        return answer;
    }

    /** The plugin no longer waits for these prompts: they are taken down and say so. */
    void withdraw(ConsentRequest request) {
        List<Pending> taken = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Pending> it = byId.values().iterator(); it.hasNext(); ) {
                Pending pending = it.next();
                if (pending.request().equals(request)) {
                    it.remove();
                    withdrawn.put(pending.id(), pending.request().user().id());
                    taken.add(pending);
                }
            }
        }
        for (Pending pending : taken) {
            display.accept(
                    TerminalText.escape(
                            "consent #"
                                    + pending.id()
                                    + " withdrawn: "
                                    + request.objectName()
                                    + " no longer asks "
                                    + request.user().id()
                                    + " to connect to "
                                    + request.destination()));
            pending.answer().complete(ConsentAnswer.IGNORED);
        }
    }

    /**
     * Answers a pending prompt of a user: the one numbered {@code id}, or the oldest.
     *
     * @return the request answered
     * @throws IllegalArgumentException when there is no such prompt, saying whether it was
     *     withdrawn
     */
    public ConsentRequest answer(String userId, Optional<Long> id, ConsentAnswer answer) {
        Pending chosen;
        synchronized (this) {
            chosen = id.isPresent() ? byId.get(id.get()) : oldestOf(userId);
            if (chosen == null || !chosen.request().user().id().equals(userId)) {
                if (id.isPresent() && userId.equals(withdrawn.get(id.get()))) {
                    throw new IllegalArgumentException(
                            "consent prompt #"
                                    + id.get()
                                    + " was withdrawn; the answer grants nothing");
                }
                throw new IllegalArgumentException(
                        id.isPresent()
                                ? "no consent prompt #"
                                        + id.get()
                                        + " is pending for '"
                                        + userId
                                        + "'"
                                : "no consent prompt is pending for '" + userId + "'");
            }
            byId.remove(chosen.id());
        }
        chosen.answer().complete(answer);
        return chosen.request();
    }

    private Pending oldestOf(String userId) {
        return byId.values().stream()
                .filter(p -> p.request().user().id().equals(userId))
                .findFirst()
                .orElse(null);
    }

    /** The prompts waiting for an answer, oldest first. */
    public synchronized List<Pending> pending() {
        return List.copyOf(byId.values());
    }

    public synchronized int pendingCount() {
        return byId.size();
    }
}
