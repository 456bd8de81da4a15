package dev.wsworld.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.testing.CommandLineRun;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.PluginJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong when a person sets a host up: each mistake is named in one line, with the reason
 * and the place, and never as a stack trace.
 */
class StartUpMistakesTest {
    @TempDir Path dir;

    private CommandLineRun run;
    private Path plugins;
    private Path world;

    @BeforeEach
    void setUp() throws Exception {
        HostFixture.Builder builder = HostFixture.in(dir);
        builder.options(); // plugins/ with the packaged plugin, config/, world.yaml
        plugins = builder.pluginsDirectory();
        world = dir.resolve("world.yaml");
        Files.writeString(world, "users: [ { id: alice, host: true, local: true } ]\n");
    }

    private int run(String... args) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "--plugins",
                                plugins.toString(),
                                "--config",
                                dir.resolve("config").toString(),
                                "--world",
                                world.toString()));
        all.addAll(List.of(args));
        run = CommandLineRun.of(all);
        return run.status();
    }

    private int script(String commands) throws Exception {
        Path script = dir.resolve("script.txt");
        Files.writeString(script, commands);
        return run("--headless", "--script", script.toString());
    }

    private void assertNoStackTrace() {
        String both = run.out() + run.err();
        assertFalse(both.contains("\tat ") || both.contains("Exception"), both);
    }

    private List<String> problems() {
        return run.out().lines().filter(line -> line.startsWith("problem: ")).toList();
    }

    private String problemAbout(String name) {
        return problems().stream()
                .filter(line -> line.contains(name))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no problem about " + name + ": " + run.out()));
    }

    @Test
    void everyArtifactThatDoesNotRunIsOneLineWithItsReason() throws Exception {
        PluginJars.manifestOnly(
                plugins.resolve("future.jar"),
                Map.of(
                        "Plugin-Id", "from-the-future",
                        "Plugin-Version", "1.0.0",
                        "Plugin-Requires", ">=9.0.0"));
        Files.writeString(plugins.resolve("not-a-zip.jar"), "this is not a jar");
        Files.createDirectories(plugins.resolve("empty-folder"));
        PluginJars.copyAsVersion(
                plugins.resolve("websocket-plugin.jar"),
                plugins.resolve("websocket-plugin-old.jar"),
                "0.0.1");
        PluginJars.copyAsVersion(
                plugins.resolve("websocket-plugin.jar"),
                plugins.resolve("websocket-plugin-twin.jar"),
                "0.1.0-SNAPSHOT");

        assertEquals(0, script("plugins\n"), run.err());

        assertTrue(
                problemAbout("from-the-future")
                        .endsWith(
                                "is not started: it requires plugin API >=9.0.0, and this host"
                                        + " offers "
                                        + dev.wsworld.api.host.PluginApi.VERSION),
                problems().toString());
        assertTrue(problemAbout("not-a-zip.jar").contains("not a plugin jar"));
        assertTrue(problemAbout("empty-folder").contains("a directory without a plugin in it"));
        assertTrue(
                problemAbout("websocket-plugin-old.jar")
                                .endsWith(
                                        "an older version (0.0.1) of plugin 'websocket-client'; the"
                                                + " newest, websocket-plugin-twin.jar, is loaded"
                                                + " instead")
                        || problemAbout("websocket-plugin-old.jar")
                                .endsWith("websocket-plugin.jar, is loaded instead"),
                problems().toString());
        assertTrue(
                problemAbout("websocket-plugin.jar").contains("(a duplicate id)")
                        || problemAbout("websocket-plugin-twin.jar").contains("(a duplicate id)"),
                problems().toString());
        assertEquals(5, problems().size(), "one line each: " + problems());
        assertTrue(
                run.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("websocket-client 0.1.0-SNAPSHOT STARTED")),
                run.out());
        assertNoStackTrace();
    }

    @Test
    void ofTwoVersionsTheNewestRunsWhicheverTheDirectoryListsFirst() throws Exception {
        PluginJars.copyAsVersion(
                plugins.resolve("websocket-plugin.jar"), plugins.resolve("a-newer.jar"), "9.9.9");
        PluginJars.copyAsVersion(
                plugins.resolve("websocket-plugin.jar"), plugins.resolve("z-older.jar"), "0.0.1");
        assertEquals(0, script("plugins\n"), run.err());
        assertTrue(
                run.out()
                        .lines()
                        .anyMatch(
                                l ->
                                        l.startsWith("websocket-client 9.9.9 STARTED")
                                                && l.endsWith("a-newer.jar")),
                run.out());
        assertNoStackTrace();
    }

    @Test
    void anEventLogInAMissingDirectoryIsExit2AndNothingIsCreated() {
        Path missing = dir.resolve("missing/dir/x.jsonl");
        assertEquals(2, run("--headless", "--events", missing.toString()));
        String text = run.err();
        assertTrue(text.contains("missing") && text.contains("does not exist"), text);
        assertFalse(Files.exists(dir.resolve("missing")), "the host made the directory");
        assertNoStackTrace();
    }

    @Test
    void aWorldThatIsNotUtf8IsNamedWithItsByteOffset() throws Exception {
        byte[] bytes = "users: [ { id: al".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0xC3; // a lead byte, then not a continuation
        bad[bytes.length + 1] = (byte) 0x28;
        bad[bytes.length + 2] = '\n';
        Files.write(world, bad);
        assertEquals(2, run("--headless"));
        String text = run.err();
        assertTrue(text.contains("not UTF-8 at byte offset " + bytes.length), text);
        assertTrue(text.contains("world.yaml"), text);
        assertNoStackTrace();
    }
}
