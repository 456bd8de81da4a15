package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.RawPeer;
import dev.wsworld.host.testing.TestCertificates;
import dev.wsworld.host.testing.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wss with hostname verification on and a private CA from the configuration (Neos #1755, #2618).
 */
class SecureWebsocketTest {
    static TestCertificates certs;

    @TempDir Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.shared();
    }

    private String trustConfig() throws Exception {
        return "network:\n  blockPrivateAddresses: false\n" + certs.trustStoreEntry(dir);
    }

    private static Map<String, Object> client(URI url) {
        return Map.of("URL", url, "HandlingUser", "alice", "ConnectRetryInterval", 30f);
    }

    @Test
    void wssToAServerSignedByTheConfiguredCaConnectsAndEchoes() throws Exception {
        try (TestServer tls = new TestServer(certs.localhostKeyStore);
                TestServer plain = new TestServer();
                HostFixture host = HostFixture.in(dir).config(trustConfig()).start()) {
            host.addClient("secure", client(tls.uri("/echo")));
            host.addClient("plain", client(plain.uri("/echo")));
            host.await("secure", "connected");
            host.await("plain", "connected"); // ws is untouched by TLS settings
            host.run(() -> host.client("secure").sendText("over tls"));
            assertEquals("over tls", host.await("secure", "text").get("data"));
            host.addClient("byname", client(URI.create("wss://localhost:" + tls.port() + "/echo")));
            host.await("byname", "connected");
        }
    }

    @Test
    void aNameThatNetworkHostsMapsIsVerifiedAgainstItsCertificateByName() throws Exception {
        try (TestServer chat = new TestServer(certs.chatTestKeyStore);
                HostFixture host =
                        HostFixture.in(dir)
                                .config(trustConfig() + "  hosts: { chat.test: 127.0.0.1 }\n")
                                .start()) {
            host.addClient(
                    "mapped", client(URI.create("wss://chat.test:" + chat.port() + "/echo")));
            host.await("mapped", "connected");
            assertEquals(
                    "chat.test:" + chat.port(),
                    chat.hostHeaders.poll(),
                    "the Host header keeps the name");
            host.addClient(
                    "byaddress", client(URI.create("wss://127.0.0.1:" + chat.port() + "/echo")));
            assertEquals(
                    "the certificate of 127.0.0.1 is for other names: chat.test",
                    host.await("byaddress", "connectFailed").get("error"),
                    "an IP-literal URL is verified against the IP, which the chat.test certificate"
                            + " does not name");
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        try (TestServer wrong = new TestServer(certs.wrongHostKeyStore);
                HostFixture host = HostFixture.in(dir).config(trustConfig()).start()) {
            host.addClient("secure", client(wrong.uri("/echo")));
            HostEvent failed = host.await("secure", "connectFailed");
            String error = failed.get("error").toString();
            assertTrue(error.endsWith(" is for other names: wrong.example"), error);
            assertEquals(0, wrong.openSessions());
        }
    }

    @Test
    void aCertificateForManyOtherNamesListsThreeAndCountsTheRest() throws Exception {
        Path store =
                certs.keyStoreFor("a.example", "b.example", "c.example", "d.example", "e.example");
        try (TestServer many = new TestServer(store);
                HostFixture host = HostFixture.in(dir).config(trustConfig()).start()) {
            host.addClient("many", client(URI.create("wss://localhost:" + many.port() + "/echo")));
            assertEquals(
                    "the certificate of localhost is for other names: a.example, b.example,"
                            + " c.example and 2 more",
                    host.await("many", "connectFailed").get("error"));
        }
    }

    @Test
    void withoutThePrivateCaTheServerIsNotTrusted() throws Exception {
        try (TestServer tls = new TestServer(certs.localhostKeyStore);
                HostFixture host = HostFixture.in(dir).start()) {
            host.addClient("secure", client(tls.uri("/echo")));
            String error = host.await("secure", "connectFailed").get("error").toString();
            assertTrue(
                    error.contains(
                            " is not trusted: its issuer \"wsworld test CA\" is not a trusted CA"),
                    error);
            host.await("secure", "retryScheduled");
        }
    }

    @Test
    void wssToAPlainServerSaysTheServerDoesNotSpeakTls() throws Exception {
        try (TestServer plain = new TestServer();
                HostFixture host = HostFixture.in(dir).config(trustConfig()).start()) {
            host.addClient(
                    "mixed", client(URI.create("wss://localhost:" + plain.port() + "/echo")));
            assertEquals(
                    "localhost did not answer in TLS (is it a ws:// server?)",
                    host.await("mixed", "connectFailed").get("error"));
        }
    }

    @Test
    void aServerThatSharesNoTlsVersionOrCipherIsSaidSo() throws Exception {
        try (RawPeer refusing = new RawPeer();
                HostFixture host = HostFixture.in(dir).config(trustConfig()).start()) {
            host.addClient(
                    "oldtls", client(URI.create("wss://localhost:" + refusing.port() + "/")));
            refusing.refuseTlsHandshake(20_000);
            assertEquals(
                    "TLS handshake with localhost failed: no TLS version or cipher in common",
                    host.await("oldtls", "connectFailed").get("error"));
        }
    }

    @Test
    void aPemCaBundleIsTrustedLikeAKeyStoreInEitherMode() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.copy(certs.caPem, dir.resolve("config/ca.pem"));
        for (String trust : List.of("{ path: ca.pem }", "{ path: ca.pem, type: PEM, mode: add }")) {
            try (TestServer tls = new TestServer(certs.localhostKeyStore);
                    HostFixture host =
                            HostFixture.in(dir.resolve(trust.length() + ""))
                                    .config(
                                            "network:\n"
                                                    + "  blockPrivateAddresses: false\n"
                                                    + "  trustStore: "
                                                    + trust.replace(
                                                            "ca.pem",
                                                            dir.resolve("config/ca.pem").toString())
                                                    + "\n")
                                    .start()) {
                host.addClient(
                        "pem", client(URI.create("wss://localhost:" + tls.port() + "/echo")));
                host.await("pem", "connected");
            }
        }
    }

    @Test
    void trustStoreMistakesAreConfigErrorsAtTheirLocationAndNeverShowThePassword()
            throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(
                dir.resolve("config/empty.pem"),
                "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        Files.copy(certs.trustStore, dir.resolve("config/ca.p12"));
        ConfigException empty =
                assertThrows(
                        ConfigException.class,
                        () ->
                                HostFixture.in(dir)
                                        .config("network:\n  trustStore: { path: empty.pem }\n")
                                        .start()
                                        .close());
        assertTrue(
                empty.getMessage()
                        .contains(
                                "websocket-client.yaml:2:23: network.trustStore.path: cannot use"
                                        + " trust store"),
                empty.getMessage());
        ConfigException wrong =
                assertThrows(
                        ConfigException.class,
                        () ->
                                HostFixture.in(dir)
                                        .config(
                                                "network:\n"
                                                        + "  trustStore: { path: ca.p12, password:"
                                                        + " not-the-hunter2-password }\n")
                                        .start()
                                        .close());
        assertTrue(
                wrong.getMessage().contains("network.trustStore.path: cannot use trust store"),
                wrong.getMessage());
        assertFalse(
                wrong.getMessage().contains("not-the-hunter2-password"),
                "the password shows: " + wrong.getMessage());
    }

    @Test
    void anUnreadableTrustStoreIsAStartUpError() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/broken.p12"), "not a key store");
        ConfigException error =
                assertThrows(
                        ConfigException.class,
                        () ->
                                HostFixture.in(dir)
                                        .config(
                                                "network:\n"
                                                    + "  trustStore: { path: broken.p12, password:"
                                                    + " x }\n")
                                        .start()
                                        .close());
        assertTrue(
                error.getMessage()
                        .contains(
                                "websocket-client.yaml:2:23: network.trustStore.path: cannot use"
                                        + " trust store"),
                error.getMessage());
    }
}
