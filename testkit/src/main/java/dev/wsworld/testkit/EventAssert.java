package dev.wsworld.testkit;

import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.api.world.ComponentEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions over a sequence of events, taken when {@link WorldEvents#assertThat} was
 * called. Each failure names what was expected and lists the events there were.
 *
 * <pre>{@code
 * events.assertThat("Chat")
 *         .only(CONNECTED, DISCONNECTED)
 *         .containsExactly(CONNECTED, DISCONNECTED, CONNECTED);
 * }</pre>
 */
public final class EventAssert {
    private final String subject;
    private final List<ComponentEvent> events;

    EventAssert(String subject, List<ComponentEvent> events) {
        this.subject = subject;
        this.events = List.copyOf(events);
    }

    /**
     * The events asserted on.
     *
     * @return them, oldest first
     */
    public List<ComponentEvent> events() {
        return events;
    }

    /**
     * The names of the events asserted on.
     *
     * @return them, oldest first
     */
    public List<String> names() {
        return events.stream().map(ComponentEvent::name).toList();
    }

    /**
     * Narrows the assertions to events with these names, in their order.
     *
     * @param names the names to keep
     * @return assertions over those events only
     */
    public EventAssert only(String... names) {
        Set<String> kept = Set.of(names);
        return new EventAssert(
                subject + " (only " + String.join(", ", names) + ")",
                events.stream().filter(event -> kept.contains(event.name())).toList());
    }

    /**
     * Asserts that these names occur in this order, other events allowed between them.
     *
     * @param names the names, in order
     * @return this, for more assertions
     * @throws AssertionFailedError when they do not
     */
    public EventAssert containsInOrder(String... names) {
        int next = 0;
        for (ComponentEvent event : events) {
            if (next < names.length && event.name().equals(names[next])) {
                next++;
            }
        }
        if (next < names.length) {
            throw failure(
                    "expected "
                            + subject
                            + " to have these events in order, others allowed between; '"
                            + names[next]
                            + "' (number "
                            + (next + 1)
                            + ") is missing",
                    List.of(names));
        }
        return this;
    }

    /**
     * Asserts that the events are exactly these, in this order.
     *
     * @param names every name, in order
     * @return this, for more assertions
     * @throws AssertionFailedError when they are not
     */
    public EventAssert containsExactly(String... names) {
        if (!names().equals(List.of(names))) {
            throw failure("expected exactly these events on " + subject, List.of(names));
        }
        return this;
    }

    /**
     * Asserts that no event has any of these names.
     *
     * @param names the names that must not occur
     * @return this, for more assertions
     * @throws AssertionFailedError when one occurs
     */
    public EventAssert doesNotContain(String... names) {
        Set<String> forbidden = Set.of(names);
        for (ComponentEvent event : events) {
            if (forbidden.contains(event.name())) {
                throw failure(
                        "expected no '" + event.name() + "' on " + subject,
                        names().stream().filter(name -> !forbidden.contains(name)).toList());
            }
        }
        return this;
    }

    /**
     * Asserts that every {@code connected} has exactly one {@code disconnected}: per component they
     * alternate, starting with {@code connected}, and none is left connected. Assert it once the
     * connections are over (after the last {@code disconnected}, or after {@link
     * TestWorld#stop()}).
     *
     * @return this, for more assertions
     * @throws AssertionFailedError when a component is unbalanced
     */
    public EventAssert isBalanced() {
        Map<String, Boolean> connected = new HashMap<>();
        for (ComponentEvent event : events) {
            String component = event.component().id();
            boolean open = connected.getOrDefault(component, false);
            if (event.name().equals(WebsocketEvents.CONNECTED)) {
                if (open) {
                    throw failure(
                            "a second 'connected' without a 'disconnected' between, for "
                                    + component,
                            null);
                }
                connected.put(component, true);
            } else if (event.name().equals(WebsocketEvents.DISCONNECTED)) {
                if (!open) {
                    throw failure(
                            "a 'disconnected' without a 'connected' before it, for " + component,
                            null);
                }
                connected.put(component, false);
            }
        }
        connected.forEach(
                (component, open) -> {
                    if (open) {
                        throw failure(
                                "'connected' with no 'disconnected' yet, for " + component, null);
                    }
                });
        return this;
    }

    private AssertionFailedError failure(String message, List<String> expected) {
        String text = message + "; events of " + subject + ":\n" + WorldEvents.describe(events);
        return expected == null
                ? new AssertionFailedError(text)
                : new AssertionFailedError(text, expected, names());
    }
}
