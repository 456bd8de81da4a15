package dev.wsworld.api.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of HTTP header lines, as the WebsocketClient's {@code Headers} field holds them:
 * one {@code Name: value} a line. The plugin reads the field through {@link #lines}; hosts show it
 * through {@link #hideValues} (which {@code FieldType.HEADERS} does), so both split it the same
 * way.
 */
public final class HeaderLines {
    /** What a shown header value is replaced with. */
    public static final String HIDDEN = "(hidden)";

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderLines() {}

    /**
     * One line of the text that is not blank. Its {@code toString} leaves the value out, as it may
     * be a secret.
     *
     * @param number the line's number, from 1, counting blank lines too
     * @param name what stands before the first {@code :}, as written; null when the line has none
     * @param value what follows the first {@code :}, without the spaces and tabs around it; the
     *     whole line when it has no {@code :}
     */
    public record Line(int number, String name, String value) {
        @Override
        public String toString() {
            return "Line[" + number + ", " + (name == null ? "no name" : name) + "]";
        }
    }

    /**
     * The lines of {@code text} that are not blank, split at line feeds.
     *
     * @param text the field's text; null reads as empty
     * @return the lines, in order
     */
    public static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        int number = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            number++;
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                int colon = line.indexOf(':');
                lines.add(
                        colon < 0
                                ? new Line(number, null, line)
                                : new Line(
                                        number,
                                        line.substring(0, colon),
                                        trimSpacesAndTabs(line.substring(colon + 1))));
            }
            start = end + 1;
        }
        return lines;
    }

    /**
     * Whether {@code text} is an RFC 9110 token, the form of a header name: one or more letters,
     * digits and {@code !#$%&'*+-.^_`|~}.
     *
     * @param text the text
     * @return true for a token
     */
    public static boolean isToken(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isTokenChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code c} may stand in a token.
     *
     * @param c the character
     * @return true for a letter, a digit or one of {@code !#$%&'*+-.^_`|~}
     */
    public static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    /**
     * The text as it may be shown to anyone: every header's name, and {@value #HIDDEN} for every
     * value. Which values are secrets cannot be told from the names ({@code X-Api-Key}, or a name
     * only the host's credentials know), so none is shown. A line that is not {@code Name: value}
     * with a token for a name is hidden whole: it may be a secret written without its name.
     *
     * @param text the field's text; null reads as empty
     * @return the same lines, values hidden; blank lines stay
     */
    public static String hideValues(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String[] lines = text.split("\n", -1);
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                shown.append('\n');
            }
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && isToken(line.substring(0, colon))) {
                shown.append(line, 0, colon).append(": ");
            }
            shown.append(HIDDEN);
        }
        return shown.toString();
    }

    private static String trimSpacesAndTabs(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }
}
