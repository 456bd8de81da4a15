package dev.wsworld.host.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what the host stub printed after a command with what a walkthrough says it prints.
 *
 * <p>Lines come from several threads: the console's own (results, errors), each world's events and
 * the consent prompts, each on its way through a queue. So the order that is compared is the order
 * within each source, which the host stub keeps: per component, its events, and apart from them the
 * outcomes of its sends ({@code sent}, {@code sendError}: the network's write callback may come
 * after the server's answer to what was sent); the prompts; the event log per component; and the
 * console's own lines. Between sources any interleaving is accepted, and every line must be there,
 * no more.
 *
 * <p>In an expected line, {@code …} stands for any text (a time, a tick, a figure), and a line that
 * is only {@code …} for any number of the console's own lines. {@code <port>} stands for a port
 * number the walkthrough did not choose (the demo's echo server): the first line that shows it
 * binds it, and every later {@code <port>} must be that number.
 */
final class Transcript {
    static final String ANY = "…";
    static final String PORT = "<port>";

    private static final Pattern EVENT = Pattern.compile("^\\[([^\\]]+)\\] (\\w+) .*");
    private static final Pattern LOGGED_COMPONENT = Pattern.compile("\"component\":\"([^\"]*)\"");
    private static final Pattern LOGGED_OUTCOME = Pattern.compile("\"event\":\"(sent|sendError)\"");

    private Transcript() {}

    /** Which source printed a line, as far as the order of lines goes. */
    static String source(String line) {
        Matcher event = EVENT.matcher(line);
        if (event.matches()) {
            // a send's outcome comes from the network's write callback, the answer to it from the
            // socket: an echo may be heard before "sent"
            boolean outcome = event.group(2).equals("sent") || event.group(2).equals("sendError");
            return (outcome ? "send outcomes of " : "events of ") + event.group(1);
        }
        if (line.startsWith("{\"tick\":") || line.startsWith("{\"event\":\"eventLogDropped\"")) {
            Matcher component = LOGGED_COMPONENT.matcher(line);
            return "event log"
                    + (LOGGED_OUTCOME.matcher(line).find() ? ", send outcomes" : "")
                    + (component.find() ? " of " + component.group(1) : "");
        }
        if (line.startsWith("consent #")
                || line.startsWith("  from the world: ")
                || line.startsWith("  answer with: ")) {
            return "prompts";
        }
        return "console";
    }

    /** Lines by source, each source's in order. */
    static Map<String, List<String>> bySource(List<String> lines, boolean expected) {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (String line : lines) {
            String source = expected && line.strip().equals(ANY) ? "console" : source(line);
            sources.computeIfAbsent(source, s -> new ArrayList<>()).add(line);
        }
        return sources;
    }

    /**
     * Whether the printed lines are exactly the expected ones, source by source.
     *
     * @param port what {@code <port>} stands for so far
     * @return what {@code <port>} stands for after the match, when it matches; empty when it does
     *     not
     */
    static Optional<Binding> matches(List<String> expected, List<String> printed, Binding port) {
        Map<String, List<String>> want = bySource(expected, true);
        Map<String, List<String>> got = bySource(printed, false);
        if (!want.keySet().equals(got.keySet())) {
            return Optional.empty();
        }
        Binding binding = port;
        for (String source : want.keySet()) {
            Binding[] bound = {binding};
            if (!lines(want.get(source), 0, got.get(source), 0, bound)) {
                return Optional.empty();
            }
            binding = bound[0];
        }
        return Optional.of(binding);
    }

    /**
     * What {@code <port>} stands for.
     *
     * @param port the number, or null while nothing bound it
     */
    record Binding(String port) {
        static final Binding NONE = new Binding(null);
    }

    private static boolean lines(
            List<String> want, int w, List<String> got, int g, Binding[] bound) {
        if (w == want.size()) {
            return g == got.size();
        }
        if (want.get(w).strip().equals(ANY)) {
            for (int skip = g; skip <= got.size(); skip++) {
                if (lines(want, w + 1, got, skip, bound)) {
                    return true;
                }
            }
            return false;
        }
        if (g == got.size()) {
            return false;
        }
        Binding before = bound[0];
        Binding after = line(want.get(w), got.get(g), before);
        if (after == null) {
            return false;
        }
        bound[0] = after;
        if (lines(want, w + 1, got, g + 1, bound)) {
            return true;
        }
        bound[0] = before;
        return false;
    }

    /**
     * One expected line against one printed line.
     *
     * @return the binding after the match (the same, or {@code <port>} newly bound); null for no
     *     match
     */
    static Binding line(String want, String got, Binding port) {
        StringBuilder regex = new StringBuilder();
        String text = strip(want);
        int portGroups = 0;
        for (int at = 0; at < text.length(); ) {
            if (text.startsWith(ANY, at)) {
                regex.append(".*");
                at += ANY.length();
            } else if (text.startsWith(PORT, at)) {
                if (port.port() != null) {
                    regex.append(Pattern.quote(port.port()));
                } else {
                    regex.append(portGroups == 0 ? "(\\d{1,5})" : "\\1");
                    portGroups++;
                }
                at += PORT.length();
            } else {
                int next = nextSpecial(text, at);
                regex.append(Pattern.quote(text.substring(at, next)));
                at = next;
            }
        }
        Matcher matcher = Pattern.compile(regex.toString()).matcher(strip(got));
        if (!matcher.matches()) {
            return null;
        }
        return portGroups > 0 ? new Binding(matcher.group(1)) : port;
    }

    private static int nextSpecial(String text, int from) {
        int any = text.indexOf(ANY, from);
        int port = text.indexOf(PORT, from);
        int next = text.length();
        if (any >= 0) {
            next = Math.min(next, any);
        }
        if (port >= 0) {
            next = Math.min(next, port);
        }
        return next;
    }

    /**
     * Trailing spaces do not count (Markdown editors drop them), and a run of spaces inside a line
     * counts as one gap of two: a table's columns may be aligned for a port of another width.
     */
    static String strip(String line) {
        return line.stripTrailing().replaceAll("(?<=\\S) {2,}", "  ");
    }
}
