package dev.wsworld.host.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.HostOptions;
import dev.wsworld.host.testing.CommandLineRun;
import dev.wsworld.host.testing.HostFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting the inspector: {@code --inspect PORT} on the command line, {@code inspect} in a script.
 */
class InspectCommandTest {
    @TempDir Path dir;

    private List<String> args(String... more) throws Exception {
        HostOptions options = HostFixture.in(dir).options();
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "--plugins",
                                options.plugins().toString(),
                                "--config",
                                options.config().toString(),
                                "--world",
                                options.worlds().get(0).toString(),
                                "--no-history"));
        args.addAll(List.of(more));
        return args;
    }

    private static List<String> inspectorLines(String out) {
        return out.lines().filter(line -> line.startsWith("inspector: ")).toList();
    }

    @Test
    void inspectPrintsTheAddressWithItsTokenOnALineOfItsOwn() throws Exception {
        Path script = dir.resolve("s.txt");
        Files.writeString(script, "inspect\ninspect\n");
        CommandLineRun run = CommandLineRun.of(args("--script", script.toString()));
        assertEquals(0, run.status(), run.both());
        List<String> lines = inspectorLines(run.out());
        assertEquals(2, lines.size(), run.both());
        assertTrue(
                lines.get(0)
                        .matches("inspector: http://127\\.0\\.0\\.1:[0-9]+/\\?token=[0-9a-f]{48}"),
                lines.get(0));
        assertEquals(lines.get(0), lines.get(1), "a second inspect tells where it runs");
        assertTrue(!run.err().contains("token="), "the token is not logged: " + run.err());
    }

    @Test
    void dashDashInspectStartsItWithTheHost() throws Exception {
        Path script = dir.resolve("s.txt");
        Files.writeString(script, "inspect\n");
        CommandLineRun run =
                CommandLineRun.of(args("--inspect", "0", "--script", script.toString()));
        assertEquals(0, run.status(), run.both());
        List<String> lines = inspectorLines(run.out());
        assertEquals(2, lines.size(), run.both());
        assertEquals(lines.get(0), lines.get(1));
    }

    @Test
    void offUnlessAskedFor() throws Exception {
        Path script = dir.resolve("s.txt");
        Files.writeString(script, "status\n");
        CommandLineRun run = CommandLineRun.of(args("--script", script.toString()));
        assertEquals(0, run.status(), run.both());
        assertEquals(List.of(), inspectorLines(run.out()));
    }

    @Test
    void aBadPortIsRefusedAtTheStart() throws Exception {
        CommandLineRun run = CommandLineRun.of(args("--inspect", "70000"));
        assertEquals(2, run.status(), run.both());
        assertTrue(run.err().contains("--inspect"), run.both());
        Path script = dir.resolve("s.txt");
        Files.writeString(script, "inspect 99999\n");
        CommandLineRun checked = CommandLineRun.of(args("--script", script.toString()));
        assertEquals(2, checked.status(), checked.both());
        assertTrue(checked.err().contains("expected a port from 0"), checked.both());
    }
}
