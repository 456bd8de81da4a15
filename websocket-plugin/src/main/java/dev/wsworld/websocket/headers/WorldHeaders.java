package dev.wsworld.websocket.headers;

import dev.wsworld.common.net.HeaderLines;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The world's {@code Headers} field read into headers, or refused before anything is tried, naming
 * the line and why. A refusal never holds a value, as values may be secrets.
 */
public final class WorldHeaders {
    private WorldHeaders() {}

    /** The field cannot be sent as written; the message says where and why. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * The headers, in the order written; blank lines are skipped.
     *
     * @param text the field's value; null or empty for none
     * @throws RefusedException for the first line that cannot be sent, or when there are too many
     *     or too large
     */
    public static List<Header> parse(String text) throws RefusedException {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        // bounded before it is split: the text is the world's, of any length
        Optional<String> tooLarge =
                HeaderRules.bytesProblem(text.getBytes(StandardCharsets.UTF_8).length);
        if (tooLarge.isPresent()) {
            throw new RefusedException("Headers is " + tooLarge.get());
        }
        List<Header> headers = new ArrayList<>();
        for (HeaderLines.Line line : HeaderLines.lines(text)) {
            if (line.name() == null) {
                throw refused(line, "is not 'Name: value' (it has no ':')");
            }
            Optional<String> problem = HeaderRules.nameProblem(line.name());
            if (problem.isPresent()) {
                throw refused(line, problem.get());
            }
            problem = HeaderRules.valueProblem(line.value());
            if (problem.isPresent()) {
                throw new RefusedException(
                        "Headers line "
                                + line.number()
                                + " ("
                                + line.name()
                                + "): "
                                + problem.get());
            }
            headers.add(new Header(line.name(), line.value()));
        }
        Optional<String> tooMany = HeaderRules.countProblem(headers.size());
        if (tooMany.isPresent()) {
            throw new RefusedException("Headers has " + tooMany.get());
        }
        return List.copyOf(headers);
    }

    private static RefusedException refused(HeaderLines.Line line, String why) {
        return new RefusedException(
                "Headers line " + line.number() + (why.startsWith("is ") ? " " : ": ") + why);
    }
}
