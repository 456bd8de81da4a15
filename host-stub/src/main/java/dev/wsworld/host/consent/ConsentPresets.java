package dev.wsworld.host.consent;

import dev.wsworld.api.extension.ConsentAnswer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers decided in advance by whoever runs the host ({@code --consent USER=allow|deny|ignore|ask}
 * on the command line), for headless runs and tests: never by a world. A user with no preset, or
 * {@code ask}, is asked at the console.
 *
 * @param answers by user id: {@link ConsentAnswer#GRANTED_ONCE}, {@link ConsentAnswer#DENIED} or
 *     {@link ConsentAnswer#IGNORED}
 */
public record ConsentPresets(Map<String, ConsentAnswer> answers) {
    /** What a preset may say. */
    public static final String CHOICES = "allow|deny|ignore|ask";

    /** No presets: everyone is asked. */
    public static final ConsentPresets NONE = new ConsentPresets(Map.of());

    /**
     * Keeps the answers in the order given.
     *
     * @param answers by user id
     */
    public ConsentPresets {
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }

    /**
     * One {@code USER=CHOICE} as written on the command line.
     *
     * @param presets the presets so far
     * @param text such as {@code alice=allow}
     * @return the presets with this one (a later one for the same user wins)
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ConsentPresets parse(ConsentPresets presets, String text) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("expected USER=" + CHOICES + ", not '" + text + "'");
        }
        String user = text.substring(0, eq);
        String choice = text.substring(eq + 1);
        Map<String, ConsentAnswer> next = new LinkedHashMap<>(presets.answers());
        if (choice.equals("ask")) {
            next.remove(user);
            return new ConsentPresets(next);
        }
        ConsentAnswer answer =
                ConsentAnswer.byWord(choice)
                        .filter(a -> a != ConsentAnswer.GRANTED_ALWAYS)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "'"
                                                        + choice
                                                        + "' is not one of "
                                                        + CHOICES
                                                        + " (in '"
                                                        + text
                                                        + "')"));
        next.put(user, answer);
        return new ConsentPresets(next);
    }

    /** The presets as the command line says them: {@code alice=allow, bob=deny}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        answers.forEach(
                (user, answer) ->
                        text.append(text.length() == 0 ? "" : ", ")
                                .append(user)
                                .append('=')
                                .append(answer.word().orElse(answer.eventWord())));
        return text.toString();
    }

    /** The preset answer for a user, or empty to ask them. */
    public Optional<ConsentAnswer> of(String userId) {
        return Optional.ofNullable(answers.get(userId));
    }
}
