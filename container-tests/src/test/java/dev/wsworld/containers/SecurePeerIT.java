package dev.wsworld.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.containers.support.ContainerSuite;
import dev.wsworld.containers.support.Peer;
import dev.wsworld.containers.support.PemFiles;
import dev.wsworld.containers.support.Timeline;
import dev.wsworld.host.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wss against websocketd's own TLS (Go's crypto/tls), with certificates from a throwaway CA that
 * the plugin trusts through its configured trust store, and hostname verification on.
 */
class SecurePeerIT extends ContainerSuite {
    @TempDir static Path certificateDir;
    static TestCertificates certificates;
    static PemFiles localhost;
    static PemFiles wrongHost;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = new TestCertificates(certificateDir);
        localhost =
                PemFiles.of(
                        certificates.localhostKeyStore,
                        TestCertificates.PASSWORD,
                        certificateDir,
                        "localhost");
        wrongHost =
                PemFiles.of(
                        certificates.wrongHostKeyStore,
                        TestCertificates.PASSWORD,
                        certificateDir,
                        "wrong");
    }

    private String trustingTheTestCa() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.copy(certificates.trustStore, dir.resolve("config/test-ca.p12"));
        return "network:\n"
                + "  blockPrivateAddresses: false\n"
                + "  trustStore: { path: test-ca.p12, type: PKCS12, password: "
                + TestCertificates.PASSWORD
                + " }\n";
    }

    @Test
    void wssToACertificateFromTheConfiguredCaConnectsAndEchoes() throws Exception {
        try (Peer peer =
                Peer.websocketdTls(localhost.certificateChain, localhost.privateKey, Peer.echo())) {
            peer.start();
            startHost(trustingTheTestCa());
            Timeline byAddress = client("byAddress", peer.uri("/"));
            Timeline byName = client("byName", peer.uri("localhost", "/"));
            host.await("byAddress", WebsocketEvents.CONNECTED);
            host.await("byName", WebsocketEvents.CONNECTED);
            List<String> messages = numbered("secret-", 100);
            sendAndAwaitEcho("byAddress", messages);
            sendAndAwaitEcho("byName", messages);
            byAddress.assertTextsOfConnection(0, messages);
            byName.assertTextsOfConnection(0, messages);
            assertHealthy(byAddress);
            assertHealthy(byName);
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEveryTime() throws Exception {
        try (Peer peer =
                Peer.websocketdTls(wrongHost.certificateChain, wrongHost.privateKey, Peer.echo())) {
            peer.start();
            startHost(trustingTheTestCa());
            Timeline chat = client("chat", peer.uri("localhost", "/"));
            String error =
                    host.await("chat", WebsocketEvents.CONNECT_FAILED).get("error").toString();
            assertTrue(
                    error.contains("SSL")
                            || error.contains("certificate")
                            || error.contains("subject alternative"),
                    error);
            host.await("chat", WebsocketEvents.RETRY_SCHEDULED);
            host.await("chat", WebsocketEvents.CONNECT_FAILED);
            assertEquals(List.of(), chat.named(WebsocketEvents.CONNECTED), chat.describe());
            assertEquals(0, peer.sessionsOpenedSinceStart(), peer.getLogs());
            assertHealthy(chat);
        }
    }
}
