package dev.wsworld.host.output;

import dev.wsworld.common.text.TerminalText;
import java.util.Map;

/** Writes the plain values events carry (text, numbers, booleans, null, flat maps) as JSON. */
public final class Json {
    private Json() {}

    public static String object(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder(64 + fields.size() * 16);
        object(out, fields, COMPACT);
        return out.toString();
    }

    /** The same JSON indented by two spaces per level, for people to read. */
    public static String pretty(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder(64 + fields.size() * 32);
        object(out, fields, 0);
        return out.toString();
    }

    /** One line, no spaces. */
    private static final int COMPACT = -1;

    private static void object(StringBuilder out, Map<String, ?> fields, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newLine(out, depth + 1, depth);
            string(out, entry.getKey());
            out.append(depth == COMPACT ? ":" : ": ");
            value(out, entry.getValue(), depth == COMPACT ? COMPACT : depth + 1);
        }
        if (!first) {
            newLine(out, depth, depth);
        }
        out.append('}');
    }

    private static void newLine(StringBuilder out, int indent, int depth) {
        if (depth != COMPACT) {
            out.append('\n').append("  ".repeat(indent));
        }
    }

    @SuppressWarnings("unchecked")
    private static void value(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isFinite(d)) {
                out.append(
                        d == Math.rint(d) && Math.abs(d) < 1e15
                                ? Long.toString((long) d)
                                : Double.toString(d));
            } else {
                out.append("null");
            }
        } else if (value instanceof Map<?, ?> map) {
            object(out, (Map<String, ?>) map, depth);
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(depth == COMPACT ? "," : ", ");
                }
                first = false;
                value(out, item, depth);
            }
            out.append(']');
        } else {
            string(out, value.toString());
        }
    }

    /**
     * A JSON string, exact, and safe to print: every character a terminal would act on (controls,
     * bidi overrides, line separators, lone surrogates) is written as a {@code \\u} escape, so the
     * value is the same to a JSON reader and harmless to a person reading the line.
     */
    static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (TerminalText.unsafe(cp)) {
                        for (char c : Character.toChars(cp)) {
                            out.append(String.format("\\u%04x", (int) c));
                        }
                    } else {
                        out.append(text, i, i + width);
                    }
                }
            }
            i += width;
        }
        out.append('"');
    }
}
