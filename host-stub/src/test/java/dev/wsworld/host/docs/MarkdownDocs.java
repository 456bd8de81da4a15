package dev.wsworld.host.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's Markdown documents as the doc tests read them: {@code README.md} and every
 * {@code .md} file under {@code docs/}, each cut into its fenced code blocks.
 */
final class MarkdownDocs {
    /** The repository root, seen from the host-stub module where its tests run. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final String FENCE = "```";

    private MarkdownDocs() {}

    /**
     * A fenced code block.
     *
     * @param doc the document it is in
     * @param line the line number of its opening fence, from 1
     * @param info what follows the opening fence: the language, then any words ({@code yaml
     *     file=castle.yaml})
     * @param lines its lines, without the fences
     */
    record Block(Path doc, int line, String info, List<String> lines) {
        /** The language: the first word of the info string. */
        String language() {
            String trimmed = info.strip();
            int space = trimmed.indexOf(' ');
            return space < 0 ? trimmed : trimmed.substring(0, space);
        }

        /** The value of {@code name=value} in the info string, or null. */
        String attribute(String name) {
            for (String word : info.strip().split("\\s+")) {
                if (word.startsWith(name + "=")) {
                    return word.substring(name.length() + 1);
                }
            }
            return null;
        }

        /** Where it is, for messages: {@code docs/host-stub.md:120}. */
        String where() {
            return ROOT.relativize(doc) + ":" + line;
        }
    }

    /** README.md and every document under docs/, in a stable order. */
    static List<Path> all() {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** The lines of a document. */
    static List<String> lines(Path doc) {
        try {
            return Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fenced blocks of a document, in order. A fence is a line that starts with three or more
     * backticks, and a block ends at a line of at least as many backticks and nothing else, so a
     * block of four can show one of three; indented fences (inside a list item) count too.
     */
    static List<Block> blocks(Path doc) {
        List<String> lines = lines(doc);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String opening = lines.get(i).stripLeading();
            int ticks = fence(opening);
            if (ticks == 0) {
                continue;
            }
            int indent = lines.get(i).length() - opening.length();
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !closes(lines.get(j), ticks)) {
                String line = lines.get(j);
                body.add(
                        line.length() >= indent && line.substring(0, indent).isBlank()
                                ? line.substring(indent)
                                : line.stripLeading());
                j++;
            }
            if (j == lines.size()) {
                throw new AssertionError(
                        ROOT.relativize(doc) + ":" + (i + 1) + ": a code block is never closed");
            }
            blocks.add(new Block(doc, i + 1, opening.substring(ticks), body));
            i = j;
        }
        return blocks;
    }

    /** How many backticks open a fence on this line (stripped), or 0 when it opens none. */
    private static int fence(String stripped) {
        int ticks = 0;
        while (ticks < stripped.length() && stripped.charAt(ticks) == '`') {
            ticks++;
        }
        return ticks >= FENCE.length() ? ticks : 0;
    }

    private static boolean closes(String line, int ticks) {
        String stripped = line.strip();
        return fence(stripped) >= ticks && stripped.chars().allMatch(c -> c == '`');
    }

    /**
     * The lines of a document outside its fenced blocks, each with its number; inside a block a
     * line is null (so link checks skip code).
     */
    static List<String> prose(Path doc) {
        List<String> lines = new ArrayList<>(lines(doc));
        int open = 0; // the ticks of the block the line is in, 0 outside
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (open == 0) {
                open = fence(line.stripLeading());
                if (open > 0) {
                    lines.set(i, null);
                }
            } else {
                if (closes(line, open)) {
                    open = 0;
                }
                lines.set(i, null);
            }
        }
        return lines;
    }
}
