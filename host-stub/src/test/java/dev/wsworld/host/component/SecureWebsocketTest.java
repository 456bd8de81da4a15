package dev.wsworld.host.component;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestCertificates;
import dev.wsworld.host.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** wss with hostname verification on and a private CA from the configuration (Neos #1755, #2618). */
class SecureWebsocketTest {
    @TempDir
    static Path certificates;
    static TestCertificates certs;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates(certificates);
    }

    private String trustConfig() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.copy(certs.trustStore, dir.resolve("config/private-ca.p12"));
        return "network:\n  blockPrivateAddresses: false\n  trustStore: { path: private-ca.p12, type: PKCS12, password: "
                + TestCertificates.PASSWORD + " }\n";
    }

    private static Map<String, Object> client(URI url) {
        return Map.of("URL", url, "HandlingUser", "alice", "ConnectRetryInterval", 30f);
    }

    @Test
    void wssToAServerSignedByTheConfiguredCaConnectsAndEchoes() throws Exception {
        try (TestServer tls = new TestServer(certs.localhostKeyStore); TestServer plain = new TestServer();
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
             HostFixture host = HostFixture.in(dir).config(trustConfig() + "  hosts: { chat.test: 127.0.0.1 }\n").start()) {
            host.addClient("mapped", client(URI.create("wss://chat.test:" + chat.port() + "/echo")));
            host.await("mapped", "connected");
            assertEquals("chat.test:" + chat.port(), chat.hostHeaders.poll(), "the Host header keeps the name");
            host.addClient("byaddress", client(URI.create("wss://127.0.0.1:" + chat.port() + "/echo")));
            assertTrue(host.await("byaddress", "connectFailed").get("error").toString().contains("127.0.0.1"),
                    "an IP-literal URL is verified against the IP, which the chat.test certificate does not name");
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        try (TestServer wrong = new TestServer(certs.wrongHostKeyStore);
             HostFixture host = HostFixture.in(dir).config(trustConfig()).start()) {
            host.addClient("secure", client(wrong.uri("/echo")));
            HostEvent failed = host.await("secure", "connectFailed");
            String error = failed.get("error").toString();
            assertTrue(error.contains("SSL") || error.contains("certificate") || error.contains("subject alternative"), error);
            assertEquals(0, wrong.openSessions());
        }
    }

    @Test
    void withoutThePrivateCaTheServerIsNotTrusted() throws Exception {
        try (TestServer tls = new TestServer(certs.localhostKeyStore); HostFixture host = HostFixture.in(dir).start()) {
            host.addClient("secure", client(tls.uri("/echo")));
            String error = host.await("secure", "connectFailed").get("error").toString();
            assertTrue(error.contains("PKIX") || error.contains("certification path") || error.contains("SSL"), error);
            host.await("secure", "retryScheduled");
        }
    }

    @Test
    void anUnreadableTrustStoreIsAStartUpError() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/broken.p12"), "not a key store");
        ConfigException error = assertThrows(ConfigException.class, () -> HostFixture.in(dir)
                .config("network:\n  trustStore: { path: broken.p12, password: x }\n").start().close());
        assertTrue(error.getMessage().contains("websocket-client.yaml:2:23: network.trustStore.path: cannot use trust store"),
                error.getMessage());
    }
}
