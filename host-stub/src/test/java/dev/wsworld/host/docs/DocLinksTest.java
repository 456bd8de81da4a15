package dev.wsworld.host.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/ names a file that exists, and an anchor names a
 * heading of the document it points to (as GitHub spells heading anchors). Moving a section or a
 * file breaks no link unnoticed.
 */
class DocLinksTest {
    /** {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkNamesAFileThatExistsAndAHeadingOfIt() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : MarkdownDocs.all()) {
            List<String> prose = MarkdownDocs.prose(doc);
            for (int i = 0; i < prose.size(); i++) {
                String line = prose.get(i);
                if (line == null) {
                    continue;
                }
                Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("[a-zA-Z][a-zA-Z+.-]*:.*")) {
                        continue; // https:, mailto: ...
                    }
                    checked++;
                    String problem = problem(doc, target);
                    if (problem != null) {
                        broken.add(
                                MarkdownDocs.ROOT.relativize(doc)
                                        + ":"
                                        + (i + 1)
                                        + ": "
                                        + target
                                        + ": "
                                        + problem);
                    }
                }
            }
        }
        assertTrue(checked > 20, "links found: " + checked);
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void anchorsAreSpelledAsGitHubSpellsThem() {
        assertEquals("network-safety", anchor("Network safety"));
        assertEquals("wss-with-a-private-ca", anchor("wss with a private CA"));
        assertEquals("the-plugins-directory", anchor("The plugins directory"));
        assertEquals("stats-and-the-trade", anchor("`stats`, and the trade"));
        assertEquals("several-worlds-one-host", anchor("Several worlds, one host"));
    }

    private static String problem(Path doc, String target) {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!resolved.startsWith(MarkdownDocs.ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (fragment != null) {
            if (!resolved.toString().endsWith(".md")) {
                return "an anchor into a file that is not Markdown";
            }
            if (!anchors(resolved).contains(fragment)) {
                return "no heading '" + fragment + "' in " + MarkdownDocs.ROOT.relativize(resolved);
            }
        }
        return null;
    }

    /** The anchors of a document's headings, numbered as GitHub numbers repeated ones. */
    private static Set<String> anchors(Path doc) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : MarkdownDocs.prose(doc)) {
            if (line == null) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String anchor = anchor(heading.group(1));
                int count = seen.merge(anchor, 1, Integer::sum);
                anchors.add(count == 1 ? anchor : anchor + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        StringBuilder anchor = new StringBuilder();
        text.toLowerCase(Locale.ROOT)
                .codePoints()
                .forEach(
                        c -> {
                            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                                anchor.appendCodePoint(c);
                            } else if (c == ' ') {
                                anchor.append('-');
                            }
                        });
        return anchor.toString();
    }
}
