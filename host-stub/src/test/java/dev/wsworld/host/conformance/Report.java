package dev.wsworld.host.conformance;

import dev.wsworld.host.output.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's report, like Autobahn's: one JSON file and one page per client under {@code
 * target/conformance/}.
 */
final class Report {
    static final Path DIRECTORY = Path.of("target", "conformance");

    private Report() {}

    static void write(String client, List<Judge.Result> results) throws IOException {
        Files.createDirectories(DIRECTORY);
        long passed = results.stream().filter(Judge.Result::passed).count();
        long nonStrict = results.stream().filter(r -> r.verdict().equals(Judge.NON_STRICT)).count();
        StringBuilder json =
                new StringBuilder(
                        "{\"client\":\""
                                + client
                                + "\",\"cases\":"
                                + results.size()
                                + ",\"passed\":"
                                + passed
                                + ",\"nonStrict\":"
                                + nonStrict
                                + ",\"failed\":"
                                + (results.size() - passed - nonStrict)
                                + ",\"results\":[\n");
        for (int i = 0; i < results.size(); i++) {
            Judge.Result r = results.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.id());
            row.put("rfc", r.rule());
            row.put("description", r.description());
            row.put("expectation", r.expectation());
            row.put("observation", r.observation());
            row.put("verdict", r.verdict());
            row.put("problems", r.problems());
            json.append(Json.object(row)).append(i < results.size() - 1 ? ",\n" : "\n");
        }
        json.append("]}\n");
        Files.writeString(DIRECTORY.resolve(client + ".json"), json, StandardCharsets.UTF_8);

        StringBuilder html =
                new StringBuilder(
                        "<!doctype html><meta charset=utf-8><title>WebSocket conformance: "
                                + client
                                + "</title><style>body{font:14px"
                                + " sans-serif}td{vertical-align:top;padding:2px"
                                + " 6px;border-bottom:1px solid #ddd}"
                                + ".pass{color:#060}.non-strict{color:#960}.fail{color:#b00;font-weight:bold}</style><h1>"
                                + client
                                + ": "
                                + passed
                                + " of "
                                + results.size()
                                + " cases pass"
                                + (nonStrict == 0 ? "" : ", " + nonStrict + " non-strict")
                                + "</h1><p>RFC 6455 client cases after Autobahn|Testsuite's"
                                + " sections; the server is a raw socket."
                                + "</p><table><tr><th>Case</th><th>RFC</th><th>Description</th><th>Expected</th><th>Observed</th><th>Verdict</th></tr>");
        for (Judge.Result r : results) {
            html.append("<tr><td>")
                    .append(r.id())
                    .append("</td><td>")
                    .append(r.rule())
                    .append("</td><td>")
                    .append(escape(r.description()))
                    .append("</td><td>")
                    .append(escape(r.expectation()))
                    .append("</td><td>")
                    .append(escape(r.observation()))
                    .append("</td><td class=")
                    .append(r.verdict())
                    .append('>')
                    .append(r.verdict())
                    .append(
                            r.problems().isEmpty()
                                    ? ""
                                    : ": " + escape(String.join("; ", r.problems())))
                    .append("</td></tr>");
        }
        html.append("</table>");
        Files.writeString(DIRECTORY.resolve(client + ".html"), html, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
