package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.cli.Main;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run of the host stub, as a user starts it, with a host credential from the environment
 * and from a file and a world whose Headers hold its own secrets: every output of the run (the
 * console, the event log, the logs at debug level, {@code status}, {@code stats}) is scanned, and
 * no secret is in any of them, while the server shows they were all really sent.
 */
class NoSecretShownTest {
    private static final String ENV_TOKEN = "ENV-T0KEN-c0ffee";
    private static final String FILE_KEY = "F1LE-KEY-beef";
    private static final String WORLD_COOKIE = "W0RLD-C00KIE-fade";
    private static final String WORLD_AUTH = "W0RLD-AUTH-dead";
    private static final String WORLD_TRACE = "W0RLD-TRACE-abba";
    private static final String WORLD_REFUSED = "W0RLD-REFUSED-cafe";
    private static final List<String> SECRETS =
            List.of(ENV_TOKEN, FILE_KEY, WORLD_COOKIE, WORLD_AUTH, WORLD_TRACE, WORLD_REFUSED);

    @TempDir Path dir;

    @Test
    void noOutputOfARunHoldsASecretThatWasSent() throws Exception {
        try (TestServer server = new TestServer()) {
            String destination = "ws://127.0.0.1:" + server.port();
            HostFixture.Builder fixture =
                    HostFixture.in(dir)
                            .config(
                                    "allowlist: [ \""
                                            + destination
                                            + "\" ]\n"
                                            + "credentials:\n"
                                            + "  - destination: \""
                                            + destination
                                            + "\"\n"
                                            + "    headers:\n"
                                            + "      Authorization: \"Bearer"
                                            + " ${env:WSWORLD_TEST_TOKEN}\"\n"
                                            + "      X-Api-Key: ${file:api-key}\n"
                                            + "network: { blockPrivateAddresses: false }\n")
                            .world(
                                    "world: { name: Secrets }\n"
                                            + "users:\n"
                                            + "  - { id: alice, host: true, local: true }\n"
                                            + "slots:\n"
                                            + "  - name: good\n"
                                            + "    components:\n"
                                            + "      - type: WebsocketClient\n"
                                            + "        fields:\n"
                                            + "          URL: \""
                                            + destination
                                            + "/echo\"\n"
                                            + "          HandlingUser: alice\n"
                                            + "          Headers: \"Cookie: session="
                                            + WORLD_COOKIE
                                            + "\\nAuthorization: Bearer "
                                            + WORLD_AUTH
                                            + "\\nX-Trace: "
                                            + WORLD_TRACE
                                            + "\"\n"
                                            + "  - name: bad\n"
                                            + "    components:\n"
                                            + "      - type: WebsocketClient\n"
                                            + "        fields:\n"
                                            + "          URL: \""
                                            + destination
                                            + "/echo\"\n"
                                            + "          HandlingUser: alice\n"
                                            + "          Headers: \"X-Key: "
                                            + WORLD_REFUSED
                                            + "\\r\"\n");
            fixture.options();
            Files.writeString(fixture.configDirectory().resolve("api-key"), FILE_KEY + "\n");
            Path saved = dir.resolve("saved.yaml");
            Path events = dir.resolve("events.jsonl");
            Path script =
                    Files.writeString(
                            dir.resolve("script.txt"),
                            String.join(
                                    "\n",
                                    "wait good connected",
                                    "wait good error",
                                    "wait bad connectFailed",
                                    "send good text hello",
                                    "wait good text",
                                    "status",
                                    "status good",
                                    "status bad",
                                    "stats",
                                    "stats --pretty",
                                    "reload",
                                    "save " + saved,
                                    ""));
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    Main.class.getName(),
                                    "--plugins",
                                    fixture.pluginsDirectory().toString(),
                                    "--config",
                                    fixture.configDirectory().toString(),
                                    "--world",
                                    dir.resolve("world.yaml").toString(),
                                    "--script",
                                    script.toString(),
                                    "--events",
                                    events.toString(),
                                    "--headless",
                                    "--verbose"));
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .redirectOutput(dir.resolve("stdout.txt").toFile())
                            .redirectError(dir.resolve("stderr.txt").toFile());
            builder.environment().put("WSWORLD_TEST_TOKEN", ENV_TOKEN);
            Process host = builder.start();
            assertTrue(host.waitFor(120, TimeUnit.SECONDS), "the run did not end");
            String stdout = Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
            String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
            String eventLog = Files.readString(events, StandardCharsets.UTF_8);
            assertEquals(0, host.exitValue(), stdout + stderr);

            // everything was really there to leak: sent to the server, and shown without values
            List<String> received = server.requestHeaders.poll(5, TimeUnit.SECONDS);
            assertTrue(
                    received.contains("Authorization: Bearer " + ENV_TOKEN), received.toString());
            assertTrue(received.contains("X-Api-Key: " + FILE_KEY), received.toString());
            assertTrue(received.contains("Cookie: session=" + WORLD_COOKIE), received.toString());
            assertTrue(received.contains("X-Trace: " + WORLD_TRACE), received.toString());
            assertTrue(
                    stdout.contains("Cookie: (hidden)")
                            && stdout.contains("Authorization: (hidden)")
                            && stdout.contains("X-Trace: (hidden)"),
                    "status shows the names: " + stdout);
            assertTrue(
                    stdout.contains(destination + ": Authorization, X-Api-Key"),
                    "stats shows the credential by name: " + stdout);
            assertTrue(eventLog.contains("\"kind\":\"headerDropped\""), eventLog);
            assertTrue(eventLog.contains("\"kind\":\"invalidHeaders\""), eventLog);
            assertTrue(
                    stderr.contains("WebsocketClient component type registered"),
                    "the plugin's log (at debug level, --verbose) was captured: " + stderr);

            Map<String, String> outputs =
                    Map.of("console", stdout, "logs", stderr, "event log", eventLog);
            for (Map.Entry<String, String> output : outputs.entrySet()) {
                for (String secret : SECRETS) {
                    assertFalse(
                            output.getValue().contains(secret),
                            "the "
                                    + output.getKey()
                                    + " shows "
                                    + secret
                                    + ":\n"
                                    + output.getValue());
                }
            }

            // the world file keeps the world's own text, and never what the host holds
            String world = Files.readString(saved, StandardCharsets.UTF_8);
            assertTrue(world.contains(WORLD_COOKIE) && world.contains(WORLD_REFUSED), world);
            assertFalse(world.contains(ENV_TOKEN) || world.contains(FILE_KEY), world);
        }
    }
}
