package dev.wsworld.common.text;

import java.util.HexFormat;

/**
 * The one way to show text that came from a world or a server (slot names, user ids, field values,
 * URLs, reasons, received messages) on a terminal or in a log line. A world's author is not
 * trusted: an ESC could clear the screen or recolour it, a CR could overwrite a line with a forged
 * prompt, a bidi override could reverse what follows. Every such character becomes a visible
 * escape; everything else is shown as it is.
 *
 * <p>Escaped: C0 controls and DEL ({@code \e}, {@code \r}, {@code \n}, {@code \t}, {@code \a},
 * {@code \b}, {@code \f}, {@code \v}, {@code \0}, else {@code \xHH}), C1 controls ({@code \xHH}),
 * the bidi controls U+061C, U+200E, U+200F, U+202A–U+202E and U+2066–U+2069, the line and paragraph
 * separators U+2028 and U+2029, the invisible U+180E, U+200B–U+200D, U+2060–U+2064 and U+FEFF, and
 * unpaired surrogates ({@code \\uXXXX}). Backslashes are left alone, so the escapes are for
 * reading, not for reversing.
 */
public final class TerminalText {
    private TerminalText() {}

    /**
     * Text fit for one line of a terminal. Any thread.
     *
     * @param text the text, or null
     * @return the text with unsafe characters escaped; {@code "null"} for null
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (unsafe(cp)) {
                appendEscape(out, cp);
            } else {
                out.append(text, i, i + width);
            }
            i += width;
        }
        return out.toString();
    }

    /**
     * {@code String.valueOf(value)}, escaped.
     *
     * @param value any value, or null
     * @return its text, escaped
     */
    public static String escape(Object value) {
        return escape(value == null ? null : value.toString());
    }

    /**
     * Whether the text is safe as it is.
     *
     * @param text the text, or null
     * @return true when no character would be escaped
     */
    public static boolean isSafe(String text) {
        return text == null || firstUnsafe(text) < 0;
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (unsafe(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /**
     * Whether a code point would be escaped: a control, a bidi control, a line or paragraph
     * separator, an unpaired surrogate, or an invisible format character.
     *
     * @param cp the code point
     * @return true when it must not reach a terminal as it is
     */
    public static boolean unsafe(int cp) {
        return cp < 0x20
                || (cp >= 0x7F && cp <= 0x9F)
                || (cp >= 0x200B && cp <= 0x200D) // zero-width space and joiners
                || (cp >= 0x2060 && cp <= 0x2064) // word joiner, invisible operators
                || cp == 0xFEFF // zero-width no-break space
                || cp == 0x180E
                || cp == 0x061C
                || cp == 0x200E
                || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x2028
                || cp == 0x2029
                || (cp >= Character.MIN_SURROGATE
                        && cp <= Character.MAX_SURROGATE); // only unpaired ones get here
    }

    private static void appendEscape(StringBuilder out, int cp) {
        switch (cp) {
            case 0x00 -> out.append("\\0");
            case 0x07 -> out.append("\\a");
            case 0x08 -> out.append("\\b");
            case 0x09 -> out.append("\\t");
            case 0x0A -> out.append("\\n");
            case 0x0B -> out.append("\\v");
            case 0x0C -> out.append("\\f");
            case 0x0D -> out.append("\\r");
            case 0x1B -> out.append("\\e");
            default -> {
                if (cp <= 0xFF) {
                    out.append("\\x").append(HexFormat.of().toHexDigits((byte) cp));
                } else {
                    out.append(String.format("\\u%04X", cp));
                }
            }
        }
    }
}
