package dev.wsworld.host.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.host.PluginApi;
import dev.wsworld.host.cli.Main;
import dev.wsworld.host.testing.BalancedEvents;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host stub's command line as a user runs it: arguments, scripts, exit statuses, event log. */
class HostCommandLineTest {
    @TempDir Path dir;

    private TestServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        HostFixture.in(dir).options(); // plugins/ with the packaged plugin, config/, world.yaml
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private int run(String stdin, String... args) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "--plugins",
                                dir.resolve("plugins").toString(),
                                "--config",
                                dir.resolve("config").toString()));
        all.addAll(List.of(args));
        return Main.run(
                all.toArray(String[]::new),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
    }

    private Path script(String text) throws Exception {
        Path file = dir.resolve("script.txt");
        Files.writeString(file, text);
        return file;
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aHeadlessScriptDrivesTheComponentEndToEndWithAJsonEventLog() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path script =
                script(
                        """
                        # a world builder's session, all through the console
                        add bridge WebsocketClient URL=%s AccessReason="Chat bridge" HandlingUser=alice
                        wait bridge connected
                        send bridge text hello bridge
                        wait bridge sent
                        wait bridge text
                        send bridge binary cafe
                        wait bridge binary
                        set bridge URL %s
                        wait bridge disconnected
                        wait bridge connected
                        disconnect bridge
                        wait bridge disconnected
                        status bridge
                        """
                                .formatted(server.uri("/echo"), server.uri("/subprotocol")));
        int status =
                run(
                        "",
                        "--world",
                        dir.resolve("world.yaml").toString(),
                        "--script",
                        script.toString(),
                        "--events",
                        events.toString(),
                        "--consent",
                        "alice=allow",
                        "--headless");
        assertEquals(0, status, stderr());
        BalancedEvents.assertBalancedLog(events);
        List<String> lines = Files.readAllLines(events);
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            assertTrue(
                    line.matches(
                            "\\{\"tick\":\\d+,\"timeMs\":\\d+,\"world\":\"Test\",\"slot\":\"bridge\","
                                + "\"component\":\"bridge#1\",\"event\":\"\\w+\".*}"),
                    line);
            names.add(line.replaceAll(".*\"event\":\"(\\w+)\".*", "$1"));
        }
        // a send's completion and the echo of it race on the network; everything else is ordered
        List<String> withoutSent = names.stream().filter(n -> !n.equals("sent")).toList();
        assertEquals(
                List.of(
                        "userResolved",
                        "consentRequested",
                        "connected",
                        "sendStart",
                        "text",
                        "sendStart",
                        "binary",
                        "disconnected",
                        "connected",
                        "disconnected"),
                withoutSent,
                names.toString());
        assertEquals(2, names.stream().filter(n -> n.equals("sent")).count(), names.toString());
        assertTrue(names.indexOf("sent") > names.indexOf("sendStart"), names.toString());
        assertTrue(names.lastIndexOf("sent") > names.lastIndexOf("sendStart"), names.toString());
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l -> l.endsWith(",\"event\":\"text\",\"data\":\"hello bridge\"}")),
                lines.toString());
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l ->
                                        l.endsWith(
                                                ",\"event\":\"binary\",\"hex\":\"cafe\",\"length\":2}")),
                lines.toString());
        assertTrue(
                lines.get(lines.size() - 1).contains("\"code\":1000"), lines.get(lines.size() - 1));
        assertTrue(stdout().contains("bridge#1 WebsocketClient"), stdout());
        assertTrue(
                stdout().lines().anyMatch(line -> line.matches("  State +Idle")),
                "status SLOT: a field a line\n" + stdout());
        assertEquals(List.of("text:hello bridge", "binary:cafe"), new ArrayList<>(server.received));
    }

    @Test
    void consentIsAnsweredListedAndRevokedFromTheConsole() throws Exception {
        Path world = dir.resolve("ask.yaml");
        Files.writeString(world, "users: [ { id: alice, host: true, local: true } ]\n");
        Path script =
                script(
                        """
                        add lamp WebsocketClient URL=%s HandlingUser=alice AccessReason="Lamp sync"
                        wait lamp consentRequested
                        answer alice always
                        wait lamp connected
                        grants
                        revoke alice 127.0.0.1:%d
                        grants
                        """
                                .formatted(server.uri("/echo"), server.port()));
        assertEquals(
                0, run("", "--world", world.toString(), "--script", script.toString()), stderr());
        String text = stdout();
        assertTrue(
                text.contains(
                        "consent #1: alice is asked to allow a connection to ws://127.0.0.1:"
                                + server.port()
                                + ", in world \"World\"\n"
                                + "  from the world: slot \"lamp\" at \"lamp\", reason \"Lamp"
                                + " sync\"\n"
                                + "  answer with: answer 1 allow|always|deny|ignore"),
                text);
        assertTrue(
                text.contains(
                        "answered always for alice in world \"World\": ws://127.0.0.1:"
                                + server.port()),
                text);
        assertTrue(text.contains("alice ws://127.0.0.1:" + server.port() + " always"), text);
        assertTrue(
                text.contains("revoked 1 decision(s) of alice for 127.0.0.1:" + server.port()),
                text);
        assertTrue(text.trim().endsWith("no lasting consent decisions"), text);
    }

    @Test
    void theEventLogCanGoToStandardOutput() throws Exception {
        Path script =
                script(
                        "add s WebsocketClient URL=%s HandlingUser=alice\nwait s connected\n"
                                .formatted(server.uri("/echo")));
        assertEquals(
                0,
                run(
                        "",
                        "--world",
                        dir.resolve("world.yaml").toString(),
                        "--script",
                        script.toString(),
                        "--events",
                        "-",
                        "--consent",
                        "alice=allow",
                        "--headless"),
                stderr());
        assertTrue(
                stdout().lines()
                        .anyMatch(
                                l ->
                                        l.matches(
                                                "\\{\"tick\":\\d+,\"timeMs\":\\d+,\"world\":\"Test\",\"slot\":\"s\",\"component\":\"s#1\",\"event\":\"connected\",\"subprotocol\":\"\",\"user\":\"alice\",\"compressed\":false}")),
                stdout());
    }

    @Test
    void aNamedConfigOrPluginsDirectoryThatDoesNotExistIsExit2() {
        assertEquals(
                2,
                Main.run(
                        new String[] {"--config", dir.resolve("confg").toString(), "--headless"},
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false));
        assertTrue(
                stderr().contains(
                                "--config: directory " + dir.resolve("confg") + " does not exist"),
                stderr());
        err.reset();
        assertEquals(
                2,
                Main.run(
                        new String[] {"--plugins", dir.resolve("plugns").toString(), "--headless"},
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false));
        assertTrue(
                stderr().contains(
                                "--plugins: directory "
                                        + dir.resolve("plugns")
                                        + " does not exist"),
                stderr());
    }

    @Test
    void aPluginThatFailsToStartIsOneLineWithoutAStackTrace() throws Exception {
        Files.writeString(
                dir.resolve("config/websocket-client.yaml"), "allowlist: [ \"ws://*\" ]\n");
        Process host =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName(),
                                "--plugins",
                                dir.resolve("plugins").toString(),
                                "--config",
                                dir.resolve("config").toString(),
                                "--headless")
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
        String stderr = new String(host.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(host.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, host.exitValue(), stderr);
        assertTrue(stderr.contains("websocket-client.yaml:1:14: allowlist[0]"), stderr);
        assertFalse(stderr.contains("\tat "), "a stack trace for a user's mistake:\n" + stderr);
        assertFalse(stderr.contains("Unable to start plugin"), stderr);
    }

    @Test
    void aWaitThatTimesOutExitsWith3() throws Exception {
        Path script = script("wait nowhere connected 0.5\nstatus\n");
        assertEquals(
                3,
                run(
                        "",
                        "--world",
                        dir.resolve("world.yaml").toString(),
                        "--script",
                        script.toString(),
                        "--headless"));
        assertTrue(
                stderr().contains(
                                "script.txt:1: wait: no \"connected\" event on \"nowhere\" within"
                                        + " 0.5 s"),
                stderr());
        assertFalse(
                stdout().contains("no components"), "commands after the failed wait must not run");
    }

    @Test
    void aMalformedScriptExits2BeforeAnythingRuns() throws Exception {
        Path script = script("status\nsend x json {}\n");
        assertEquals(2, run("", "--script", script.toString(), "--headless"));
        assertTrue(
                stderr().contains("script.txt:2:8: send takes text or binary, not 'json'"),
                stderr());
        assertEquals("", stdout());
    }

    @Test
    void aFailingCommandInAScriptExits1WithItsLine() throws Exception {
        Path script = script("status\nconnect nowhere\nstatus\n");
        assertEquals(
                1,
                run(
                        "",
                        "--world",
                        dir.resolve("world.yaml").toString(),
                        "--script",
                        script.toString(),
                        "--headless"));
        assertTrue(stderr().contains("script.txt:2: no slot \"nowhere\""), stderr());
    }

    @Test
    void badArgumentsExit2NamingTheOptionAndTheNearestOne() {
        assertEquals(2, run("", "--tick-rate", "fast"));
        assertTrue(
                stderr().contains("Invalid value for option '--tick-rate': 'fast' is not a double"),
                stderr());
        assertTrue(stderr().contains("Try --help for the options."), stderr());
        err.reset();
        assertEquals(2, run("", "--tick-rate", "0"));
        assertTrue(stderr().contains("--tick-rate: must be from 1 to 10000 Hz"), stderr());
        err.reset();
        // too slow to start: a plugin's registration waits for a tick, and start-up waited a minute
        assertEquals(2, run("", "--tick-rate", "0.01"));
        assertTrue(
                stderr().contains("--tick-rate: must be from 1 to 10000 Hz, not 0.01"), stderr());
        err.reset();
        assertEquals(2, run("", "--world-file", "w.yaml"));
        assertTrue(stderr().contains("Unknown options: '--world-file'"), stderr());
        assertTrue(stderr().contains("Possible solutions: --world"), stderr());
        err.reset();
        assertEquals(2, run("", "--headles"));
        assertTrue(stderr().contains("Possible solutions: --headless"), stderr());
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndTheExitStatuses() {
        assertEquals(0, run("", "--help"));
        String help = stdout();
        for (String option :
                List.of(
                        "--plugins=DIR",
                        "--config=DIR",
                        "--world=FILE",
                        "--script=FILE",
                        "--events=FILE|-",
                        "--headless",
                        "--tick-rate=HZ",
                        "--no-history",
                        "--verbose",
                        "--help",
                        "--version")) {
            assertTrue(help.contains(option), option + " missing from:\n" + help);
        }
        assertTrue(help.contains("(default: plugins)") && help.contains("(default: 60)"), help);
        for (String status :
                List.of(
                        "0   the input or script ended",
                        "1   a script or piped command failed",
                        "2   bad input",
                        "3   a wait command timed out")) {
            assertTrue(help.contains(status), status + " missing from:\n" + help);
        }
        assertEquals("", stderr());
    }

    @Test
    void versionNamesTheHostStubThePluginApiAndThePluginsFound() {
        assertEquals(0, run("", "--version"));
        String version = stdout();
        assertTrue(version.startsWith("host-stub "), version);
        assertTrue(version.contains("plugin API " + PluginApi.VERSION), version);
        assertTrue(version.contains("plugins in " + dir.resolve("plugins") + ":"), version);
        assertTrue(
                version.lines().anyMatch(line -> line.matches("  websocket-client \\S+ .*\\.jar")),
                version);
    }

    @Test
    void pipedInputShowsEventsAsTheConsoleDoes() {
        assertEquals(
                0,
                run("wait echo connected\nsend echo text hello\nwait echo text\nquit\n"),
                stderr());
        assertTrue(
                stdout().lines()
                        .anyMatch(line -> line.equals("[echo#1] text {\"data\":\"hello\"}")),
                stdout());
    }

    @Test
    void aFailingPipedCommandEndsTheRunWithItsStatus() {
        assertEquals(
                1,
                run(
                        "connect nowhere\nquit\n",
                        "--world",
                        dir.resolve("world.yaml").toString(),
                        "--headless"));
        assertTrue(stderr().contains("stdin:1: no slot \"nowhere\""), stderr());
    }

    @Test
    void aBadWorldFileExits2WithFileLineAndColumn() throws Exception {
        Path world = dir.resolve("bad.yaml");
        Files.writeString(world, "users:\n  - { id: a, consent: allow }\n");
        assertEquals(2, run("", "--world", world.toString(), "--headless"));
        assertTrue(
                stderr().contains(
                                "bad.yaml:2:23: users[].consent: a world file cannot answer consent"
                                        + " prompts"),
                stderr());
    }

    @Test
    void commandsFromStandardInputRunUntilQuit() throws Exception {
        assertEquals(
                0,
                run(
                        "join dave\nstatus\nquit\nbogus\n",
                        "--world",
                        dir.resolve("world.yaml").toString(),
                        "--headless"));
        assertTrue(stdout().contains("no components"), stdout());
    }

    @Test
    void theEmbeddedDemoIsConnectedToItsEchoServer() throws Exception {
        Path script =
                script(
                        """
                        wait echo connected
                        send echo text hi there
                        wait echo text
                        quit
                        """);
        Path events = dir.resolve("demo.jsonl");
        assertEquals(
                0, run("", "--script", script.toString(), "--events", events.toString()), stderr());
        BalancedEvents.assertBalancedLog(events);
        assertFalse(
                Files.readString(events).contains("consentRequested"),
                "the host vouches for its own demo server");
        assertTrue(
                Files.readAllLines(events).stream()
                        .anyMatch(l -> l.endsWith("\"event\":\"text\",\"data\":\"hi there\"}")));
    }
}
