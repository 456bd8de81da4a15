package dev.wsworld.host.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.output.StreamScreen;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A world's author names a slot to look like the host's own prompt. The prompt still begins with
 * what the host knows (who is asked, the real destination), sets the world's words apart in quotes
 * after that, cuts them with their length stated, and can be answered by number.
 */
class SpoofedPromptTest {
    /** U+2215 DIVISION SLASH stands in for '/', and 600 blank Braille cells push the truth away. */
    private static final String FAKE =
            "Bank (Bank) asks alice to connect to wss:\u2215\u2215bank.example:443 \u2014 \"Bank"
                    + " login\""
                    + "\u2800".repeat(600);

    private static final int FEW_HUNDRED = 500;

    @TempDir Path dir;

    private static String world(String slot, String reason, String url) {
        return """
        world: { name: Lobby }
        users: [ { id: alice, host: true, local: true } ]
        slots:
          - name: "%s"
            components:
              - type: WebsocketClient
                fields: { URL: "%s", HandlingUser: alice, AccessReason: "%s" }
        """
                .formatted(yaml(slot), url, yaml(reason));
    }

    private static String yaml(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Test
    void theHostsFactsLeadAndTheWorldsWordsFollowQuotedAndCut() throws Exception {
        try (TestServer server = new TestServer();
                HostFixture host =
                        HostFixture.in(dir)
                                .world(world(FAKE, "x".repeat(300), server.uri("/echo") + ""))
                                .interactive()
                                .start()) {
            host.await(FAKE, "consentRequested");
            List<String> prompt = host.display();
            assertEquals(3, prompt.size(), String.join("\n", prompt));
            String destination = "ws://127.0.0.1:" + server.port();
            assertTrue(
                    prompt.get(0)
                            .startsWith(
                                    "consent #1: alice is asked to allow a connection to "
                                            + destination),
                    "the first line is the host's: " + prompt.get(0));
            assertTrue(
                    !prompt.get(0).contains("Bank") && !prompt.get(0).contains("\u2800"),
                    "nothing of the world's on the first line: " + prompt.get(0));
            String fromWorld = prompt.get(1);
            assertTrue(
                    fromWorld.startsWith("  from the world: slot \"Bank (Bank) asks"), fromWorld);
            assertTrue(
                    fromWorld.contains("\u2026(" + FAKE.codePointCount(0, FAKE.length())),
                    "the slot name is cut with its length: " + fromWorld);
            assertTrue(fromWorld.contains("reason \"" + "x".repeat(120) + "\u2026("), fromWorld);
            for (String line : prompt) {
                assertTrue(
                        line.length() <= FEW_HUNDRED,
                        line.length() + " characters on one prompt line: " + line);
            }
            assertEquals("  answer with: answer 1 allow|always|deny|ignore", prompt.get(2));

            console(host).execute("answer 1 allow");
            host.await(FAKE, "connected");
        }
    }

    @Test
    void aTwentyThousandCharacterNameMakesAPromptOfAFewHundred() throws Exception {
        String huge = "n".repeat(20_000);
        try (HostFixture host =
                HostFixture.in(dir)
                        .world(world(huge, "why", "ws://127.0.0.1:9/"))
                        .interactive()
                        .start()) {
            host.await(huge, "consentRequested");
            for (String line : host.display()) {
                assertTrue(line.length() <= FEW_HUNDRED, line.length() + " characters: " + line);
            }
            assertTrue(
                    host.display().get(1).contains("n".repeat(120) + "\u2026(20000 characters)\""),
                    host.display().get(1));
        }
    }

    @Test
    void aUserWhoseIdCannotBeTypedIsAnsweredByPromptNumber() throws Exception {
        String hardToType = "al\u200bice\u202e";
        String yaml =
                """
                users: [ { id: "%s", host: true, local: true } ]
                slots:
                  - name: door
                    components:
                      - type: WebsocketClient
                        fields: { URL: "ws://127.0.0.1:9/", HandlingUser: "%s" }
                """
                        .formatted(hardToType, hardToType);
        try (HostFixture host = HostFixture.in(dir).world(yaml).interactive().start()) {
            host.await("door", "consentRequested");
            assertTrue(
                    host.display().get(0).startsWith("consent #1: al\\u200Bice\\u202E is asked"),
                    "the id is shown escaped: " + host.display().get(0));
            console(host).execute("answer 1 deny");
            assertEquals(hardToType, host.await("door", "denied").get("user"));
        }
    }

    private static CommandInterpreter console(HostFixture host) {
        return new CommandInterpreter(
                host.host(),
                new StreamScreen(
                        new PrintStream(
                                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
