package dev.wsworld.host.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsworld.host.docs.Transcript.Binding;
import dev.wsworld.host.docs.Walkthrough.Step;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestCertificates;
import dev.wsworld.host.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every console walkthrough in README.md and docs/ is run: the host stub starts in this JVM with
 * the walkthrough's options and the packaged plugin, each {@code > } line is fed to its standard
 * input once what the previous one printed has all arrived, and what it prints is compared with the
 * walkthrough (see {@link Transcript} for how). An example that drifts from the code fails here.
 *
 * <p>Around each run: a fresh directory holds {@code plugins/} (the packaged plugin), {@code
 * config/} (the shipped {@code websocket-client.yaml}) and the files the document defines before
 * the walkthrough ({@code ```yaml file=castle.yaml}); relative paths in the options, in {@code
 * world open} and in {@code save} are taken in that directory, and it is masked out of what is
 * printed. The guides' servers are started by the test: an echo server that the docs call port 9000
 * ({@link TestServer}: {@code /echo} echoes), and a wss one for {@code chat.test} that they call
 * port 8443, whose CA (the one the private-CA guide makes with openssl) is put in the config
 * directory as {@code ca.pem}. Their real ports stand in for 9000 and 8443 in what is fed, and 9000
 * and 8443 for the real ports in what is printed.
 */
class DocWalkthroughsTest {
    /** Generous: a 2-core machine running another build takes its time, and nothing sleeps. */
    private static final long STEP_MILLIS = 30_000;

    private static final long EXIT_MILLIS = 60_000;

    private static final String ECHO_PORT = "9000";
    private static final String TLS_PORT = "8443";

    private static final Set<String> PATH_OPTIONS =
            Set.of("--plugins", "--config", "--world", "--script", "--events");

    static List<Walkthrough> all() {
        List<Walkthrough> all = new ArrayList<>();
        for (Path doc : MarkdownDocs.all()) {
            all.addAll(Walkthrough.in(doc));
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyWalkthroughPrintsWhatItShows() {
        return all().stream().map(w -> DynamicTest.dynamicTest(w.toString(), () -> run(w)));
    }

    @Test
    void theDocsHaveWalkthroughsAndEveryConsoleBlockIsOne() {
        // Walkthrough.in refuses a console block that does not start the host stub
        List<Walkthrough> all = all();
        assertTrue(all.size() >= 10, "walkthroughs found: " + all);
        for (Walkthrough walkthrough : all) {
            assertFalse(walkthrough.steps().isEmpty(), walkthrough.toString());
        }
    }

    @Test
    void theMatcherTakesWildcardsAndPortsAndKeepsEachSourcesOrder() {
        List<String> want =
                List.of(
                        "[echo#1] sendStart {\"id\":1,\"kind\":\"text\",\"length\":2}",
                        "[echo#1] sent {\"id\":1}",
                        "[other#1] connected …",
                        "* \"Demo\" (1 components, tick …)",
                        "echo  ws://127.0.0.1:<port>/echo",
                        "…",
                        "last");
        List<String> printed =
                List.of(
                        "[other#1] connected {\"user\":\"alice\"}",
                        "[echo#1] sendStart {\"id\":1,\"kind\":\"text\",\"length\":2}",
                        "* \"Demo\" (1 components, tick 12)",
                        "[echo#1] sent {\"id\":1}",
                        "echo  ws://127.0.0.1:40117/echo",
                        "skipped",
                        "skipped too",
                        "last");
        assertEquals(
                Optional.of(new Binding("40117")), Transcript.matches(want, printed, Binding.NONE));
        assertTrue(
                Transcript.matches(want, printed, new Binding("40118")).isEmpty(),
                "a bound port must be that port");
        List<String> outcomeFirst = new ArrayList<>(printed);
        outcomeFirst.set(1, printed.get(3));
        outcomeFirst.set(3, printed.get(1));
        assertTrue(
                Transcript.matches(want, outcomeFirst, Binding.NONE).isPresent(),
                "a send's outcome may come before or after the other events");
        List<String> twoEvents = List.of("[a#1] connected {}", "[a#1] text {\"data\":\"x\"}");
        assertTrue(
                Transcript.matches(
                                twoEvents,
                                List.of(twoEvents.get(1), twoEvents.get(0)),
                                Binding.NONE)
                        .isEmpty(),
                "one component's events keep their order");
        List<String> extra = new ArrayList<>(printed);
        extra.add("[echo#1] text {\"data\":\"hi\"}");
        assertTrue(Transcript.matches(want, extra, Binding.NONE).isEmpty(), "a line too many");
        assertTrue(
                Transcript.matches(want, printed.subList(0, 7), Binding.NONE).isEmpty(),
                "a line too few");
    }

    private void run(Walkthrough walkthrough) throws Exception {
        Path dir = Files.createTempDirectory("wsworld-walkthrough");
        List<AutoCloseable> servers = new ArrayList<>();
        try {
            Map<String, String> ports = startServers(walkthrough, dir, servers);
            List<String> args = prepare(walkthrough, dir, ports);
            try (PipedHostStub stub = new PipedHostStub(args)) {
                play(walkthrough, stub, dir, ports);
            }
        } finally {
            for (AutoCloseable server : servers) {
                server.close();
            }
            deleteTree(dir);
        }
    }

    /** The doc's port numbers, by the real ports that stand for them. */
    private static Map<String, String> startServers(
            Walkthrough walkthrough, Path dir, List<AutoCloseable> servers) throws Exception {
        String text = everything(walkthrough);
        Map<String, String> ports = new LinkedHashMap<>();
        if (mentions(text, ECHO_PORT)) {
            TestServer echo = new TestServer();
            servers.add(echo);
            ports.put(ECHO_PORT, String.valueOf(echo.port()));
        }
        if (mentions(text, TLS_PORT)) {
            TestCertificates certificates = TestCertificates.shared();
            TestServer secure = new TestServer(certificates.chatTestKeyStore);
            servers.add(secure);
            ports.put(TLS_PORT, String.valueOf(secure.port()));
            Path config = dir.resolve(option(walkthrough.args(), "--config").orElse("config"));
            Files.createDirectories(config);
            Files.copy(certificates.caPem, config.resolve("ca.pem"));
        }
        return ports;
    }

    private static String everything(Walkthrough walkthrough) {
        StringBuilder text = new StringBuilder(String.join(" ", walkthrough.args()));
        walkthrough.files().values().forEach(text::append);
        walkthrough.steps().forEach(step -> text.append('\n').append(step.input()));
        return text.toString();
    }

    private static boolean mentions(String text, String number) {
        return Pattern.compile("(?<!\\d)" + number + "(?!\\d)").matcher(text).find();
    }

    /** The plugins and config directories and the doc's files; the options, paths resolved. */
    private static List<String> prepare(
            Walkthrough walkthrough, Path dir, Map<String, String> ports) throws IOException {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        Files.copy(HostFixture.pluginJar(), plugins.resolve("websocket-plugin.jar"));
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        Files.copy(
                MarkdownDocs.ROOT.resolve("config/websocket-client.yaml"),
                config.resolve("websocket-client.yaml"));
        for (Map.Entry<String, String> file : walkthrough.files().entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, withPorts(file.getValue(), ports));
        }
        List<String> args = new ArrayList<>();
        List<String> given = walkthrough.args();
        for (int i = 0; i < given.size(); i++) {
            String arg = given.get(i);
            args.add(arg);
            if (PATH_OPTIONS.contains(arg) && i + 1 < given.size()) {
                String value = given.get(++i);
                args.add(value.equals("-") ? value : dir.resolve(value).toString());
            }
        }
        if (option(given, "--plugins").isEmpty()) {
            args.addAll(0, List.of("--plugins", plugins.toString()));
        }
        if (option(given, "--config").isEmpty()) {
            args.addAll(0, List.of("--config", config.toString()));
        }
        return args;
    }

    private static Optional<String> option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Optional.of(args.get(at + 1)) : Optional.empty();
    }

    /** The doc's port numbers replaced by the real ones. */
    private static String withPorts(String text, Map<String, String> ports) {
        String result = text;
        for (Map.Entry<String, String> port : ports.entrySet()) {
            result = result.replaceAll("(?<!\\d)" + port.getKey() + "(?!\\d)", port.getValue());
        }
        return result;
    }

    /** What was printed as the doc shows it: real ports as the doc's, the directory left out. */
    private static List<String> masked(List<String> lines, Path dir, Map<String, String> ports) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            String text = line.replace(dir + "/", "").replace(dir.toString(), ".");
            for (Map.Entry<String, String> port : ports.entrySet()) {
                text = text.replaceAll("(?<!\\d)" + port.getValue() + "(?!\\d)", port.getKey());
            }
            result.add(text);
        }
        return result;
    }

    private static void play(
            Walkthrough walkthrough, PipedHostStub stub, Path dir, Map<String, String> ports)
            throws Exception {
        List<Step> steps = walkthrough.steps();
        Binding port = Binding.NONE;
        int from = 0;
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            boolean last = s == steps.size() - 1;
            if (step.input() != null) {
                stub.feed(input(step, dir, ports, port, walkthrough));
            }
            if (last) {
                stub.endInput();
                Integer status = stub.awaitExit(EXIT_MILLIS);
                if (status == null) {
                    fail(
                            walkthrough
                                    + ": the host stub did not end\n"
                                    + transcript(stub, dir, ports));
                }
                List<String> printed = masked(stub.lines(), dir, ports);
                List<String> tail = printed.subList(from, printed.size());
                if (Transcript.matches(step.expected(), tail, port).isEmpty()) {
                    fail(mismatch(walkthrough, step, tail, printed));
                }
                assertEquals(
                        walkthrough.exitStatus(),
                        status,
                        walkthrough + ": the exit status\n" + String.join("\n", printed));
                return;
            }
            int start = from;
            Binding before = port;
            Binding[] after = {null};
            int[] end = {start};
            boolean matched =
                    stub.await(
                            lines -> {
                                List<String> printed = masked(lines, dir, ports);
                                Optional<Binding> match =
                                        Transcript.matches(
                                                step.expected(),
                                                printed.subList(start, printed.size()),
                                                before);
                                match.ifPresent(b -> after[0] = b);
                                end[0] = printed.size();
                                return match.isPresent();
                            },
                            STEP_MILLIS);
            List<String> printed = masked(stub.lines(), dir, ports);
            if (!matched) {
                fail(mismatch(walkthrough, step, printed.subList(start, printed.size()), printed));
            }
            port = after[0];
            from = end[0];
        }
    }

    /** A line to feed: the real ports and the walkthrough's directory put in. */
    private static String input(
            Step step, Path dir, Map<String, String> ports, Binding port, Walkthrough walkthrough) {
        String line = withPorts(step.input(), ports);
        if (line.contains(Transcript.PORT)) {
            if (port.port() == null) {
                fail(
                        walkthrough
                                + ": line "
                                + step.line()
                                + " uses "
                                + Transcript.PORT
                                + " before anything printed it");
            }
            line = line.replace(Transcript.PORT, port.port());
        }
        List<String> words = Walkthrough.words(line);
        int file = -1;
        if (words.size() == 2 && words.get(0).equals("save")) {
            file = 1;
        } else if (words.size() == 3
                && words.get(0).equals("world")
                && words.get(1).equals("open")) {
            file = 2;
        }
        if (file > 0 && !Path.of(words.get(file)).isAbsolute()) {
            words.set(file, dir.resolve(words.get(file)).toString());
            line = String.join(" ", words);
        }
        return line;
    }

    private static String mismatch(
            Walkthrough walkthrough, Step step, List<String> got, List<String> whole) {
        return walkthrough
                + ": "
                + (step.input() == null
                        ? "at start"
                        : "after '> " + step.input() + "' (line " + step.line() + ")")
                + " the host stub printed:\n"
                + indent(got)
                + "but the walkthrough says:\n"
                + indent(step.expected())
                + "(the order that counts is each component's events, the prompts and the"
                + " console's own lines, each on its own)\nwhole transcript:\n"
                + indent(whole);
    }

    private static String transcript(PipedHostStub stub, Path dir, Map<String, String> ports) {
        return indent(masked(stub.lines(), dir, ports));
    }

    private static String indent(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append("    ").append(line).append('\n'));
        return text.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
