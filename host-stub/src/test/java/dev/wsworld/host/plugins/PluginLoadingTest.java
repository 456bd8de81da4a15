package dev.wsworld.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.host.HostStartException;
import dev.wsworld.host.consent.ConsentPresets;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.PluginJars;
import dev.wsworld.host.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginState;

class PluginLoadingTest {
    private static final String PLUGIN_ID = "websocket-client";

    @TempDir Path dir;

    @Test
    void thePackagedArtifactIsLoadedFromThePluginsDirectoryAndRegistersTheType() throws Exception {
        assertThrows(
                ClassNotFoundException.class,
                () -> Class.forName("dev.wsworld.websocket.WebsocketClientPlugin"),
                "the plugin's classes must not be on the test classpath");
        try (HostFixture host = HostFixture.in(dir).start()) {
            assertEquals(
                    PluginState.STARTED,
                    host.host().plugins().getPlugin(PLUGIN_ID).getPluginState());
            assertTrue(host.world().componentTypes().names().contains(WebsocketClientNodes.TYPE));
            assertTrue(
                    host.host().plugins().problems().isEmpty(),
                    host.host().plugins().problems().toString());
            assertEquals(
                    dir.resolve("plugins/websocket-plugin.jar").toAbsolutePath(),
                    host.host().plugins().getPlugin(PLUGIN_ID).getPluginPath().toAbsolutePath());
        }
    }

    @Test
    void stoppingThePluginClosesWith1001AndLeavesInertDataThatReattachesOnStart() throws Exception {
        try (TestServer server = new TestServer();
                HostFixture host = HostFixture.in(dir).start()) {
            host.addClient(
                    "chat",
                    Map.of(
                            "URL",
                            server.uri("/echo"),
                            "HandlingUser",
                            "alice",
                            "AccessReason",
                            "kept"));
            host.await("chat", "connected");

            assertEquals(PluginState.STOPPED, host.host().plugins().stopPlugin(PLUGIN_ID));
            String close = server.nextClose(10);
            assertNotNull(close, "no close reached the server");
            assertTrue(close.startsWith("1001"), close);
            assertFalse(host.world().componentTypes().names().contains(WebsocketClientNodes.TYPE));
            assertEquals("Stopped", host.field("chat", "State"));
            assertEquals(false, host.field("chat", "IsConnected"));
            assertEquals(server.uri("/echo"), host.field("chat", "URL"));
            assertEquals("kept", host.field("chat", "AccessReason"));
            assertTrue(host.call(() -> host.component("chat").behaviour().isEmpty()));

            assertEquals(PluginState.STARTED, host.host().plugins().startPlugin(PLUGIN_ID));
            host.await("chat", "connected");
            assertEquals(true, host.field("chat", "IsConnected"));
        }
    }

    @Test
    void aWorldNeedingAMissingPluginNamesTheTypeAndThePluginsDirectory() throws Exception {
        HostFixture.Builder builder =
                HostFixture.in(dir)
                        .withoutPlugin()
                        .world(
                                """
                                users: [ { id: alice, host: true } ]
                                slots:
                                  - name: bridge
                                    components:
                                      - type: WebsocketClient
                                """);
        ConfigException error = assertThrows(ConfigException.class, builder::start);
        assertTrue(
                error.getMessage().contains("unknown component type 'WebsocketClient'"),
                error.getMessage());
        assertTrue(
                error.getMessage().contains(builder.pluginsDirectory().toString()),
                error.getMessage());
        assertEquals(5, error.location().line());
        assertEquals(15, error.location().column());
    }

    @Test
    void aBrokenArtifactIsReportedByNameAndTheHostKeepsRunning() throws Exception {
        HostFixture.Builder builder = HostFixture.in(dir);
        Files.createDirectories(builder.pluginsDirectory());
        Files.writeString(
                builder.pluginsDirectory().resolve("broken-plugin.jar"), "this is not a jar");
        try (TestServer server = new TestServer();
                HostFixture host = builder.start()) {
            assertTrue(
                    host.host().plugins().problems().stream()
                            .anyMatch(p -> p.contains("broken-plugin.jar")),
                    host.host().plugins().problems().toString());
            host.addClient("chat", Map.of("URL", server.uri("/echo"), "HandlingUser", "alice"));
            host.await("chat", "connected");
        }
    }

    @Test
    void pluginRequiresIsCheckedAgainstThePluginApiVersion() throws Exception {
        HostFixture.Builder builder = HostFixture.in(dir);
        Files.createDirectories(builder.pluginsDirectory());
        PluginJars.manifestOnly(
                builder.pluginsDirectory().resolve("future.jar"),
                Map.of(
                        "Plugin-Id", "from-the-future",
                        "Plugin-Version", "1.0.0",
                        "Plugin-Requires", ">=0.3.0"));
        try (HostFixture host = builder.start()) {
            assertEquals(
                    dev.wsworld.api.host.PluginApi.VERSION,
                    host.host().plugins().getSystemVersion());
            var future = host.host().plugins().getPlugin("from-the-future");
            assertTrue(
                    future == null || !future.getPluginState().isStarted(),
                    "a plugin built for API 0.3.0 must not start on API "
                            + dev.wsworld.api.host.PluginApi.VERSION);
            assertTrue(
                    host.host()
                            .plugins()
                            .getPlugin("websocket-client")
                            .getPluginState()
                            .isStarted(),
                    "the plugin built for this API starts");
        }
    }

    @Test
    void anInvalidPluginConfigurationStopsStartUpWithItsLocation() throws Exception {
        HostFixture.Builder builder =
                HostFixture.in(dir)
                        .config(
                                """
                                defaults:
                                  idleTimout: 5s
                                """);
        ConfigException error = assertThrows(ConfigException.class, builder::start);
        assertTrue(
                error.getMessage()
                        .endsWith(
                                "websocket-client.yaml:2:3: defaults.idleTimout: unknown key (did"
                                        + " you mean 'idleTimeout'?); known keys:"
                                        + " connectRetryInterval, retry, connectTimeout,"
                                        + " idleTimeout, keepAlivePing, maxMessageSize,"
                                        + " inboundQueueLimit, inboundQueueBytes, inboundOverflow,"
                                        + " outboundQueueLimit, outboundQueueBytes,"
                                        + " deliveryBudgetPerTick, compression"),
                error.getMessage());
    }

    @Test
    void aMissingWorldFileIsAStartError() {
        HostFixture.Builder builder = HostFixture.in(dir);
        HostStartException error =
                assertThrows(
                        HostStartException.class,
                        () ->
                                dev.wsworld.host.Host.start(
                                        new dev.wsworld.host.HostOptions(
                                                builder.pluginsDirectory(),
                                                builder.configDirectory(),
                                                java.util.List.of(dir.resolve("nope.yaml")),
                                                Optional.empty(),
                                                Optional.empty(),
                                                true,
                                                60,
                                                ConsentPresets.NONE),
                                        s -> {},
                                        System.out));
        assertTrue(error.getMessage().contains("nope.yaml does not exist"), error.getMessage());
    }
}
