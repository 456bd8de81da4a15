package dev.wsworld.websocket.failure;

import dev.wsworld.api.websocketclient.FailureKind;
import java.util.Objects;

/**
 * Something that went wrong, as a world hears it: a kind it can branch on, and words for people.
 *
 * @param kind what kind of failure, the event's {@code kind} attribute
 * @param words what happened and why, in words a user can act on (hostile parts already escaped
 *     where they are shown)
 */
public record Failure(FailureKind kind, String words) {
    /**
     * Checks the parts.
     *
     * @param kind the kind
     * @param words the words
     */
    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(words, "words");
    }

    /**
     * A failure of that kind.
     *
     * @param kind the kind
     * @param words the words
     * @return the failure
     */
    public static Failure of(FailureKind kind, String words) {
        return new Failure(kind, words);
    }

    /** {@code kind: words}, as {@code LastError} shows it. */
    @Override
    public String toString() {
        return kind.eventName() + ": " + words;
    }
}
