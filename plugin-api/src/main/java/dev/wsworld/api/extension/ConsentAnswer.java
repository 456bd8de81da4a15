package dev.wsworld.api.extension;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a user answered a consent prompt: the one table of answers, with the word a person types or
 * clicks, the word a file of lasting decisions keeps, and the word a world hears.
 */
public enum ConsentAnswer {
    /** Allowed for this connection only. */
    GRANTED_ONCE("allow", null, "granted"),
    /** Allowed now and remembered for this destination. */
    GRANTED_ALWAYS("always", "always", "granted"),
    /** Refused; remembered for this destination. */
    DENIED("deny", "deny", "denied"),
    /** Dismissed without an answer. Treated as a refusal for this connection, not remembered. */
    IGNORED("ignore", null, "ignored"),
    /**
     * Nobody could be asked: the host has no {@code ConsentPrompt} extension. Treated as a refusal
     * for this connection, not remembered; the world hears the reason {@code noPrompt}.
     */
    NO_PROMPT(null, null, "noPrompt");

    private final @Nullable String word;
    private final @Nullable String fileWord;
    private final String eventWord;

    ConsentAnswer(@Nullable String word, @Nullable String fileWord, String eventWord) {
        this.word = word;
        this.fileWord = fileWord;
        this.eventWord = eventWord;
    }

    /**
     * Whether the connection may go ahead.
     *
     * @return true for {@link #GRANTED_ONCE} and {@link #GRANTED_ALWAYS}
     */
    public boolean granted() {
        return this == GRANTED_ONCE || this == GRANTED_ALWAYS;
    }

    /**
     * Whether the answer is kept as a lasting decision (and a {@link ConsentMemory} asked to
     * remember it).
     *
     * @return true for {@link #GRANTED_ALWAYS} and {@link #DENIED}
     */
    public boolean lasting() {
        return fileWord != null;
    }

    /**
     * The word a person answers with at a console or on a button.
     *
     * @return {@code allow}, {@code always}, {@code deny} or {@code ignore}; empty for {@link
     *     #NO_PROMPT}, which nobody gives
     */
    public Optional<String> word() {
        return Optional.ofNullable(word);
    }

    /**
     * The word a file of lasting decisions keeps.
     *
     * @return {@code always} or {@code deny}; empty for an answer that is not {@link #lasting()}
     */
    public Optional<String> fileWord() {
        return Optional.ofNullable(fileWord);
    }

    /**
     * The word a world hears: {@code granted}, or the {@code reason} of a {@code denied} event.
     *
     * @return {@code granted}, {@code denied}, {@code ignored} or {@code noPrompt}
     */
    public String eventWord() {
        return eventWord;
    }

    /**
     * The answer a person gave in words.
     *
     * @param word such as {@code allow}
     * @return the answer, or empty for another word
     */
    public static Optional<ConsentAnswer> byWord(String word) {
        return Arrays.stream(values())
                .filter(a -> a.word != null && a.word.equals(word))
                .findFirst();
    }

    /**
     * The lasting decision a file keeps in words.
     *
     * @param fileWord {@code always} or {@code deny}
     * @return the answer, or empty for another word
     */
    public static Optional<ConsentAnswer> byFileWord(String fileWord) {
        return Arrays.stream(values())
                .filter(a -> a.fileWord != null && a.fileWord.equals(fileWord))
                .findFirst();
    }

    /**
     * Every word a person may answer with, in this table's order.
     *
     * @return {@code allow}, {@code always}, {@code deny}, {@code ignore}
     */
    public static List<String> words() {
        return Arrays.stream(values()).flatMap(a -> a.word().stream()).toList();
    }

    /**
     * Every word a file of lasting decisions may hold.
     *
     * @return {@code always}, {@code deny}
     */
    public static List<String> fileWords() {
        return Arrays.stream(values()).flatMap(a -> a.fileWord().stream()).toList();
    }
}
