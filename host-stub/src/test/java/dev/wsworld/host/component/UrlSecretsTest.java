package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.output.StreamScreen;
import dev.wsworld.host.testing.HostFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A world's URL with a password in it is refused, and the password is shown nowhere: not in {@code
 * status}, the event, the prompt or the error. {@code save} still writes the world as it is.
 */
class UrlSecretsTest {
    private static final String SECRET = "hunter2-secret";

    @TempDir Path dir;

    @Test
    void userInfoIsMaskedEverywhereButTheSavedWorld() throws Exception {
        String world =
                """
                users: [ { id: alice, host: true, local: true } ]
                slots:
                  - name: vault
                    components:
                      - type: WebsocketClient
                        fields: { URL: "ws://bob:%s@127.0.0.1:9/x", HandlingUser: alice }
                """
                        .formatted(SECRET);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path saved = dir.resolve("saved.yaml");
        try (HostFixture host = HostFixture.in(dir).world(world).interactive().start()) {
            HostEvent failed = host.await("vault", "connectFailed");
            assertTrue(failed.get("error").toString().contains("user info"), failed.toJson());
            CommandInterpreter console =
                    new CommandInterpreter(
                            host.host(),
                            new StreamScreen(new PrintStream(out, true, StandardCharsets.UTF_8)));
            console.execute("status");
            console.execute("status vault");
            console.execute("prompts");
            console.execute("save \"" + saved + "\"");
            String everything =
                    out.toString(StandardCharsets.UTF_8)
                            + String.join("\n", host.display())
                            + HostFixture.describe(host.journal().since(0));
            assertFalse(everything.contains(SECRET), everything);
            assertTrue(everything.contains("ws://***@127.0.0.1:9/x"), everything);
        }
        assertTrue(
                Files.readString(saved).contains("ws://bob:" + SECRET + "@127.0.0.1:9/x"),
                "save writes the world as it is");
    }
}
