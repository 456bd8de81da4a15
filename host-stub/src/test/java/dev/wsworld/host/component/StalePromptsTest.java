package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentScope;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prompt the world no longer needs is taken back, and a late answer to it grants nothing. */
class StalePromptsTest {
    private static final String WORLD =
            "users: [ { id: alice, host: true, local: true }, { id: bob } ]\n";

    @TempDir Path dir;
    private TestServer server;
    private HostFixture host;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        host = HostFixture.in(dir).world(WORLD).interactive().start();
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
        server.close();
    }

    private URI url(String path) {
        return server.uri(path);
    }

    private void add(String slot, URI url, String user) throws Exception {
        host.addClient(slot, Map.of("URL", url, "HandlingUser", user, "ConnectRetryInterval", 30f));
    }

    private String answerFails(String user, long id) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                host.host()
                                        .prompts()
                                        .answer(
                                                Optional.of(user),
                                                Optional.of(id),
                                                ConsentAnswer.GRANTED_ALWAYS))
                .getMessage();
    }

    private boolean remembered(URI url, String user) {
        return host.host()
                .consentDecisions()
                .decisions()
                .containsKey(new ConsentScope(user, "ws", "127.0.0.1", url.getPort()));
    }

    @Test
    void removingTheComponentWithdrawsItsPromptAndALateAnswerGrantsNothing() throws Exception {
        add("lamp", url("/echo"), "alice");
        host.await("lamp", "consentRequested");
        long id = host.host().prompts().pending().get(0).id();
        host.run(() -> host.world().removeSlot(host.world().requireSlot("lamp")));
        HostEvent withdrawn = host.await("lamp", "consentWithdrawn");
        assertEquals("alice", withdrawn.get("user"));
        assertEquals(0, host.host().prompts().pendingCount());
        assertTrue(
                host.display().stream()
                        .anyMatch(
                                line ->
                                        line.startsWith(
                                                "consent #"
                                                        + id
                                                        + " withdrawn: alice is no longer asked")),
                host.display().toString());
        assertEquals(
                "consent prompt #" + id + " was withdrawn; the answer grants nothing",
                answerFails("alice", id));
        assertFalse(remembered(url("/echo"), "alice"));
        add("lamp2", url("/echo"), "alice");
        host.await("lamp2", "consentRequested"); // asked again, never granted by the stale answer
    }

    @Test
    void aUrlChangeWithdrawsThePromptForTheOldDestinationAndTheAnswerGoesToTheNewOne()
            throws Exception {
        try (TestServer other = new TestServer()) {
            add("radio", url("/echo"), "alice");
            host.await("radio", "consentRequested");
            host.set("radio", "URL", other.uri("/echo"));
            HostEvent withdrawn = host.await("radio", "consentWithdrawn");
            assertEquals(server.port(), ((Number) withdrawn.get("port")).intValue());
            HostEvent asked = host.await("radio", "consentRequested");
            assertEquals(other.port(), ((Number) asked.get("port")).intValue());
            host.host()
                    .prompts()
                    .answer(Optional.of("alice"), Optional.empty(), ConsentAnswer.GRANTED_ALWAYS);
            host.await("radio", "connected");
            assertTrue(remembered(other.uri("/"), "alice"));
            assertFalse(
                    remembered(url("/"), "alice"),
                    "the old destination was granted by an answer meant for the new one");
        }
    }

    @Test
    void twoComponentsShareOnePromptAndRemovingOneKeepsItForTheOther() throws Exception {
        add("left", url("/echo"), "alice");
        add("right", url("/echo"), "alice");
        host.await("left", "consentRequested");
        host.await("right", "consentRequested");
        assertEquals(
                1, host.host().prompts().pendingCount(), "one prompt per user and destination");
        host.run(() -> host.world().removeSlot(host.world().requireSlot("left")));
        host.await("left", "consentWithdrawn");
        assertEquals(1, host.host().prompts().pendingCount(), "the right one still waits for it");
        host.host()
                .prompts()
                .answer(Optional.of("alice"), Optional.empty(), ConsentAnswer.GRANTED_ONCE);
        host.await("right", "connected");
    }

    @Test
    void theHandlingUserChangingOrLeavingAndThePluginStoppingWithdrawPrompts() throws Exception {
        add("desk", url("/echo"), "bob");
        host.await("desk", "consentRequested");
        host.run(() -> host.world().leave("bob"));
        HostEvent withdrawn = host.await("desk", "consentWithdrawn");
        assertEquals("bob", withdrawn.get("user"));
        HostEvent asked =
                host.await("desk", "consentRequested"); // the session host takes over, and is asked
        assertEquals("alice", asked.get("user"));
        assertEquals(1, host.host().prompts().pendingCount());
        host.host().plugins().stopPlugin("websocket-client");
        host.await("desk", "consentWithdrawn");
        assertEquals(
                0,
                host.host().prompts().pendingCount(),
                "a stopped plugin leaves no prompt behind");
    }
}
