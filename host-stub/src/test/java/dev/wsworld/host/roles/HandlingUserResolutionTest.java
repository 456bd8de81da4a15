package dev.wsworld.host.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.CommandLineRun;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented priority, walked through one fallback at a time in a running host. */
class HandlingUserResolutionTest {
    /** Everyone in these worlds agrees, as {@code --consent} says for each. */
    private static final String[] ALL_ALLOW = {
        "host=allow",
        "hostess=allow",
        "wearer=allow",
        "named=allow",
        "spawner=allow",
        "grabber=allow",
        "ghost=allow"
    };

    private static final String WORLD =
            """
            users:
              - { id: host, host: true }
              - { id: wearer }
              - { id: named }
              - { id: spawner }
              - { id: grabber }
            slots:
              - name: avatar
                wornBy: wearer
                children:
                  - name: gadget
                    spawnedBy: spawner
                    grabbedBy: grabber
                    components:
                      - type: WebsocketClient
                        fields: { URL: "%s", HandlingUser: named, ConnectRetryInterval: 30 }
            """;

    @TempDir Path dir;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void expect(HostFixture host, String user, String role) throws Exception {
        HostEvent resolved = host.await("avatar/gadget", "userResolved");
        assertEquals(user, resolved.get("user"), resolved.toJson());
        assertEquals(role, resolved.get("role"), resolved.toJson());
        assertEquals(user == null ? "" : user, host.field("avatar/gadget", "_userId"));
    }

    @Test
    void eachRoleFallsBackToTheNextWhenItsUserIsGone() throws Exception {
        try (HostFixture host =
                HostFixture.in(dir)
                        .world(WORLD.formatted(server.uri("/echo")))
                        .consent(ALL_ALLOW)
                        .start()) {
            expect(host, "wearer", "avatarWearer");
            host.await("avatar/gadget", "connected");
            host.run(() -> host.world().leave("wearer"));
            expect(host, "named", "specifiedUser");
            // the connection is re-established under the new user
            assertEquals("connected", host.await("avatar/gadget", "connected").name());
            host.run(() -> host.world().leave("named"));
            expect(host, "spawner", "spawner");
            host.run(() -> host.world().leave("spawner"));
            expect(host, "grabber", "interactor");
            host.run(() -> host.world().leave("grabber"));
            expect(host, "host", "sessionHost");
            host.run(() -> host.world().leave("host"));
            expect(host, null, null);
            assertEquals("WaitingForUser", host.field("avatar/gadget", "State"));
            assertEquals(false, host.field("avatar/gadget", "IsConnected"));
            host.run(() -> host.world().join("spawner", false));
            expect(host, "spawner", "spawner");
            host.await("avatar/gadget", "connected");
        }
    }

    @Test
    void takingTheAvatarOffAndGrabbingReResolve() throws Exception {
        String world = WORLD.formatted(server.uri("/echo")).replace("HandlingUser: named, ", "");
        try (HostFixture host = HostFixture.in(dir).world(world).consent(ALL_ALLOW).start()) {
            expect(host, "wearer", "avatarWearer");
            host.run(() -> host.world().setWornBy(host.world().requireSlot("avatar"), null));
            expect(host, "spawner", "spawner");
            host.run(
                    () ->
                            host.world()
                                    .setSpawnedBy(host.world().requireSlot("avatar/gadget"), null));
            expect(host, "grabber", "interactor");
            host.run(
                    () ->
                            host.world()
                                    .setGrabbedBy(host.world().requireSlot("avatar/gadget"), null));
            expect(host, "host", "sessionHost");
        }
    }

