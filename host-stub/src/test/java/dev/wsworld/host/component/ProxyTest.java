package dev.wsworld.host.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.LocalPeer;
import dev.wsworld.host.testing.RecordingRelay;
import dev.wsworld.host.testing.TestCertificates;
import dev.wsworld.host.testing.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network.proxy} against proxies someone else wrote: Debian's tinyproxy (HTTP CONNECT) and
 * microsocks (SOCKS5), run as local processes.
 */
class ProxyTest {
    private static final String TINYPROXY = "/usr/bin/tinyproxy";
    private static final String MICROSOCKS = "/usr/bin/microsocks";
    private static final String PASSWORD = "pr0xy-s3cret";

    static TestCertificates certs;

    @TempDir Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.shared();
    }

    /**
     * tinyproxy allowing CONNECT to {@code ports} only, with Basic authentication when {@code user}
     * is given.
     */
    private LocalPeer tinyproxy(String user, int... ports) throws Exception {
        LocalPeer.require(TINYPROXY, "tinyproxy");
        int port = LocalPeer.freePort();
        StringBuilder conf =
                new StringBuilder(
                        "Port "
                                + port
                                + "\nListen 127.0.0.1\nAllow 127.0.0.1\nTimeout 30\n"
                                + "LogLevel Connect\nMaxClients 50\n");
        for (int allowed : ports) {
            conf.append("ConnectPort ").append(allowed).append('\n');
        }
        if (user != null) {
            conf.append("BasicAuth ").append(user).append(' ').append(PASSWORD).append('\n');
        }
        Path file = Files.writeString(dir.resolve("tinyproxy-" + port + ".conf"), conf);
        return LocalPeer.start(dir, port, TINYPROXY, "-d", "-c", file.toString());
    }

    private LocalPeer microsocks(String user) throws Exception {
        LocalPeer.require(MICROSOCKS, "microsocks");
        int port = LocalPeer.freePort();
        return user == null
                ? LocalPeer.start(
                        dir, port, MICROSOCKS, "-i", "127.0.0.1", "-p", String.valueOf(port))
                : LocalPeer.start(
                        dir,
                        port,
                        MICROSOCKS,
                        "-i",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(port),
                        "-u",
                        user,
                        "-P",
                        PASSWORD);
    }

    private static String proxyConfig(String type, int port, String extra) {
        return "network:\n  blockPrivateAddresses: false\n  proxy:\n    type: "
                + type
                + "\n    host: 127.0.0.1\n    port: "
                + port
                + "\n"
                + extra;
    }

    private String trustStore() throws Exception {
        return certs.trustStoreEntry(dir);
    }

    private static Map<String, Object> client(URI url) {
        return Map.of("URL", url, "HandlingUser", "alice", "ConnectRetryInterval", 30f);
    }

    private static URI byName(String scheme, TestServer server) {
        return URI.create(scheme + "://localhost:" + server.port() + "/echo");
    }

    private static void assertEchoes(HostFixture host, String slot) throws Exception {
        host.run(() -> host.client(slot).sendText("through the proxy"));
        assertEquals("through the proxy", host.await(slot, "text").get("data"));
    }

    @Test
    void wsAndWssGoThroughTinyproxyWithConnectAndTheCertificateIsCheckedAgainstTheUrlsName()
            throws Exception {
        try (TestServer plain = new TestServer();
                TestServer tls = new TestServer(certs.localhostKeyStore);
                LocalPeer proxy = tinyproxy(null, plain.port(), tls.port());
                HostFixture host =
                        HostFixture.in(dir)
                                .config(proxyConfig("http", proxy.port(), trustStore()))
                                .start()) {
            host.addClient("plain", client(byName("ws", plain)));
            host.addClient("secure", client(byName("wss", tls)));
            host.await("plain", "connected");
            host.await("secure", "connected");
            assertEchoes(host, "plain");
            assertEchoes(host, "secure");
            assertEquals(
                    1, proxy.linesWith("CONNECT localhost:" + plain.port()).size(), proxy.output());
            assertEquals(
                    1, proxy.linesWith("CONNECT localhost:" + tls.port()).size(), proxy.output());
            assertEquals(
                    "localhost:" + plain.port(),
                    plain.hostHeaders.poll(),
                    "the Host header keeps the URL's name");
        }
    }

    @Test
    void aHostCredentialTravelsInsideTheTunnelAndNeverInTheProxysConnectRequest() throws Exception {
        String token = "pr0xied-t0ken-91c";
        try (TestServer tls = new TestServer(certs.localhostKeyStore);
                TestServer plain = new TestServer();
                LocalPeer proxy = tinyproxy(null, tls.port(), plain.port());
                // between the plugin and tinyproxy: every byte tinyproxy received
                RecordingRelay relay = new RecordingRelay(proxy.port())) {
            Files.createDirectories(dir.resolve("config"));
            Files.writeString(dir.resolve("config/token"), token);
            String credentials =
                    "credentials:\n"
                            + "  - { destination: \"wss://localhost:"
                            + tls.port()
                            + "\", headers: { Authorization: \"Bearer ${file:token}\" } }\n"
                            + "  - { destination: \"ws://localhost:"
                            + plain.port()
                            + "\", headers: { Authorization: \"Bearer ${file:token}\" } }\n";
            try (HostFixture host =
                    HostFixture.in(dir)
                            .config(proxyConfig("http", relay.port(), trustStore()) + credentials)
                            .start()) {
                host.addClient("secure", client(byName("wss", tls)));
                host.await("secure", "connected");
                assertTrue(
                        tls.requestHeaders.poll().contains("Authorization: Bearer " + token),
                        "the credential reached the wss destination");
                String received = relay.received();
                assertTrue(
                        received.startsWith("CONNECT localhost:" + tls.port() + " HTTP/1.1\r\n"),
                        received);
                assertFalse(received.contains(token), "tinyproxy received the credential");
                assertFalse(proxy.output().contains(token), proxy.output());
                assertEquals(
                        1,
                        proxy.linesWith("CONNECT localhost:" + tls.port()).size(),
                        proxy.output());

                // the recording sees what a tunnel carries in the clear: over ws:// the credential
                // is there, in the upgrade after the CONNECT request, and not in the CONNECT itself
                host.addClient("plain", client(byName("ws", plain)));
                host.await("plain", "connected");
                String all = relay.received();
                int connect = all.indexOf("CONNECT localhost:" + plain.port() + " ");
                int headEnd = all.indexOf("\r\n\r\n", connect);
                assertTrue(connect >= 0 && headEnd > connect, all);
                assertFalse(all.substring(connect, headEnd).contains(token), all);
                assertTrue(all.substring(headEnd).contains("Bearer " + token), all);
            }
        }
    }

    @Test
    void aCertificateForAnotherNameIsRefusedThroughTheProxyToo() throws Exception {
        try (TestServer wrong = new TestServer(certs.wrongHostKeyStore);
                LocalPeer proxy = tinyproxy(null, wrong.port());
                HostFixture host =
                        HostFixture.in(dir)
                                .config(proxyConfig("http", proxy.port(), trustStore()))
                                .start()) {
            host.addClient("secure", client(byName("wss", wrong)));
            assertEquals(
                    "the certificate of localhost is for other names: wrong.example",
                    host.await("secure", "connectFailed").get("error"));
        }
    }

    @Test
    void aConnectThatTinyproxyRefusesIsSaidAndRetried() throws Exception {
        try (TestServer server = new TestServer();
                LocalPeer proxy = tinyproxy(null, 9); // only port 9 may be tunnelled to
                HostFixture host =
                        HostFixture.in(dir).config(proxyConfig("http", proxy.port(), "")).start()) {
            host.addClient("refused", client(byName("ws", server)));
            assertEquals(
                    "proxy refused CONNECT: 403 Forbidden (http proxy 127.0.0.1:"
                            + proxy.port()
                            + ")",
                    host.await("refused", "connectFailed").get("error"));
            host.await("refused", "retryScheduled");
            assertEquals(0, server.openSessions(), "nothing reached the destination");
        }
    }

    @Test
    void proxyCredentialsAreSentAndAWrongPasswordIsSaidWithoutShowingIt() throws Exception {
        String wrong = "wr0ng-" + PASSWORD;
        try (TestServer server = new TestServer();
                LocalPeer proxy = tinyproxy("builder", server.port());
                HostFixture good =
                        HostFixture.in(dir.resolve("good"))
                                .config(
                                        proxyConfig(
                                                "http",
                                                proxy.port(),
                                                "    username: builder\n    password: "
                                                        + PASSWORD
                                                        + "\n"))
                                .start();
                HostFixture bad =
                        HostFixture.in(dir.resolve("bad"))
                                .config(
                                        proxyConfig(
                                                "http",
                                                proxy.port(),
                                                "    username: builder\n    password: "
                                                        + wrong
                                                        + "\n"))
                                .start()) {
            good.addClient("in", client(byName("ws", server)));
            good.await("in", "connected");
            bad.addClient("out", client(byName("ws", server)));
            HostEvent failed = bad.await("out", "connectFailed");
            // tinyproxy answers a failed login with 401 rather than 407
            assertEquals(
                    "proxy refused CONNECT: 401 Unauthorized (http proxy 127.0.0.1:"
                            + proxy.port()
                            + "); check network.proxy.username and password",
                    failed.get("error"));
            String stats = bad.host().stats().toString();
            assertTrue(stats.contains("password=(hidden)"), stats);
            String everything =
                    HostFixture.describe(bad.events("out", 0))
                            + bad.field("out", "LastError")
                            + stats
                            + String.join("\n", bad.display());
            assertFalse(everything.contains(wrong), everything);
        }
    }

    @Test
    void anUnreachableProxyIsSaidAndRetried() throws Exception {
        int nobody = LocalPeer.freePort();
        try (TestServer server = new TestServer();
                HostFixture host =
                        HostFixture.in(dir).config(proxyConfig("http", nobody, "")).start()) {
            host.addClient("c", client(byName("ws", server)));
            String error = host.await("c", "connectFailed").get("error").toString();
            assertTrue(error.startsWith("cannot reach proxy 127.0.0.1:" + nobody + ": "), error);
            host.await("c", "retryScheduled");
        }
    }

    @Test
    void aBypassedDestinationIsConnectedToDirectly() throws Exception {
        int nobody =
                LocalPeer.freePort(); // no proxy listens here: only a direct connection can succeed
        try (TestServer server = new TestServer();
                HostFixture host =
                        HostFixture.in(dir)
                                .config(
                                        proxyConfig(
                                                "http",
                                                nobody,
                                                "    bypass: [ \"ws://localhost:*\" ]\n"))
                                .start()) {
            host.addClient("direct", client(byName("ws", server)));
            host.await("direct", "connected");
            assertEchoes(host, "direct");
        }
    }

    @Test
    void theRulesApplyToTheDestinationNotToTheProxysOwnAddress() throws Exception {
        try (TestServer server = new TestServer();
                LocalPeer proxy = tinyproxy(null, server.port());
                HostFixture host =
                        HostFixture.in(dir)
                                .config(
                                        "network:\n  proxy: { type: http, host: 127.0.0.1, port: "
                                                + proxy.port()
                                                + " }\nallowlist: [ \"ws://localhost:"
                                                + server.port()
                                                + "\" ]\n")
                                .start()) {
            // the proxy on 127.0.0.1 is the host's choice: an allowlisted destination goes through
            // it
            host.addClient("allowed", client(byName("ws", server)));
            host.await("allowed", "connected");
            // a destination on a private address is refused before the proxy is asked, by address
            // or by name
            host.addClient(
                    "private", client(URI.create("ws://127.0.0.2:" + server.port() + "/echo")));
            assertTrue(
                    host.await("private", "connectFailed")
                            .get("error")
                            .toString()
                            .startsWith("address 127.0.0.2"));
            host.addClient("named", client(URI.create("ws://localhost:" + proxy.port() + "/")));
            assertTrue(
                    host.await("named", "connectFailed")
                            .get("error")
                            .toString()
                            .startsWith("localhost resolves to"));
            // the proxy's own host and port, asked for directly, are not exempt
            host.addClient(
                    "proxyitself", client(URI.create("ws://127.0.0.1:" + proxy.port() + "/")));
            assertTrue(
                    host.await("proxyitself", "connectFailed")
                            .get("error")
                            .toString()
                            .startsWith("address 127.0.0.1"));
            assertEquals(
                    1,
                    proxy.linesWith("): CONNECT ").size(),
                    "only the allowed destination reached the proxy: " + proxy.output());
        }
    }

    @Test
    void aNameThatCannotBeResolvedHereIsLeftToTheProxy() throws Exception {
        try (LocalPeer proxy = tinyproxy(null, 80);
                HostFixture host =
                        HostFixture.in(dir).config(proxyConfig("http", proxy.port(), "")).start()) {
            host.addClient("far", client(URI.create("ws://no-such-host.invalid/")));
            String error = host.await("far", "connectFailed").get("error").toString();
            assertTrue(
                    error.startsWith("proxy refused CONNECT: 5"),
                    "the proxy, not this host, failed to resolve it: " + error);
            assertEquals(
                    1, proxy.linesWith("CONNECT no-such-host.invalid:80").size(), proxy.output());
        }
    }

    @Test
    void wsAndWssGoThroughMicrosocksAndItsLoginIsChecked() throws Exception {
        try (TestServer plain = new TestServer();
                TestServer tls = new TestServer(certs.localhostKeyStore);
                LocalPeer socks = microsocks("builder");
                HostFixture good =
                        HostFixture.in(dir.resolve("good"))
                                .config(
                                        proxyConfig(
                                                "socks5",
                                                socks.port(),
                                                "    username: builder\n    password: "
                                                        + PASSWORD
                                                        + "\n"
                                                        + certs.trustStoreEntry(
                                                                dir.resolve("good"))))
                                .start();
                HostFixture bad =
                        HostFixture.in(dir.resolve("bad"))
                                .config(
                                        proxyConfig(
                                                "socks5",
                                                socks.port(),
                                                "    username: builder\n    password: nope\n"))
                                .start()) {
            good.addClient("plain", client(byName("ws", plain)));
            good.addClient("secure", client(byName("wss", tls)));
            good.await("plain", "connected");
            good.await("secure", "connected");
            assertEchoes(good, "plain");
            assertEchoes(good, "secure");
            bad.addClient("c", client(byName("ws", plain)));
            String error = bad.await("c", "connectFailed").get("error").toString();
            assertTrue(error.startsWith("proxy refused the SOCKS5 login: "), error);
            assertTrue(error.contains("(socks5 proxy 127.0.0.1:" + socks.port() + ")"), error);
            assertEquals(
                    2,
                    plain.hostHeaders.size() + tls.hostHeaders.size(),
                    "only the logged-in host got through");
        }
    }

    @Test
    void aSocksProxyThatCannotReachTheDestinationSaysSo() throws Exception {
        int nobody = LocalPeer.freePort();
        try (LocalPeer socks = microsocks(null);
                HostFixture host =
                        HostFixture.in(dir)
                                .config(proxyConfig("socks5", socks.port(), ""))
                                .start()) {
            host.addClient("c", client(URI.create("ws://localhost:" + nobody + "/")));
            String error = host.await("c", "connectFailed").get("error").toString();
            assertTrue(error.startsWith("proxy refused the connection: SOCKS5 "), error);
            host.await("c", "retryScheduled");
        }
    }
}
