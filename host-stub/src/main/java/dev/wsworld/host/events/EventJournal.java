package dev.wsworld.host.events;

import dev.wsworld.api.world.ComponentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every component event of one world, numbered from 1, with waiting for the next matching one.
 * Events are kept in a ring indexed by sequence number: the update thread records without taking
 * any lock, and readers on console or test threads look only at what is new since they last looked.
 * The ring keeps the newest {@link #CAPACITY} events, fewer when they are large ({@link
 * #RETAINED_CHARS}); older ones are forgotten.
 */
public final class EventJournal {
    /** Events kept for waits. */
    public static final int CAPACITY = 100_000;

    /** Text kept for waits, roughly in characters: a flood of large messages is not held whole. */
    static final long RETAINED_CHARS = 16L * 1024 * 1024;

    /** What an event costs besides its text, in the same rough unit. */
    private static final int EVENT_OVERHEAD = 96;

    private final String world;
    private final long startNanos;
    private final AtomicReferenceArray<HostEvent> ring = new AtomicReferenceArray<>(CAPACITY);

    /** Each kept event's weight, at the same index as in {@link #ring}; update thread only. */
    private final int[] weights = new int[CAPACITY];

    private final List<Consumer<HostEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiting = new CopyOnWriteArrayList<>();

    /** Newest sequence number; its event is in the ring before this is written. */
    private volatile long lastSequence;

    /** Oldest sequence number still kept. */
    private volatile long firstKept = 1;

    // update thread only
    private long retainedChars;

    /**
     * @param world the name of the world whose events it keeps
     * @param startNanos when the host started, for each event's {@code timeMs}
     */
    public EventJournal(String world, long startNanos) {
        this.world = world;
        this.startNanos = startNanos;
    }

    /**
     * Update thread only; never blocks. Hands the event to each subscriber, which must not block
     * either; readers waiting in {@link #await} are woken by {@link #wakeReaders} at the tick's
     * end.
     */
    public void record(ComponentEvent event) {
        long sequence = lastSequence + 1;
        HostEvent recorded =
                new HostEvent(
                        sequence,
                        event.tick(),
                        (System.nanoTime() - startNanos) / 1_000_000,
                        world,
                        event.component().slot().path(),
                        event.component().id(),
                        event.name(),
                        event.data());
        int weight = weight(recorded);
        retainedChars += weight;
        long first = firstKept;
        while (first <= sequence - CAPACITY
                || (retainedChars > RETAINED_CHARS && first < sequence)) {
            int at = index(first);
            if (ring.getAndSet(at, null) != null) {
                retainedChars -= weights[at];
            }
            first++;
        }
        firstKept = first;
        weights[index(sequence)] = weight;
        ring.set(index(sequence), recorded);
        lastSequence = sequence;
        for (Consumer<HostEvent> subscriber : subscribers) {
            subscriber.accept(recorded);
        }
    }

    /**
     * Update thread, once a tick after its events are recorded: wakes the readers waiting for new
     * events. Waking them per event would cost the tick a system call per event and reader.
     */
    public void wakeReaders() {
        for (Waiter waiter : waiting) {
            if (waiter.parked) {
                LockSupport.unpark(waiter.thread);
            }
        }
    }

    private static int index(long sequence) {
        return (int) (sequence % CAPACITY);
    }

    /** Roughly what an event holds, in characters: computed once, when it is recorded. */
    private static int weight(HostEvent event) {
        long chars = (long) EVENT_OVERHEAD + event.name().length();
        for (Object value : event.data().values()) {
            chars += 16L + (value instanceof String text ? text.length() : 8);
        }
        return (int) Math.min(chars, Integer.MAX_VALUE);
    }

    /** Receives every event from now on, on the update thread. */
    public void subscribe(Consumer<HostEvent> subscriber) {
        subscribers.add(subscriber);
    }

    /**
     * Receives every event still kept, then every new one, with none missed or repeated in between.
     * Call it on the update thread, which is the only one that records.
     */
    public void subscribeFromStart(Consumer<HostEvent> subscriber) {
        since(0).forEach(subscriber);
        subscribers.add(subscriber);
    }

    /** Sequence number of the newest event, 0 before the first. Any thread. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Sequence number of the oldest event still kept; events before it were forgotten. */
    public long firstKept() {
        return firstKept;
    }

    /** Events still kept after {@code sequence}, oldest first. Any thread. */
    public List<HostEvent> since(long sequence) {
        List<HostEvent> result = new ArrayList<>();
        long last = lastSequence;
        for (long s = Math.max(sequence + 1, firstKept); s <= last; s++) {
            HostEvent event = event(s);
            if (event != null) {
                result.add(event);
            }
        }
        return result;
    }

    /** The event with that number, or null when it was forgotten (or is not yet recorded). */
    private HostEvent event(long sequence) {
        HostEvent event = ring.get(index(sequence));
        return event != null && event.sequence() == sequence ? event : null;
    }

    /**
     * Waits for the first event after {@code sequence} that matches, looking at each event once.
     * Never holds anything the update thread needs.
     *
     * @return empty when none came within the timeout
     */
    public Optional<HostEvent> await(
            long sequence, Predicate<HostEvent> matches, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Waiter self = new Waiter(Thread.currentThread());
        waiting.add(self);
        try {
            long seen = sequence;
            while (true) {
                long last = lastSequence;
                for (long s = Math.max(seen + 1, firstKept); s <= last; s++) {
                    HostEvent event = event(s);
                    if (event != null && matches.test(event)) {
                        return Optional.of(event);
                    }
                }
                seen = last;
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return Optional.empty();
                }
                self.parked = true;
                if (lastSequence
                        == seen) { // checked after announcing the park: a new event either shows
                    // here or unparks
                    LockSupport.parkNanos(this, remaining);
                }
                self.parked = false;
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            waiting.remove(self);
        }
    }

    /**
     * A thread in {@link #await}; {@code parked} while it sleeps, so recording wakes only sleepers.
     */
    private static final class Waiter {
        final Thread thread;
        volatile boolean parked;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }

    /** Convenience for the common case: an event with that name on that slot. */
    public static Predicate<HostEvent> on(String slot, String name) {
        return event -> at(event, slot) && event.name().equals(name);
    }

    /**
     * Whether an event came from what {@code address} names: a component ({@code SLOT#N}), or any
     * component on a slot ({@code SLOT}).
     */
    public static boolean at(HostEvent event, String address) {
        return event.component().equals(address) || event.slot().equals(address);
    }
}
