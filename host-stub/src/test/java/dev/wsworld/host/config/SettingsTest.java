package dev.wsworld.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.CommandLineRun;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's websocket-client.yaml, read through the host as a user edits it. */
class SettingsTest {
    @TempDir Path dir;

    private ConfigException refused(String yaml) {
        return assertThrows(
                ConfigException.class, () -> HostFixture.in(dir).config(yaml).start().close());
    }

    private static void assertError(ConfigException e, int line, int column, String text) {
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertTrue(e.location().file().endsWith("websocket-client.yaml"), e.getMessage());
        assertEquals(line, e.location().line(), e.getMessage());
        assertEquals(column, e.location().column(), e.getMessage());
    }

    @Test
    void wrongValuesAreRefusedWithTheirLocation() {
        assertError(
                refused("defaults:\n  idleTimeout: -5s\n"),
                2,
                16,
                "defaults.idleTimeout: expected a duration like 500ms, 2s, 1m or plain seconds but"
                        + " found '-5s'");
        assertError(
                refused("defaults:\n  connectTimeout: 0ms\n"),
                2,
                19,
                "defaults.connectTimeout: must be longer than zero");
        assertError(
                refused("defaults:\n  maxMessageSize: 12 parsecs\n"),
                2,
                19,
                "defaults.maxMessageSize: expected a size like 65536, 64KiB or 1MiB but found '12"
                        + " parsecs'");
        assertError(
                refused("defaults:\n  inboundQueueLimit: many\n"),
                2,
                22,
                "defaults.inboundQueueLimit: expected a whole number but found 'many'");
        assertError(
                refused("defaults:\n  retry: { backoff: yes }\n"),
                2,
                21,
                "defaults.retry.backoff: expected true or false (or on, off) but found 'yes'");
        assertError(
                refused("defaults: [1, 2]\n"),
                1,
                11,
                "defaults: expected a mapping but found a list");
        assertError(
                refused("userResolution:\n  order: [avatarWearer, spawnr]\n"),
                2,
                25,
                "userResolution.order[1]: unknown role 'spawnr' (did you mean 'spawner'?)");
        assertError(
                refused("userResolution:\n  order: [spawner, spawner]\n"),
                2,
                10,
                "role 'spawner' is listed twice");
        assertError(
                refused("netwrok: {}\n"), 1, 1, "netwrok: unknown key (did you mean 'network'?)");
        assertError(
                refused("network:\n  trustStore: { path: missing.p12 }\n"),
                2,
                23,
                "does not exist or cannot be read");
        assertError(
                refused("allowlist:\n  - wss://ok.example.org\n  - https://bad.example.org\n"),
                3,
                5,
                "allowlist[1]: 'https://bad.example.org' is not a destination pattern");
        assertError(
                refused("denylist: [ \"ws://a.org:99999\" ]\n"),
                1,
                13,
                "denylist[0]: 'ws://a.org:99999': port 99999 is out of range");
        assertError(
                refused("limits: { promptsPerMinute: 0 }\n"),
                1,
                29,
                "limits.promptsPerMinute: must be between 1 and 1000 but is 0");
        assertError(
                refused("network:\n  hosts: { a.test: not-an-ip }\n"),
                2,
                20,
                "network.hosts.a.test: expected an IP address");
        assertError(
                refused("defaults:\n  maxMessageSize: 257MiB\n"),
                2,
                19,
                "defaults.maxMessageSize: must be at most 256MiB (one message is assembled in"
                        + " memory) but is '257MiB'");
        assertError(
                refused("defaults:\n  maxMessageSize: 2GiB\n"),
                2,
                19,
                "defaults.maxMessageSize: must be at most 256MiB");
        assertError(
                refused("defaults:\n  inboundOverflow: drop\n"), 2, 20, "defaults.inboundOverflow");
        assertError(
                refused("defaults:\n  inboundQueueBytes: 0\n"),
                2,
                22,
                "defaults.inboundQueueBytes: must be greater than zero");
        assertError(
                refused("network:\n  maxThreads: 1\n"),
                2,
                15,
                "network.maxThreads: must be between 8 and 1024 but is 1");
        assertError(
                refused("defaults:\n  idleTimeout: 48h\n"),
                2,
                16,
                "defaults.idleTimeout: must be at most 24h but is '48h'");
        assertError(
                refused("defaults:\n  inboundQueueLimit: 99999999999\n"),
                2,
                22,
                "defaults.inboundQueueLimit: must be between 1 and 1000000 but is 99999999999");
        assertError(
                refused("limits:\n  promptsPerMinute: 5000\n"),
                2,
                21,
                "limits.promptsPerMinute: must be between 1 and 1000");
        assertError(
                refused("defaults:\n  compression: yes\n"),
                2,
                16,
                "defaults.compression: expected true or false (or on, off) but found 'yes'");
    }

