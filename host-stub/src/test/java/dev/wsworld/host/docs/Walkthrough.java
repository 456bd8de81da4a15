package dev.wsworld.host.docs;

import dev.wsworld.host.docs.MarkdownDocs.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console walkthrough of the docs: a {@code console} block that starts the host stub, feeds it
 * commands and shows what it prints. The format is described in {@code docs/README.md}:
 *
 * <pre>
 * $ java -jar host-stub/target/host-stub.jar [OPTIONS]   the command line
 * [what it prints before the first command]
 * &gt; COMMAND                                              a line of its standard input
 * [what it prints after it]
 * (exit status N)                                        the last line, when not 0
 * </pre>
 *
 * @param block where it is
 * @param args the host stub's options, as written
 * @param steps what is printed at start, then each command with what it prints
 * @param exitStatus the exit status expected
 * @param files the files the document defines before the walkthrough ({@code ```yaml
 *     file=castle.yaml}), by path, the latest definition of each
 */
record Walkthrough(
        Block block,
        List<String> args,
        List<Step> steps,
        int exitStatus,
        Map<String, String> files) {

    /** How a walkthrough starts the host stub. */
    static final String COMMAND = "$ java -jar host-stub/target/host-stub.jar";

    private static final Pattern EXIT = Pattern.compile("\\(exit status (\\d+)\\)");

    /**
     * One command and what the host stub prints after it, before the next.
     *
     * @param input the line fed to standard input; null for what is printed at start
     * @param line its line in the document
     * @param expected the lines printed, as the document writes them
     */
    record Step(String input, int line, List<String> expected) {}

    /** The walkthroughs of a document, each with the files defined before it. */
    static List<Walkthrough> in(java.nio.file.Path doc) {
        List<Walkthrough> found = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (Block block : MarkdownDocs.blocks(doc)) {
            String file = block.attribute("file");
            if (file != null) {
                files.put(file, String.join("\n", block.lines()) + "\n");
            }
            if (block.language().equals("console")) {
                found.add(parse(block, new LinkedHashMap<>(files)));
            }
        }
        return found;
    }

    static Walkthrough parse(Block block, Map<String, String> files) {
        List<String> lines = block.lines();
        if (lines.isEmpty()
                || !(lines.get(0).equals(COMMAND) || lines.get(0).startsWith(COMMAND + " "))) {
            throw new AssertionError(
                    block.where()
                            + ": a console block is a walkthrough, and starts with '"
                            + COMMAND
                            + "' (show other sessions as text blocks)");
        }
        List<String> args = words(lines.get(0).substring(COMMAND.length()));
        List<Step> steps = new ArrayList<>();
        int status = 0;
        String input = null;
        int inputLine = block.line() + 1;
        List<String> expected = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher exit = EXIT.matcher(line.strip());
            if (exit.matches()) {
                if (i != lines.size() - 1) {
                    throw new AssertionError(
                            block.where() + ": '(exit status N)' must be the block's last line");
                }
                status = Integer.parseInt(exit.group(1));
            } else if (line.equals(">") || line.startsWith("> ")) {
                steps.add(new Step(input, inputLine, expected));
                input = line.length() > 2 ? line.substring(2) : "";
                inputLine = block.line() + 1 + i;
                expected = new ArrayList<>();
            } else {
                expected.add(line);
            }
        }
        steps.add(new Step(input, inputLine, expected));
        return new Walkthrough(block, args, steps, status, files);
    }

    /** Splits a command line as a shell would, for the plain quoting the docs use. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** A name for the test: where the walkthrough is. */
    @Override
    public String toString() {
        return block.where();
    }
}
