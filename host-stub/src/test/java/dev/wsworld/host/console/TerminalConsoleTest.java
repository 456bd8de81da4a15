package dev.wsworld.host.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.LocalPeer;
import dev.wsworld.host.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive console in a real pseudo-terminal: the host stub runs inside tmux, keys are sent
 * to it, and the screen is read back. Waits poll the screen until it shows what is expected, with
 * generous deadlines.
 */
class TerminalConsoleTest {
    private static final String TMUX = "/usr/bin/tmux";

    @TempDir Path dir;

    private TestServer server;

    /** A tmux server of this test's own, so nothing else's sessions are touched. */
    private String socket;

    private HostFixture.Builder host;

    @BeforeEach
    void start() throws Exception {
        LocalPeer.require(TMUX, "tmux");
        server = new TestServer();
        socket = "wsworld-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        host =
                HostFixture.in(dir)
                        .config("network:\n  blockPrivateAddresses: false\n")
                        .world(
                                HostFixture.DEFAULT_WORLD
                                        + """
                                        slots:
                                          - name: echo
                                            components:
                                              - type: WebsocketClient
                                                fields: { URL: "%s", HandlingUser: alice }
                                        """
                                                .formatted(server.uri("/echo")));
    }

    @AfterEach
    void stop() throws Exception {
        tmux("kill-server");
        server.close();
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TMUX, "-L", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }

    /**
     * Ends this test's tmux server and waits until it is gone: a new session started while the old
     * server still shuts down would be refused as a duplicate, and then die with it.
     */
    private void killServer() throws Exception {
        tmux("kill-server");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !tmux("ls").contains("no server running")) {
            Thread.sleep(50);
        }
    }

    /** Starts the host stub in a 120×30 terminal with the given environment and extra options. */
    private void launch(String environment, String... options) throws Exception {
        var paths = host.options();
        String java = ProcessHandle.current().info().command().orElse("java");
        StringBuilder command =
                new StringBuilder(
                        environment
                                + " "
                                + java
                                + " -cp '"
                                + System.getProperty("java.class.path")
                                + "' dev.wsworld.host.cli.Main --plugins '"
                                + paths.plugins()
                                + "' --config '"
                                + paths.config()
                                + "' --world '"
                                + paths.worlds().get(0)
                                + "' --consent alice=allow");
        for (String option : options) {
            command.append(' ').append(option);
        }
        command.append(" 2>>'").append(dir.resolve("stderr.log")).append("'; sleep 60");
        tmux("new-session", "-d", "-s", "console", "-x", "120", "-y", "30", command.toString());
        screenShows(text -> text.contains("[echo#1] connected"), "the echo client connected");
    }

    private String screen(boolean withColours) throws Exception {
        return withColours
                ? tmux("capture-pane", "-p", "-e", "-t", "console")
                : tmux("capture-pane", "-p", "-t", "console");
    }

    private String screenShows(Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HostFixture.WAIT_MILLIS);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = screen(false);
            if (condition.test(text)) {
                return text;
            }
            Thread.sleep(100);
        }
        String log =
                Files.exists(dir.resolve("stderr.log"))
                        ? Files.readString(dir.resolve("stderr.log"))
                        : "";
        fail("the screen never showed " + what + ":\n" + text + "\nstderr:\n" + log);
        return text;
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "console"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** The line the cursor is on, as typed so far. */
    private static String lastLine(String screen) {
        List<String> lines = screen.lines().filter(line -> !line.isBlank()).toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void historyIsRecalledWithTheUpArrowAndSurvivesARestart() throws Exception {
        launch("");
        keys("status", "Enter");
        screenShows(text -> text.contains("COMPONENT  TYPE"), "the status table");
        keys("Up");
        assertEquals(
                "> status",
                lastLine(
                        screenShows(text -> lastLine(text).equals("> status"), "status recalled")));
        keys("C-u", "quit", "Enter");
        screenShows(text -> text.contains("[echo#1] disconnected"), "the host quitting");
        String history =
                Files.readString(dir.resolve("config").resolve(TerminalConsole.HISTORY_FILE));
        assertTrue(
                history.contains("status") && history.contains("quit"), "history file: " + history);
        killServer();

        launch("");
        keys("Up");
        screenShows(text -> lastLine(text).equals("> quit"), "the last session's last command");
        keys("Up");
        screenShows(text -> lastLine(text).equals("> status"), "the command before it");
    }

    @Test
    void withNoHistoryNothingIsWritten() throws Exception {
        launch("", "--no-history");
        keys("status", "Enter");
        screenShows(text -> text.contains("COMPONENT  TYPE"), "the status table");
        keys("quit", "Enter");
        screenShows(text -> text.contains("disconnected"), "the host quitting");
        assertFalse(Files.exists(dir.resolve("config").resolve(TerminalConsole.HISTORY_FILE)));
    }

    @Test
    void tabCompletesCommandsSlotsFieldsAndAnswers() throws Exception {
        launch("");
        keys("stat", "Tab");
        // status and stats share "stat": the first Tab lists both
        screenShows(text -> text.contains("stats") && text.contains("status"), "both candidates");
        keys("u", "Tab");
        screenShows(text -> lastLine(text).equals("> status"), "status completed");
        keys("ec", "Tab"); // the completed command ends with a space already
        screenShows(text -> lastLine(text).equals("> status echo"), "the slot name completed");
        keys("C-u", "set echo Acc", "Tab");
        screenShows(
                text -> lastLine(text).equals("> set echo AccessReason"),
                "the field name completed");
        keys("C-u", "answer alice al", "Tab");
        screenShows(
                text -> text.contains("allow") && text.contains("always"), "the answers offered");
    }

    @Test
    void anEventArrivingWhileALineIsHalfTypedIsPrintedAboveItAndTheLineStaysIntact()
            throws Exception {
        launch("");
        keys("send echo text half-ty");
        screenShows(
                text -> lastLine(text).equals("> send echo text half-ty"), "the half-typed line");
        // the server now closes the connection: the world hears of it while the line is on screen
        server.close();
        String text = screenShows(s -> s.contains("[echo#1] disconnected"), "the disconnect");
        assertEquals("> send echo text half-ty", lastLine(text), text);
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        assertTrue(
                lines.stream().noneMatch(line -> line.startsWith(">") && line.contains("[echo#1]")),
                "an event inside the line: " + text);
        keys("ped", "Enter");
        screenShows(s -> s.contains("not connected"), "the finished line run as one command");
    }

    @Test
    void coloursFollowTheTerminalAndNoColor() throws Exception {
        launch("");
        String coloured = screen(true);
        assertTrue(
                coloured.lines()
                        .anyMatch(
                                line ->
                                        line.contains("[echo#1] connected")
                                                && line.contains("\u001b[")),
                coloured);
        killServer();
        launch("NO_COLOR=1");
        String plain = screen(true);
        assertTrue(
                plain.lines()
                        .filter(line -> line.contains("[echo#1] connected"))
                        .noneMatch(line -> line.contains("\u001b[")),
                plain);
    }
}