    @Test
    void aWrongProxyIsRefusedWithItsLocationAndNeverShowsThePassword() {
        assertError(
                refused("network:\n  proxy: { type: htp, host: 127.0.0.1, port: 3128 }\n"),
                2,
                18,
                "network.proxy.type: 'htp' is not one of http, socks5 (did you mean 'http'?)");
        assertError(
                refused("network:\n  proxy: { type: http, host: 127.0.0.1 }\n"),
                2,
                10,
                "network.proxy.port: a proxy needs type (http or socks5), host and port");
        assertError(
                refused("network:\n  proxy: { type: socks5, host: 127.0.0.1, port: 70000 }\n"),
                2,
                49,
                "network.proxy.port: must be between 1 and 65535 but is 70000");
        assertError(
                refused(
                        "network:\n"
                                + "  proxy: { type: http, host: 127.0.0.1, port: 3128, password:"
                                + " s3cret-pw }\n"),
                2,
                63,
                "network.proxy.password: a password needs a username");
        assertError(
                refused(
                        "network:\n"
                                + "  proxy:\n"
                                + "    type: http\n"
                                + "    host: 127.0.0.1\n"
                                + "    port: 3128\n"
                                + "    bypass: [ intranet ]\n"),
                6,
                15,
                "network.proxy.bypass[0]: 'intranet' is not a destination pattern");
        assertError(
                refused(
                        "network:\n"
                            + "  proxy: { type: http, host: 127.0.0.1, port: 3128, user: me }\n"),
                2,
                53,
                "network.proxy.user: unknown key; known keys: type, host, port, username, password,"
                        + " bypass");
        ConfigException tooLong =
                refused(
                        "network:\n"
                            + "  proxy: { type: socks5, host: 127.0.0.1, port: 1080, username: me,"
                            + " password: "
                                + "s3cret-pw".repeat(30)
                                + " }\n");
        assertError(
                tooLong, 2, 79, "network.proxy.password: a SOCKS5 password is at most 255 bytes");
        assertTrue(!tooLong.getMessage().contains("s3cret-pw"), tooLong.getMessage());
    }

    @Test
    void aBadConfigurationStopsTheHostWithStatus2AndTheLocation() throws Exception {
        HostFixture.Builder builder =
                HostFixture.in(dir).config("defaults:\n  connectRetryInterval: -1\n");
        var options = builder.options();
        CommandLineRun run =
                CommandLineRun.of(
                        "--plugins",
                        options.plugins().toString(),
                        "--config",
                        options.config().toString(),
                        "--headless");
        assertEquals(2, run.status(), run.both());
        assertTrue(
                run.err()
                        .contains(
                                "websocket-client.yaml:2:25: defaults.connectRetryInterval:"
                                        + " expected a duration"),
                run.err());
    }

    @Test
    void theUserFileOverridesBundledDefaultsAndAComponentFieldOverridesBoth() throws Exception {
        try (TestServer server = new TestServer();
                HostFixture host =
                        HostFixture.in(dir)
                                .config("defaults:\n  connectRetryInterval: 700ms\n")
                                .start()) {
            Map<String, Object> fromDefault =
                    new LinkedHashMap<>(
                            Map.of("URL", server.uri("/reject"), "HandlingUser", "alice"));
            host.addClient("yaml", fromDefault);
            HostEvent retry = host.await("yaml", "retryScheduled");
            long delay = ((Number) retry.get("delayMs")).longValue();
            // bundled default is 10 s; the user's file says 700 ms, plus at most 10 % jitter
            assertTrue(delay >= 700 && delay <= 770, "delay " + delay);

            Map<String, Object> fromField = new LinkedHashMap<>(fromDefault);
            fromField.put("ConnectRetryInterval", 30f);
            host.addClient("field", fromField);
            delay = ((Number) host.await("field", "retryScheduled").get("delayMs")).longValue();
            assertTrue(delay >= 30_000 && delay <= 33_000, "delay " + delay);
        }
    }

    @Test
    void switchesTakeTrueAndFalseAsWellAsOnAndOff() throws Exception {
        try (TestServer server = new TestServer()) {
            for (String on : new String[] {"true", "on", "TRUE"}) {
                try (HostFixture host =
                        HostFixture.in(dir)
                                .config(
                                        "defaults:\n  compression: "
                                                + on
                                                + "\nnetwork:\n  blockPrivateAddresses: false\n")
                                .start()) {
                    host.addClient(
                            "c", Map.of("URL", server.uri("/echo"), "HandlingUser", "alice"));
                    assertEquals(
                            true,
                            host.await("c", "connected").get("compressed"),
                            "compression " + on);
                }
            }
            for (String off : new String[] {"false", "off"}) {
                try (HostFixture host =
                        HostFixture.in(dir)
                                .config("defaults:\n  compression: " + off + "\n")
                                .start()) {
                    host.addClient(
                            "c", Map.of("URL", server.uri("/echo"), "HandlingUser", "alice"));
                    assertEquals(
                            false,
                            host.await("c", "connected").get("compressed"),
                            "compression " + off);
                }
            }
        }
    }
}
