package dev.wsworld.host.worldfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.world.Field;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleUser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldFileTest {
    @TempDir Path dir;

    static final String WORLD =
            """
            world: { name: Bridge World }
            users:
              - { id: alice, host: true, local: true }
              - { id: bob, machineId: m-bob }
              - { id: carol, present: false }
            slots:
              - name: room
                children:
                  - name: bridge
                    spawnedBy: alice
                    wornBy: bob
                    grabbedBy: null
                    components:
                      - type: WebsocketClient
                        fields: { URL: "ws://127.0.0.1:9/", AccessReason: "Chat bridge", ConnectRetryInterval: 2.5,
                                  Enabled: false, HandlingUser: alice, UpdateOrder: 3 }
                      - type: WebsocketClient
                        fields: { persistent: false, Enabled: false }
            """;

    @Test
    void aWorldFileBuildsUsersSlotsRolesAndComponents() throws Exception {
        try (HostFixture host = HostFixture.in(dir).world(WORLD).start()) {
            assertEquals("Bridge World", host.world().name());
            host.run(
                    () -> {
                        SimpleUser alice = host.world().requireUser("alice");
                        assertTrue(alice.isHost() && alice.isLocal() && alice.isPresent());
                        assertEquals("m-bob", host.world().requireUser("bob").machineId());
                        assertFalse(host.world().requireUser("carol").isPresent());
                        SimpleSlot bridge = host.world().requireSlot("room/bridge");
                        assertEquals("alice", bridge.spawnedBy().id());
                        assertEquals("bob", bridge.wornBy().id());
                        assertNull(bridge.grabbedBy());
                        SimpleComponent client = bridge.simpleComponents().get(0);
                        assertEquals(
                                URI.create("ws://127.0.0.1:9/"),
                                client.field("URL").orElseThrow().get());
                        assertEquals(
                                2.5f, client.field("ConnectRetryInterval").orElseThrow().get());
                        assertEquals(3, client.field("UpdateOrder").orElseThrow().get());
                        assertEquals("Disabled", client.field("State").orElseThrow().get());
                    });
        }
    }

    @Test
    void saveThenLoadGivesTheSameWorldFieldByField() throws Exception {
        Path saved = dir.resolve("saved.yaml");
        Map<String, Object> before;
        try (HostFixture host = HostFixture.in(dir.resolve("a")).world(WORLD).start()) {
            host.run(
                    () ->
                            host.world()
                                    .setGrabbedBy(
                                            host.world().requireSlot("room/bridge"),
                                            host.world().requireUser("carol")));
            before = snapshot(host);
            Files.writeString(saved, host.call(() -> WorldFileWriter.write(host.world())));
        }
        try (HostFixture host =
                HostFixture.in(dir.resolve("b")).world(Files.readString(saved)).start()) {
            Map<String, Object> after = snapshot(host);
            // the non-persistent component is not saved
            assertEquals(2, ((List<?>) before.get("room/bridge components")).size());
            assertEquals(1, ((List<?>) after.get("room/bridge components")).size());
            before.put(
                    "room/bridge components",
                    ((List<?>) before.get("room/bridge components")).subList(0, 1));
            assertEquals(before, after);
        }
    }

    /** Users, slot roles and every persistent field, as comparable values. */
    private static Map<String, Object> snapshot(HostFixture host) throws Exception {
        return host.call(
                () -> {
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("name", host.world().name());
                    for (SimpleUser u : host.world().users()) {
                        state.put(
                                "user " + u.id(),
                                List.of(
                                        u.name(),
                                        u.machineId(),
                                        u.isHost(),
                                        u.isLocal(),
                                        u.isPresent()));
                    }
                    for (SimpleSlot s : host.world().slots()) {
                        state.put(
                                "slot " + s.path(),
                                List.of(
                                        String.valueOf(s.spawnedBy()),
                                        String.valueOf(s.wornBy()),
                                        String.valueOf(s.grabbedBy())));
                        List<Object> components = new ArrayList<>();
                        for (SimpleComponent c : s.simpleComponents()) {
                            Map<String, Object> fields = new LinkedHashMap<>();
                            for (Field<?> f : c.fields()) {
                                if (f.spec().persistent()) {
                                    fields.put(f.name(), f.get());
                                }
                            }
                            components.add(List.of(c.typeName(), fields));
                        }
                        state.put(s.path() + " components", components);
                    }
                    return state;
                });
    }

    private ConfigException load(String world) {
        return assertThrows(
                ConfigException.class, () -> HostFixture.in(dir).world(world).start().close());
    }

    private static void assertError(ConfigException e, int line, int column, String text) {
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(column, e.location().column(), e.getMessage());
        assertTrue(e.location().file().endsWith("world.yaml"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsRefusedWithASuggestion() {
        assertError(
                load(
                        """
                        users:
                          - { id: alice, hots: true }
                        """),
                2,
                18,
                "users[].hots: unknown key (did you mean 'host'?)");
    }

    @Test
    void anUnknownUserReferenceIsRefused() {
        assertError(
                load(
                        """
                        users: [ { id: alice } ]
                        slots:
                          - name: s
                            wornBy: alcie
                        """),
                4,
                13,
                "no user 'alcie' in users (did you mean 'alice'?)");
    }

    @Test
    void aReadOnlyFieldCannotBeSetByAWorld() {
        assertError(
                load(
                        """
                        slots:
                          - name: s
                            components:
                              - type: WebsocketClient
                                fields: { IsConnected: true }
                        """),
                5,
                19,
                "WebsocketClient.IsConnected is read-only");
    }

    @Test
    void aFieldValueOfTheWrongTypeIsRefused() {
        assertError(
                load(
                        """
                        slots:
                          - name: s
                            components:
                              - type: WebsocketClient
                                fields:
                                  ConnectRetryInterval: soon
                        """),
                6,
                33,
                "ConnectRetryInterval (Float): expected a finite number but got 'soon'");
    }

    @Test
    void anUnknownFieldIsRefusedWithASuggestion() {
        assertError(
                load(
                        """
                        slots:
                          - name: s
                            components:
                              - type: WebsocketClient
                                fields: { Url: "ws://127.0.0.1:1/" }
                        """),
                5,
                19,
                "WebsocketClient has no field 'Url' (did you mean 'URL'?)");
    }

    @Test
    void aWorldFileCannotAnswerConsentAndIsToldWhereThatMoved() {
        assertError(
                load(
                        """
                        users:
                          - { id: alice, consent: allow }
                        """),
                2,
                27,
                "users[].consent: a world file cannot answer consent prompts for its users;"
                        + " answers decided in advance belong to the host: --consent"
                        + " alice=allow|deny|ignore|ask on the host stub's command line");
    }

    @Test
    void duplicateSlotsAndUsersAreRefused() {
        assertError(
                load(
                        """
                        slots:
                          - name: s
                          - name: s
                        """),
                3,
                11,
                "slot 's' already exists");
        assertError(
                load(
                        """
                        users:
                          - id: a
                          - id: a
                        """),
                3,
                5,
                "user 'a' is listed twice");
    }

    @Test
    void malformedYamlPointsAtTheProblem() {
        assertError(
                load(
                        """
                        users:
                          - { id: alice
                        slots: []
                        """),
                3,
                6,
                "invalid YAML: expected ',' or '}'");
    }
}
