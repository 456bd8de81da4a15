package dev.wsworld.common.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys and names. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate closest to {@code typo} by edit distance, if it is close enough to be a typo.
     *
     * @param typo what was written
     * @param candidates what could have been meant
     * @return the nearest candidate, or empty when none is close
     */
    public static Optional<String> nearest(String typo, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance =
                    distance(typo.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerance = Math.max(2, typo.length() / 3);
        return bestDistance <= tolerance ? Optional.ofNullable(best) : Optional.empty();
    }

    /**
     * The one wording of the hint.
     *
     * @param typo what was written
     * @param candidates what could have been meant
     * @return {@code " (did you mean 'x'?)"} for the nearest candidate, or an empty string
     */
    public static String didYouMean(String typo, Collection<String> candidates) {
        return nearest(typo, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] =
                        Math.min(
                                Math.min(current[j - 1] + 1, previous[j] + 1),
                                previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
