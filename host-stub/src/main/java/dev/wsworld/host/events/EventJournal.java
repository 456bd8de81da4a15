package dev.wsworld.host.events;

import dev.wsworld.api.component.ComponentEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every component event of the world, numbered, with waiting for the next matching one. Recording
 * happens on the update thread and never blocks; waiting happens on console or test threads.
 */
public final class EventJournal {
    /** Events kept for waits; older ones are forgotten. */
    static final int CAPACITY = 100_000;

    private final long startNanos;
    private final Deque<HostEvent> events = new ArrayDeque<>();
    private final List<Consumer<HostEvent>> subscribers = new CopyOnWriteArrayList<>();
    private long lastSequence;

    public EventJournal(long startNanos) {
        this.startNanos = startNanos;
    }

    /** Update thread. Subscribers are called in order, under the journal's lock, so they must not block. */
    public void record(ComponentEvent event) {
        synchronized (this) {
            HostEvent recorded = new HostEvent(++lastSequence, event.tick(), (System.nanoTime() - startNanos) / 1_000_000,
                    event.component().slot().path(), event.component().id(), event.name(), event.data());
            events.addLast(recorded);
            if (events.size() > CAPACITY) {
                events.removeFirst();
            }
            notifyAll();
            for (Consumer<HostEvent> subscriber : subscribers) {
                subscriber.accept(recorded);
            }
        }
    }

    /** Receives every event from now on. */
    public void subscribe(Consumer<HostEvent> subscriber) {
        subscribers.add(subscriber);
    }

    /** Receives every event still kept, then every new one, with none missed or repeated in between. */
    public synchronized void subscribeFromStart(Consumer<HostEvent> subscriber) {
        events.forEach(subscriber);
        subscribers.add(subscriber);
    }

    /** Sequence number of the newest event, 0 before the first. */
    public synchronized long lastSequence() {
        return lastSequence;
    }

    /** Events after {@code sequence}, oldest first. */
    public synchronized List<HostEvent> since(long sequence) {
        List<HostEvent> result = new ArrayList<>();
        for (HostEvent event : events) {
            if (event.sequence() > sequence) {
                result.add(event);
            }
        }
        return result;
    }

    /**
     * Waits for the first event after {@code sequence} that matches.
     *
     * @return empty when none came within the timeout
     */
    public Optional<HostEvent> await(long sequence, Predicate<HostEvent> matches, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long seen = sequence;
        synchronized (this) {
            while (true) {
                for (HostEvent event : events) {
                    if (event.sequence() > seen && matches.test(event)) {
                        return Optional.of(event);
                    }
                }
                seen = Math.max(seen, lastSequence);
                long remaining = (deadline - System.nanoTime()) / 1_000_000;
                if (remaining <= 0) {
                    return Optional.empty();
                }
                wait(remaining);
            }
        }
    }

    /** Convenience for the common case: an event with that name on that slot. */
    public static Predicate<HostEvent> on(String slot, String name) {
        return event -> event.slot().equals(slot) && event.name().equals(name);
    }
}
