package dev.wsworld.testkit;

import java.time.Duration;

/** How long the kit's waits last unless told. */
final class Waits {
    /**
     * Generous, so that a test does not fail on a loaded two-core machine; a wait ends as soon as
     * what it waits for happens.
     */
    static final Duration DEFAULT = Duration.ofSeconds(20);

    private Waits() {}
}
