package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestCertificates;
import dev.wsworld.host.testing.TestCertificates.Kind;
import dev.wsworld.host.testing.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * wss against a real TLS server with certificates made in the test: the right name, a wrong name,
 * self-signed, expired and an unknown CA, reached through the system resolver ({@code localhost})
 * and through {@code network.hosts} ({@code chat.test}), trusting the CA as PEM and as PKCS12.
 * Every refusal is said in plain words, and the trust store's password shows nowhere.
 */
class TlsMatrixTest {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");

    static TestCertificates certs;

    @TempDir Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.shared();
    }

    @ParameterizedTest(name = "{0} trust, {1}")
    @CsvSource({"PEM, localhost", "PEM, chat.test", "PKCS12, localhost", "PKCS12, chat.test"})
    void everyCertificateIsJudgedByTheUrlsNameAndEveryRefusalIsSaidPlainly(
            String trust, String name) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        String store =
                trust.equals("PEM")
                        ? "{ path: ca.pem }"
                        : "{ path: ca.p12, type: PKCS12, password: "
                                + TestCertificates.PASSWORD
                                + " }";
        Files.copy(
                trust.equals("PEM") ? certs.caPem : certs.trustStore,
                dir.resolve(trust.equals("PEM") ? "config/ca.pem" : "config/ca.p12"));
        String hosts = name.equals("chat.test") ? "  hosts: { chat.test: 127.0.0.1 }\n" : "";
        List<TestServer> servers = new ArrayList<>();
        Map<String, TestServer> bySlot = new HashMap<>();
        try (HostFixture host =
                HostFixture.in(dir)
                        .config(
                                "limits: { promptsPerMinute: 20 }\n"
                                        + "network:\n"
                                        + "  blockPrivateAddresses: false\n"
                                        + "  trustStore: "
                                        + store
                                        + "\n"
                                        + hosts)
                        .start()) {
            Map<String, Kind> kinds =
                    Map.of(
                            "right",
                            Kind.SIGNED,
                            "selfsigned",
                            Kind.SELF_SIGNED,
                            "expired",
                            Kind.EXPIRED,
                            "unknownca",
                            Kind.UNKNOWN_CA);
            for (Map.Entry<String, Kind> kind : kinds.entrySet()) {
                TestServer server = new TestServer(certs.keyStore(kind.getValue(), name));
                servers.add(server);
                bySlot.put(kind.getKey(), server);
                host.addClient(
                        kind.getKey(), client("wss://" + name + ":" + server.port() + "/echo"));
            }
            TestServer wrong = new TestServer(certs.wrongHostKeyStore);
            servers.add(wrong);
            bySlot.put("wrongname", wrong);
            host.addClient("wrongname", client("wss://" + name + ":" + wrong.port() + "/echo"));
            TestServer ip = new TestServer(certs.keyStore(Kind.SIGNED, "127.0.0.1"));
            servers.add(ip);
            host.addClient("ip", client("wss://127.0.0.1:" + ip.port() + "/echo"));

            host.await("right", "connected");
            host.run(() -> host.client("right").sendText("over tls"));
            assertEquals("over tls", host.await("right", "text").get("data"));
            host.await("ip", "connected");

            assertEquals(
                    "the certificate of "
                            + name
                            + " is self-signed, so not trusted"
                            + " (a private CA goes in network.trustStore)",
                    refusal(host, "selfsigned"));
            assertEquals(
                    "the certificate of "
                            + name
                            + " is not trusted: its issuer \"wsworld other CA\" is not"
                            + " a trusted CA (a private CA goes in network.trustStore)",
                    refusal(host, "unknownca"));
            assertEquals(
                    "the certificate of " + name + " is for other names: wrong.example",
                    refusal(host, "wrongname"));
            String expired = refusal(host, "expired");
            assertTrue(
                    expired.startsWith("the certificate of " + name + " expired on ")
                            && DATE.matcher(expired.substring(expired.lastIndexOf(" on ") + 4))
                                    .matches(),
                    expired);
            for (String refused : List.of("selfsigned", "unknownca", "wrongname", "expired")) {
                host.await(
                        refused, "retryScheduled"); // a certificate failure retries like any other
                String lastError = String.valueOf(host.field(refused, "LastError"));
                assertTrue(
                        lastError.startsWith("tls: the certificate of " + name + " ")
                                && lastError.contains("; retrying in "),
                        "LastError says what was wrong and that a retry comes: " + lastError);
            }
            for (String refused : List.of("selfsigned", "unknownca", "wrongname", "expired")) {
                assertEquals(
                        0,
                        bySlot.get(refused).openSessions(),
                        refused + ": a refused server got a session");
            }

            List<String> everything = new ArrayList<>(host.display());
            for (String slot :
                    List.of("right", "ip", "selfsigned", "unknownca", "wrongname", "expired")) {
                host.events(slot, 0).forEach(event -> everything.add(event.toString()));
                everything.add(String.valueOf(host.field(slot, "LastError")));
            }
            for (String line : everything) {
                assertFalse(
                        line.contains(TestCertificates.PASSWORD),
                        "the trust store's password shows: " + line);
                assertFalse(
                        line.contains("PKIX") || line.contains("sun.security"),
                        "JDK text reached the world: " + line);
            }
        } finally {
            for (TestServer server : servers) {
                server.close();
            }
        }
    }

    private static String refusal(HostFixture host, String slot) throws InterruptedException {
        HostEvent failed = host.await(slot, "connectFailed");
        return failed.get("error").toString();
    }

    private static Map<String, Object> client(String url) {
        return Map.of("URL", URI.create(url), "HandlingUser", "alice", "ConnectRetryInterval", 30f);
    }
}
