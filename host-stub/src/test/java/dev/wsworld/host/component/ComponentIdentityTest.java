package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.console.CommandException;
import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.output.StreamScreen;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two components on one slot: each has its own id ({@code pair#1}, {@code pair#2}), every command
 * can name either, every event says which one spoke, and a command that does not say which is
 * refused rather than guessed.
 */
class ComponentIdentityTest {
    @TempDir Path dir;

    private TestServer server;
    private HostFixture host;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private CommandInterpreter console;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        host =
                HostFixture.in(dir)
                        .world(
                                """
                                users: [ { id: alice, host: true, local: true } ]
                                slots:
                                  - name: pair
                                    components:
                                      - type: WebsocketClient
                                        fields: { URL: "%s", HandlingUser: alice }
                                      - type: WebsocketClient
                                        fields: { URL: "%s", HandlingUser: alice }
                                """
                                        .formatted(server.uri("/echo"), server.uri("/echo")))
                        .consent("alice=allow")
                        .start();
        console =
                new CommandInterpreter(
                        host.host(),
                        new StreamScreen(new PrintStream(out, true, StandardCharsets.UTF_8)));
        host.await("pair#1", "connected");
        host.await("pair#2", "connected");
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
        server.close();
    }

    private List<String> run(String command) throws Exception {
        out.reset();
        console.execute(command);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aCommandThatDoesNotSayWhichIsRefusedListingBoth() {
        for (String command :
                List.of("send pair text hi", "disconnect pair", "set pair URL ws://127.0.0.1:9/")) {
            String problem =
                    assertThrows(CommandException.class, () -> console.execute(command))
                            .getMessage();
            assertTrue(
                    problem.contains("name one as SLOT#N") && problem.contains("(pair#1, pair#2)"),
                    command + ": " + problem);
        }
    }

    @Test
    void eachComponentIsDrivenByItsIdAndEveryEventSaysWhichSpoke() throws Exception {
        long mark = host.mark();
        run("send pair#2 text only the second");
        HostEvent echoed = host.await("pair#2", "text");
        assertEquals("only the second", echoed.get("data"));
        assertEquals("pair#2", echoed.component());
        assertEquals("pair", echoed.slot());
        assertTrue(
                host.journal().since(mark).stream()
                        .noneMatch(e -> e.component().equals("pair#1") && e.name().equals("text")),
                "the first heard nothing");
        assertTrue(echoed.toJson().contains("\"slot\":\"pair\",\"component\":\"pair#2\""));

        run("disconnect pair#1");
        HostEvent gone = host.await("pair#1", "disconnected");
        assertEquals("pair#1", gone.component());
        assertEquals(
                "Connected",
                run("status pair#2").stream()
                        .filter(l -> l.strip().startsWith("State"))
                        .findFirst()
                        .map(l -> l.strip().replaceFirst("State\\s+", ""))
                        .orElseThrow());
    }

    @Test
    void statusListsEachComponentOnItsOwnRow() throws Exception {
        List<String> rows = run("status");
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("pair#1 ")), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("pair#2 ")), String.join("\n", rows));
        List<String> one = run("status pair#2");
        assertEquals("pair#2 WebsocketClient", one.get(0));
    }
}
