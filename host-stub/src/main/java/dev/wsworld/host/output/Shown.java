package dev.wsworld.host.output;

import dev.wsworld.common.text.TerminalText;

/**
 * Text from a world, a server, a file or a plugin's manifest, rendered for a terminal: every
 * character that could move the cursor, recolour, erase or reverse what follows is shown as a
 * visible escape ({@link TerminalText}), and the text is cut to a bound, its full length stated, so
 * nothing a world supplies can fill a screen or push the truth off it. The one way such text
 * reaches the console: {@link Line} renders every argument through here.
 */
public final class Shown {
    /** How much of a name (slot, user, world, field value) a line shows. */
    public static final int NAME_LIMIT = 120;

    /** How much of a longer text (a message, a reason, a JSON event) a line shows. */
    public static final int TEXT_LIMIT = 2_000;

    private final String rendered;

    private Shown(String rendered) {
        this.rendered = rendered;
    }

    /** A name: escaped, and cut to {@link #NAME_LIMIT} characters. */
    public static Shown name(String name) {
        return new Shown(cut(TerminalText.escape(name), NAME_LIMIT, length(name)));
    }

    /**
     * World text set apart in quotes: {@code "…"} with {@code \} and {@code "} escaped as well, so
     * the text can neither close the quote nor fake what follows it; cut to {@link #NAME_LIMIT}.
     */
    public static Shown quoted(String text) {
        String plain = text == null ? "" : text;
        // quote and backslash first, so the escapes TerminalText adds stay single
        String escaped = TerminalText.escape(plain.replace("\\", "\\\\").replace("\"", "\\\""));
        return new Shown("\"" + cut(escaped, NAME_LIMIT, length(plain)) + "\"");
    }

    /** A longer text: escaped, and cut to {@link #TEXT_LIMIT} characters. */
    public static Shown text(String text) {
        return new Shown(cut(TerminalText.escape(text), TEXT_LIMIT, length(text)));
    }

    /**
     * Whatever an argument of a {@link Line} is: numbers and switches as they are, {@link Shown} as
     * rendered, anything else as {@link #text}.
     */
    static String render(Object value) {
        if (value instanceof Shown shown) {
            return shown.rendered;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            return String.valueOf(value);
        }
        return text(value == null ? "null" : value.toString()).rendered;
    }

    /**
     * The first {@code limit} characters of the escaped text (never splitting a pair), then how
     * long the original was: {@code "…(20000 characters)"}.
     */
    static String cut(String escaped, int limit, int originalLength) {
        if (escaped.codePointCount(0, escaped.length()) <= limit) {
            return escaped;
        }
        return escaped.substring(0, escaped.offsetByCodePoints(0, limit))
                + "…("
                + originalLength
                + " characters)";
    }

    private static int length(String text) {
        return text == null ? 4 : text.codePointCount(0, text.length());
    }

    @Override
    public String toString() {
        return rendered;
    }
}
