package dev.wsworld.api.world;

/**
 * How a {@link FieldType#HEADERS} value is shown to people: every header's name, and {@value
 * FieldType#HIDDEN} for every value. Which values are secrets cannot be told from the names ({@code
 * X-Api-Key}, or a name only the host's credentials know), so none is shown. A line that is not
 * {@code Name: value} with a token for a name is hidden whole: it may be a secret written without
 * its name.
 */
final class HiddenHeaderValues {
    /** RFC 9110 token characters besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HiddenHeaderValues() {}

    /**
     * The text with every header value hidden.
     *
     * @param text the field's text; null reads as empty
     * @return the same lines, values hidden; blank lines stay
     */
    static String hide(String text) {
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
            shown.append(FieldType.HIDDEN);
        }
        return shown.toString();
    }

    private static boolean isToken(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letterOrDigit =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
