package dev.wsworld.websocket.consent;

/**
 * Turns a world-supplied AccessReason into plain text fit for a prompt: no control characters, no
 * line breaks, no bidirectional overrides or other invisible formatting, bounded length. A world
 * must not be able to forge prompt lines or hide text.
 */
public final class AccessReasons {
    /** Longest reason shown, in code points, ellipsis included. */
    public static final int MAX_LENGTH = 256;

    private AccessReasons() {}

    public static String sanitise(String reason) {
        if (reason == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(reason.length(), MAX_LENGTH * 2));
        boolean pendingSpace = false;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp)
                    || Character.isSpaceChar(cp)
                    || type == Character.CONTROL
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (type == Character.FORMAT
                    || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE) {
                continue; // bidi overrides, zero-width characters, tags: invisible, so dropped
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(cp);
        }
        String text =
                out.length() == reason.length() && out.toString().equals(reason)
                        ? reason
                        : out.toString();
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            int end = text.offsetByCodePoints(0, MAX_LENGTH - 1);
            text = text.substring(0, end).stripTrailing() + "\u2026";
        }
        return text;
    }
}
