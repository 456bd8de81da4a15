package dev.wsworld.host.inspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message from the page: a flat JSON object whose values are text, whole numbers, booleans,
 * null, or lists of text. Anything else (nesting, fractions, trailing text) is refused, so what a
 * page can say stays small and plain.
 *
 * @param fields the object's members, in order
 */
record PageRequest(Map<String, Object> fields) {
    /** Longest message the page may send, in characters. */
    static final int MAX_CHARS = 1 << 20;

    /**
     * @throws IllegalArgumentException saying where the text is not such an object
     */
    static PageRequest parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("message over " + MAX_CHARS + " characters");
        }
        Parser parser = new Parser(text);
        Map<String, Object> fields = parser.object();
        parser.skipSpace();
        if (parser.at < text.length()) {
            throw parser.error("text after the object");
        }
        return new PageRequest(fields);
    }

    /** The member's text; an error when it is missing or not text. */
    String text(String name) {
        if (fields.get(name) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("'" + name + "' must be text");
    }

    Optional<String> optionalText(String name) {
        return fields.get(name) == null ? Optional.empty() : Optional.of(text(name));
    }

    long number(String name, long otherwise) {
        Object value = fields.get(name);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Long number) {
            return number;
        }
        throw new IllegalArgumentException("'" + name + "' must be a whole number");
    }

    @SuppressWarnings("unchecked")
    List<String> words(String name) {
        if (fields.get(name) instanceof List<?> list) {
            return (List<String>) list;
        }
        throw new IllegalArgumentException("'" + name + "' must be a list of text");
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Map<String, Object> object() {
            expect('{');
            Map<String, Object> fields = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                at++;
                return fields;
            }
            while (true) {
                skipSpace();
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                if (fields.put(name, value()) != null) {
                    throw error("'" + name + "' twice");
                }
                skipSpace();
                char next = next();
                if (next == '}') {
                    return fields;
                }
                if (next != ',') {
                    throw error("expected , or }");
                }
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '[') {
                at++;
                List<String> items = new ArrayList<>();
                skipSpace();
                if (peek() == ']') {
                    at++;
                    return List.copyOf(items);
                }
                while (true) {
                    skipSpace();
                    items.add(string());
                    skipSpace();
                    char next = next();
                    if (next == ']') {
                        return List.copyOf(items);
                    }
                    if (next != ',') {
                        throw error("expected , or ]");
                    }
                }
            }
            if (text.startsWith("true", at)) {
                at += 4;
                return true;
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return false;
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            int start = at;
            if (c == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 18) {
                at++;
            }
            if (at == start || (c == '-' && at == start + 1)) {
                throw error("expected text, a whole number, a list of text, true, false or null");
            }
            return Long.parseLong(text.substring(start, at));
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char escaped = next();
                    switch (escaped) {
                        case '"', '\\', '/' -> out.append(escaped);
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> {
                            if (at + 4 > text.length()) {
                                throw error("short \\u escape");
                            }
                            try {
                                out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            } catch (NumberFormatException e) {
                                throw error("bad \\u escape");
                            }
                            at += 4;
                        }
                        default -> throw error("bad escape");
                    }
                } else if (c < 0x20) {
                    throw error("a control character in text");
                } else {
                    out.append(c);
                }
            }
        }

        void skipSpace() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected " + c);
            }
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("not a request at character " + at + ": " + why);
        }
    }
}
