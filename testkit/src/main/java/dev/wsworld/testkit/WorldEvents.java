package dev.wsworld.testkit;

import dev.wsworld.api.world.ComponentEvent;
import dev.wsworld.common.text.TerminalText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * Every component event of a {@link TestWorld}, in the order the world heard them, with waits and
 * assertions. Events are recorded on the update thread as they are emitted; waits return as soon as
 * the event is there.
 *
 * <pre>{@code
 * events.awaitEvent("Chat", WebsocketEvents.CONNECTED);
 * events.assertThat("Chat").containsInOrder(CONNECTED, TEXT, DISCONNECTED);
 * }</pre>
 *
 * Slots are named by path, such as {@code Room/Chat}.
 */
public final class WorldEvents {
    /** How long waits last unless told: 20 s, so that a loaded machine does not fail a test. */
    public static final Duration DEFAULT_TIMEOUT = Waits.DEFAULT;

    private final Timeline<ComponentEvent> events = new Timeline<>();

    /** Per slot and event name, the index after the event {@link #awaitEvent} last returned. */
    private final Map<String, Integer> taken = new ConcurrentHashMap<>();

    WorldEvents() {}

    /** The world's event sink: on the update thread; must not block. */
    void record(ComponentEvent event) {
        events.add(event);
    }

    /**
     * Every event so far.
     *
     * @return a snapshot, oldest first
     */
    public List<ComponentEvent> all() {
        return events.snapshot();
    }

    /**
     * The events of the components on one slot.
     *
     * @param slotPath such as {@code Chat} or {@code Room/Chat}
     * @return a snapshot, oldest first
     */
    public List<ComponentEvent> of(String slotPath) {
        return events.snapshot().stream().filter(on(slotPath)).toList();
    }

    /**
     * The names of the events of one slot.
     *
     * @param slotPath the slot's path
     * @return the names, oldest first
     */
    public List<String> names(String slotPath) {
        return of(slotPath).stream().map(ComponentEvent::name).toList();
    }

    /**
     * Waits for an event of a slot: the first one with that name after the one the previous call
     * for the same slot and name returned, so two calls for {@code connected} return the first and
     * the second connection.
     *
     * @param slotPath the slot's path
     * @param name the event's name, such as {@code WebsocketEvents.CONNECTED}
     * @return the event
     * @throws AssertionFailedError when none comes within {@link #DEFAULT_TIMEOUT}, listing the
     *     events so far
     */
    public ComponentEvent awaitEvent(String slotPath, String name) {
        return awaitEvent(slotPath, name, DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #awaitEvent(String, String)} for a client's slot.
     *
     * @param client the client
     * @param name the event's name
     * @return the event
     * @throws AssertionFailedError when none comes within {@link #DEFAULT_TIMEOUT}
     */
    public ComponentEvent awaitEvent(ClientComponent client, String name) {
        return awaitEvent(client.slotPath(), name, DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #awaitEvent(String, String)}, with a timeout of the test's choosing.
     *
     * @param slotPath the slot's path
     * @param name the event's name
     * @param timeout how long to wait at most
     * @return the event
     * @throws AssertionFailedError when none comes in time
     */
    public ComponentEvent awaitEvent(String slotPath, String name, Duration timeout) {
        String key = slotPath + '\u0000' + name;
        int from = taken.getOrDefault(key, 0);
        int index =
                events.awaitIndex(
                        from, on(slotPath).and(event -> event.name().equals(name)), timeout);
        if (index < 0) {
            throw new AssertionFailedError(
                    "no '"
                            + name
                            + "' on slot "
                            + slotPath
                            + (from > 0 ? " after the one taken before" : "")
                            + " within "
                            + timeout.toMillis()
                            + " ms; events so far:\n"
                            + describe(events.snapshot()));
        }
        taken.merge(key, index + 1, Math::max);
        return events.get(index);
    }

    /**
     * Waits for the first event, among all so far and those to come, that matches.
     *
     * @param matching what the event must be
     * @param description what is awaited, for the failure message
     * @param timeout how long to wait at most
     * @return the event
     * @throws AssertionFailedError when none comes in time
     */
    public ComponentEvent awaitEvent(
            Predicate<ComponentEvent> matching, String description, Duration timeout) {
        int index = events.awaitIndex(0, matching, timeout);
        if (index < 0) {
            throw new AssertionFailedError(
                    "no event that is "
                            + description
                            + " within "
                            + timeout.toMillis()
                            + " ms; events so far:\n"
                            + describe(events.snapshot()));
        }
        return events.get(index);
    }

    /**
     * Assertions over the events of one slot, as they are now.
     *
     * @param slotPath the slot's path
     * @return the assertions
     */
    public EventAssert assertThat(String slotPath) {
        return new EventAssert("slot " + slotPath, of(slotPath));
    }

    /**
     * Assertions over every event of the world, as they are now.
     *
     * @return the assertions
     */
    public EventAssert assertThatAll() {
        return new EventAssert("the world", all());
    }

    /**
     * Whether an event came from a component on that slot.
     *
     * @param slotPath the slot's path
     * @return the test
     */
    public static Predicate<ComponentEvent> on(String slotPath) {
        return event -> event.component().slot().path().equals(slotPath);
    }

    /** One event a line, as {@code slot name {data}}, escaped: server text may hold anything. */
    static String describe(List<ComponentEvent> events) {
        if (events.isEmpty()) {
            return "  (none)";
        }
        StringBuilder text = new StringBuilder();
        for (ComponentEvent event : events) {
            text.append("  ").append(show(event)).append('\n');
        }
        return text.toString().stripTrailing();
    }

    static String show(ComponentEvent event) {
        return TerminalText.escape(
                event.component().slot().path() + " " + event.name() + " " + event.data());
    }
}
