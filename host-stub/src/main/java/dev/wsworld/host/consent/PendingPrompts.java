package dev.wsworld.host.consent;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.host.output.Line;
import dev.wsworld.host.output.Screen;
import dev.wsworld.host.output.Shown;
import dev.wsworld.host.output.Style;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Prompts waiting for the console's {@code answer}, oldest first, each with a number. A prompt
 * leads with what the host knows (who is asked, the destination in canonical form, which world
 * asks); what the world supplied (the slot's name and path, the reason) follows on a line of its
 * own, quoted, cut to 120 characters with its length stated, and marked as the world's, so a slot
 * named like a bank cannot make a prompt look like the bank's.
 *
 * <p>Lock rule: {@code this} guards both tables, held only for table work; lines are shown and
 * answers completed outside it. The worlds ask and withdraw on their update threads, the console
 * answers on its own.
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
    private final Screen display;
    private final boolean interactive;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long lastId;

    /** A prompt on the console, as {@code prompts} lists it. */
    public record Pending(
            long id, ConsentRequest request, CompletableFuture<ConsentAnswer> answer) {
        /** One line: number, user, world and destination, then what the world says. */
        public List<Line> summary() {
            return List.of(
                    Line.of(
                            "#{} {} in world {}: {}; from the world: {}",
                            id,
                            Shown.name(request.user().id()),
                            Shown.quoted(request.world().name()),
                            Shown.name(request.destination()),
                            fromTheWorld(request)));
        }
    }

    /**
     * @param display shows a line to the person at the console
     * @param interactive whether someone can answer at the console (otherwise a prompt counts as
     *     ignored)
     */
    public PendingPrompts(Screen display, boolean interactive) {
        this.display = display;
        this.interactive = interactive;
    }

    public boolean interactive() {
        return interactive;
    }

    /**
     * Runs {@code listener} after each change to the prompts waiting (one asked, answered or
     * withdrawn), on the thread that made it (an update thread, the console's, a page's), outside
     * any lock: it must not block.
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    CompletableFuture<ConsentAnswer> add(ConsentRequest request) {
        CompletableFuture<ConsentAnswer> answer = new CompletableFuture<>();
        long id;
        synchronized (this) {
            id = ++lastId;
            byId.put(id, new Pending(id, request, answer));
        }
        display.show(
                Line.of(
                                "consent #{}: {} is asked to allow a connection to {}, in world {}",
                                id,
                                Shown.name(request.user().id()),
                                Shown.name(request.destination()),
                                Shown.quoted(request.world().name()))
                        .in(Style.PROMPT));
        display.show(Line.of("  from the world: {}", fromTheWorld(request)).in(Style.PROMPT));
        display.show(
                Line.of("  answer with: answer {} {}", id, String.join("|", ConsentAnswer.words()))
                        .in(Style.PROMPT));
        changed();
        return answer;
    }

    /** The world's own words about the request: quoted, bounded, never first. */
    private static Shown fromTheWorld(ConsentRequest request) {
        return Shown.text(
                "slot "
                        + Shown.quoted(request.objectName())
                        + " at "
                        + Shown.quoted(request.slotPath())
                        + (request.reason().isEmpty()
                                ? ", no reason given"
                                : ", reason " + Shown.quoted(request.reason())));
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
            display.show(
                    Line.of(
                                    "consent #{} withdrawn: {} is no longer asked about {}",
                                    pending.id(),
                                    Shown.name(request.user().id()),
                                    Shown.name(request.destination()))
                            .in(Style.PROMPT));
            pending.answer().complete(ConsentAnswer.IGNORED);
        }
        if (!taken.isEmpty()) {
            changed();
        }
    }

    /**
     * Answers a pending prompt: the one numbered {@code id} (of {@code userId}, when given), or the
     * oldest of {@code userId}.
     *
     * @return the request answered
     * @throws IllegalArgumentException when there is no such prompt, saying whether it was
     *     withdrawn
     */
    public ConsentRequest answer(Optional<String> userId, Optional<Long> id, ConsentAnswer answer) {
        Pending chosen;
        synchronized (this) {
            chosen = id.isPresent() ? byId.get(id.get()) : oldestOf(userId.orElseThrow());
            if (chosen == null
                    || (userId.isPresent() && !chosen.request().user().id().equals(userId.get()))) {
                if (id.isPresent()
                        && withdrawn.containsKey(id.get())
                        && userId.map(u -> u.equals(withdrawn.get(id.get()))).orElse(true)) {
                    throw new IllegalArgumentException(
                            "consent prompt #"
                                    + id.get()
                                    + " was withdrawn; the answer grants nothing");
                }
                throw new IllegalArgumentException(
                        id.isPresent()
                                ? "no consent prompt #"
                                        + id.get()
                                        + " is pending"
                                        + userId.map(u -> " for " + Shown.quoted(u)).orElse("")
                                : "no consent prompt is pending for " + Shown.quoted(userId.get()));
            }
            byId.remove(chosen.id());
        }
        chosen.answer().complete(answer);
        changed();
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
