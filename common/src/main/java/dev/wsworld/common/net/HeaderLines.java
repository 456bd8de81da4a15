package dev.wsworld.common.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of HTTP header lines, as the WebsocketClient's {@code Headers} field holds them:
 * one {@code Name: value} a line, read by the plugin through {@link #lines}. How the field is shown
 * to people ({@code FieldType.HEADERS.display}, every value hidden) is the contract's, in
 * plugin-api.
 */
public final class HeaderLines {
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
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
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