    @Test
    void theOrderComesFromYaml() throws Exception {
        try (HostFixture host =
                HostFixture.in(dir)
                        .world(WORLD.formatted(server.uri("/echo")))
                        .consent(ALL_ALLOW)
                        .config("userResolution:\n  order: [sessionHost, avatarWearer]\n")
                        .start()) {
            expect(host, "host", "sessionHost");
            host.run(() -> host.world().leave("host"));
            expect(host, "wearer", "avatarWearer");
            host.run(() -> host.world().leave("wearer"));
            // specifiedUser, spawner and interactor are not consulted at all
            expect(host, null, null);
            assertEquals("WaitingForUser", host.field("avatar/gadget", "State"));
        }
    }

    @Test
    void aHeadlessScriptWalksThroughWearLeaveGrabAndRelease() throws Exception {
        HostFixture.Builder builder =
                HostFixture.in(dir)
                        .world(
                                """
                                users:
                                  - { id: hostess, host: true }
                                  - { id: wearer }
                                  - { id: grabber }
                                slots:
                                  - name: avatar
                                    children:
                                      - name: radio
                                        components:
                                          - type: WebsocketClient
                                            fields: { URL: "%s", ConnectRetryInterval: 30 }
                                """
                                        .formatted(server.uri("/echo")));
        var options = builder.options();
        Path script = dir.resolve("walk.txt");
        Files.writeString(
                script,
                """
                wait avatar/radio userResolved
                wear avatar wearer
                wait avatar/radio userResolved
                grab avatar/radio grabber
                unwear avatar
                wait avatar/radio userResolved
                release avatar/radio
                wait avatar/radio userResolved
                wear avatar wearer
                leave wearer
                wait avatar/radio userResolved
                """);
        Path events = dir.resolve("walk.jsonl");
        CommandLineRun run =
                CommandLineRun.of(
                        "--plugins",
                        options.plugins().toString(),
                        "--config",
                        options.config().toString(),
                        "--world",
                        options.worlds().get(0).toString(),
                        "--script",
                        script.toString(),
                        "--events",
                        events.toString(),
                        "--consent",
                        "hostess=allow",
                        "--consent",
                        "wearer=allow",
                        "--consent",
                        "grabber=allow",
                        "--headless");
        assertEquals(0, run.status(), run.err());
        dev.wsworld.host.testing.BalancedEvents.assertBalancedLog(events);
        List<String> resolved =
                Files.readAllLines(events).stream()
                        .filter(l -> l.contains("\"event\":\"userResolved\""))
                        .map(
                                l ->
                                        l.replaceAll(
                                                ".*\"user\":(\"?\\w*\"?),\"role\":(\"?\\w*\"?)}",
                                                "$1 $2"))
                        .toList();
        assertEquals(
                List.of(
                        "\"hostess\" \"sessionHost\"", // nobody else has a role yet
                        "\"wearer\" \"avatarWearer\"", // wear
                        "\"grabber\" \"interactor\"", // grabbed, then the avatar is taken off
                        "\"hostess\" \"sessionHost\"", // released
                        "\"wearer\" \"avatarWearer\"", // worn again
                        "\"hostess\" \"sessionHost\""), // the wearer left
                resolved);
    }

    @Test
    void anAbsentUserIsNeverConnectedFor() throws Exception {
        String world =
                """
                users:
                  - { id: ghost, present: false }
                slots:
                  - name: lamp
                    components:
                      - type: WebsocketClient
                        fields: { URL: "%s", HandlingUser: ghost }
                """
                        .formatted(server.uri("/echo"));
        try (HostFixture host = HostFixture.in(dir).world(world).consent(ALL_ALLOW).start()) {
            assertEquals("WaitingForUser", host.field("lamp", "State"));
            assertTrue(
                    host.names("lamp", 0).stream()
                            .noneMatch(n -> n.equals("consentRequested") || n.equals("connected")));
            assertEquals(0, server.upgrades("/echo"));
            host.run(() -> host.world().join("ghost", false));
            HostEvent resolved = host.await("lamp", "userResolved");
            assertEquals("ghost", resolved.get("user"));
            host.await("lamp", "connected");
            assertNull(null);
        }
    }
}
