package dev.wsworld.websocket.connection;

import dev.wsworld.websocket.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A connection's share of the caps per person and per world: each attempt takes a slot before it
 * starts, and gives it back exactly once when it ends, or when the connection goes inert. World
 * thread only.
 */
final class LimitSlots {
    private final Supplier<ConnectionServices> services;

    /** Attempts holding a slot, released when they end. */
    private final List<Attempt> holding = new ArrayList<>(2);

    LimitSlots(Supplier<ConnectionServices> services) {
        this.services = services;
    }

    /** Takes a slot for an attempt at {@code target}, or says which cap is reached. */
    Optional<Failure> acquire(ConnectTarget target) {
        return services.get().limits().acquire(target.user().id(), target.world());
    }

    /** {@code attempt} holds the slot just acquired. */
    void hold(Attempt attempt) {
        attempt.holdsLimit = true;
        holding.add(attempt);
    }

    /** Gives back {@code attempt}'s slot, if it still holds one. */
    void release(Attempt attempt) {
        if (attempt.holdsLimit) {
            attempt.holdsLimit = false;
            holding.remove(attempt);
            services.get().limits().release(attempt.target.user().id(), attempt.target.world());
        }
    }

    /** Gives back every slot: the connection goes inert. */
    void releaseAll() {
        for (Attempt attempt : List.copyOf(holding)) {
            release(attempt);
        }
    }
}
