package dev.wsworld.host.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split into words. Words are separated by spaces; double quotes group a word (with
 * {@code \"} and {@code \\} inside). {@link #rest(int)} gives the raw remainder of the line, so
 * free text keeps its spacing.
 */
final class Tokens {
    private final String line;
    private final List<String> words = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();

    private Tokens(String line) {
        this.line = line;
    }

    /**
     * @throws IllegalArgumentException for an unclosed quote, with its column
     */
    static Tokens split(String line) {
        Tokens tokens = new Tokens(line);
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            boolean wasQuoted = false;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                char ch = line.charAt(i);
                if (ch == '"') {
                    wasQuoted = true;
                    int open = i++;
                    boolean closed = false;
                    while (i < line.length()) {
                        char q = line.charAt(i++);
                        if (q == '\\' && i < line.length()) {
                            word.append(line.charAt(i++));
                        } else if (q == '"') {
                            closed = true;
                            break;
                        } else {
                            word.append(q);
                        }
                    }
                    if (!closed) {
                        throw new IllegalArgumentException(
                                "column " + (open + 1) + ": unclosed quote");
                    }
                } else {
                    word.append(ch);
                    i++;
                }
            }
            tokens.words.add(word.toString());
            tokens.starts.add(start);
            tokens.quoted.add(wasQuoted);
        }
        return tokens;
    }

    /**
     * Words given one by one rather than typed on a line (the inspector's buttons): each is taken
     * exactly as it is, quotes and spaces included, and the last is the whole of {@link #rest}.
     * Columns count in the words joined by single spaces.
     */
    static Tokens of(List<String> words) {
        Tokens tokens = new Tokens(String.join(" ", words));
        int start = 0;
        for (String word : words) {
            tokens.words.add(word);
            tokens.starts.add(start);
            tokens.quoted.add(true);
            start += word.length() + 1;
        }
        return tokens;
    }

    int size() {
        return words.size();
    }

    String get(int index) {
        return words.get(index);
    }

    /** 1-based column where word {@code index} starts. */
    int column(int index) {
        return starts.get(index) + 1;
    }

    /** Everything from word {@code index} on, as typed; a single quoted word is unquoted. */
    String rest(int index) {
        if (index >= words.size()) {
            return "";
        }
        if (index == words.size() - 1 && quoted.get(index)) {
            return words.get(index);
        }
        return line.substring(starts.get(index)).strip();
    }

    List<String> from(int index) {
        return index >= words.size() ? List.of() : words.subList(index, words.size());
    }
}
