package dev.wsworld.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.host.testing.HostFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code credentials:} in websocket-client.yaml as a host operator writes it: every mistake is
 * refused at its file, line and column, and no refusal shows a secret.
 */
class CredentialsSettingsTest {
    private static final String SECRET = "f1le-s3cret-value";

    @TempDir Path dir;

    private ConfigException refused(String yaml) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/token"), SECRET + "\r\nsecond line\n");
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> HostFixture.in(dir).config(yaml).start().close());
        assertFalse(e.getMessage().contains(SECRET), "a secret shown: " + e.getMessage());
        assertTrue(e.location().file().endsWith("websocket-client.yaml"), e.getMessage());
        return e;
    }

    private static void assertAt(ConfigException e, int line, int column, String text) {
        assertTrue(e.getMessage().endsWith(text), e.getMessage());
        assertEquals(line + ":" + column, e.location().line() + ":" + e.location().column());
    }

    private static String credential(String headers) {
        return "credentials:\n  - destination: \"wss://api.example.com\"\n    headers:\n" + headers;
    }

    @Test
    void aMissingVariableOrFileIsRefusedAtItsValueNamingItAndNotTheValue() throws Exception {
        assertAt(
                refused(
                        credential(
                                "      Authorization: \"Bearer"
                                        + " ${env:WSWORLD_TEST_NOT_SET_4711}\"\n")),
                4,
                22,
                "credentials[0].headers.Authorization: environment variable"
                        + " WSWORLD_TEST_NOT_SET_4711 is not set");
        ConfigException noFile = refused(credential("      X-Api-Key: ${file:nowhere}\n"));
        assertAt(noFile, 4, 18, "(from ${file:nowhere}) does not exist or cannot be read");
        assertTrue(
                noFile.getMessage().contains("credentials[0].headers.X-Api-Key: file "),
                noFile.getMessage());
    }

    @Test
    void aSecretThatWouldBreakTheRequestIsRefusedWithoutShowingIt() throws Exception {
        assertAt(
                refused(credential("      Authorization: \"Bearer ${file:token}\"\n")),
                4,
                22,
                "credentials[0].headers.Authorization: the value has a carriage return (CR) (after"
                        + " its ${...} references were replaced)");
        assertAt(
                refused(credential("      X-Key: \"" + SECRET + "\\nHost: evil\"\n")),
                4,
                14,
                "credentials[0].headers.X-Key: the value has a line feed (LF)");
        assertAt(
                refused(credential("      X-Key: \"Bearer ${" + SECRET + "}\"\n")),
                4,
                14,
                "'${' starts no reference; write ${env:NAME} or ${file:PATH}");
    }

    @Test
    void namesAreCheckedAsAWorldsAreAndOnceEach() throws Exception {
        assertAt(
                refused(credential("      Host: api.example.com\n")),
                4,
                7,
                "credentials[0].headers.Host: Host is written by the connection itself and cannot"
                        + " be set");
        assertAt(
                refused(credential("      Proxy-Authorization: Basic x\n")),
                4,
                7,
                "Proxy-Authorization is for a proxy, and the proxy is the host's (network.proxy)");
        assertAt(
                refused(credential("      \"X Key\": x\n")),
                4,
                7,
                "the name has a space, which a header name cannot have (letters, digits and"
                        + " !#$%&'*+-.^_`|~ only)");
        assertAt(
                refused(credential("      Authorization: a\n      authorization: b\n")),
                5,
                7,
                "credentials[0].headers.authorization: this credential names authorization twice"
                        + " (header names ignore case)");
    }

    @Test
    void theShapeOfTheListIsChecked() throws Exception {
        assertAt(
                refused("credentials: { destination: \"wss://a.example\" }\n"),
                1,
                14,
                "credentials: expected a list but found a mapping");
        assertAt(
                refused("credentials:\n  - headers: { X-Key: v }\n"),
                2,
                5,
                "credentials[0]: a credential needs a destination (a pattern, as in the allowlist)"
                        + " and headers (name: value)");
        assertAt(
                refused(
                        "credentials:\n"
                            + "  - { destination: \"https://a.example\", headers: { X: v } }\n"),
                2,
                20,
                "credentials[0].destination: 'https://a.example' is not a destination pattern;"
                        + " write ws:// or wss:// then a host, *.domain or address, and optionally"
                        + " :port or :* (no path)");
        assertAt(
                refused("credentials:\n  - { destination: \"wss://a.example\", headers: {} }\n"),
                2,
                48,
                "credentials[0].headers: a credential needs at least one header");
        assertAt(
                refused(
                        "credentials:\n  - { destination: \"wss://a.example\", headers: { X: v },"
                                + " header: {} }\n"),
                2,
                58,
                "credentials[0].header: unknown key (did you mean 'headers'?); known keys:"
                        + " destination, headers");
    }
}
