package dev.wsworld.containers.support;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.MountableFile;

/**
 * One third-party server in a container on the host's network, listening on a free loopback port,
 * with the faults the suite injects: stop and start again, pause and unpause, kill.
 */
public final class Peer extends GenericContainer<Peer> {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final int port;
    private final String scheme;

    private Peer(String scheme, int port) {
        super(PeerImage.get());
        this.scheme = scheme;
        this.port = port;
        withNetworkMode("host");
        waitingFor(new PortOpen(port).withStartupTimeout(STARTUP));
    }

    /**
     * websocketd running {@code program} (busybox applets) for every connection; one line is one
     * message.
     */
    public static Peer websocketd(String... program) {
        Peer peer = new Peer("ws", freePort());
        peer.withCommand(websocketdArguments(peer.port, List.of(), program));
        return peer;
    }

    /**
     * websocketd with its own TLS (Go's crypto/tls), serving the given PEM certificate chain and
     * key.
     */
    public static Peer websocketdTls(Path certificateChain, Path privateKey, String... program) {
        Peer peer = new Peer("wss", freePort());
        peer.withCopyFileToContainer(
                MountableFile.forHostPath(certificateChain), "/certs/server.crt");
        peer.withCopyFileToContainer(MountableFile.forHostPath(privateKey), "/certs/server.key");
        peer.withCommand(
                websocketdArguments(
                        peer.port,
                        List.of(
                                "--ssl",
                                "--sslcert=/certs/server.crt",
                                "--sslkey=/certs/server.key"),
                        program));
        return peer;
    }

    /**
     * busybox httpd: every path but {@code /} answers 404 (an upgrade refused with a 4xx), and
     * {@code /cgi-bin/slow} never answers (a handshake slower than any connect timeout).
     */
    public static Peer httpd() {
        Peer peer = new Peer("ws", freePort());
        peer.withCreateContainerCmdModifier(create -> create.withEntrypoint("/bin/busybox"));
        peer.withCommand("httpd", "-f", "-vv", "-p", "127.0.0.1:" + peer.port, "-h", "/www");
        return peer;
    }

    /**
     * A websocketd program writing {@code count} numbered lines {@code prefix1, prefix2, ...}, then
     * exiting.
     */
    public static String[] countTo(int count, String prefix) {
        return new String[] {
            "/bin/busybox",
            "sh",
            "-c",
            "i=1; while [ $i -le " + count + " ]; do echo " + prefix + "$i; i=$((i+1)); done"
        };
    }

    public static String[] echo() {
        return new String[] {"/bin/busybox", "cat"};
    }

    public static String[] silent() {
        return new String[] {"/bin/busybox", "sleep", "3600"};
    }

    private static String[] websocketdArguments(int port, List<String> options, String... program) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--port=" + port);
        arguments.add("--address=127.0.0.1");
        arguments.add("--loglevel=access");
        arguments.addAll(options);
        arguments.addAll(List.of(program));
        return arguments.toArray(String[]::new);
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    public URI uri(String host, String path) {
        return URI.create(scheme + "://" + host + ":" + port + path);
    }

    /** {@code docker stop}: the server gets SIGTERM and ends; the container can start again. */
    public void stopServer() {
        docker().stopContainerCmd(getContainerId()).withTimeout(2).exec();
    }

    /**
     * {@code docker start} after {@link #stopServer} or {@link #kill}, waiting until the port
     * listens.
     */
    public void startAgain() {
        docker().startContainerCmd(getContainerId()).exec();
        new PortOpen(port).withStartupTimeout(STARTUP).waitUntilReady(this);
    }

    /** {@code docker pause}: every process frozen; the kernel still holds its sockets open. */
    public void pause() {
        docker().pauseContainerCmd(getContainerId()).exec();
    }

    public void unpause() {
        docker().unpauseContainerCmd(getContainerId()).exec();
    }

    /** {@code docker kill}: SIGKILL, so no close frame is ever sent. */
    public void kill() {
        docker().killContainerCmd(getContainerId()).exec();
    }

    /**
     * WebSocket sessions websocketd opened since it last started (CONNECT lines of its access log
     * after its last start-up line; a stopped server never logs the sessions it dropped).
     */
    public long sessionsOpenedSinceStart() {
        List<String> lines = getLogs().lines().toList();
        long opened = 0;
        for (String line : lines) {
            if (line.contains("Starting WebSocket server")) {
                opened = 0;
            } else if (line.trim().endsWith("| CONNECT")) {
                opened++;
            }
        }
        return opened;
    }

    private DockerClient docker() {
        return getDockerClient();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /**
     * Ready when a TCP connection to the loopback port succeeds (host networking maps no ports).
     */
    private static final class PortOpen extends AbstractWaitStrategy {
        private final int port;

        PortOpen(int port) {
            this.port = port;
        }

        @Override
        protected void waitUntilReady() {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            IOException last = null;
            while (System.nanoTime() < deadline) {
                try (Socket socket = new Socket()) {
                    socket.connect(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                    return;
                } catch (IOException e) {
                    last = e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for port " + port, e);
                }
            }
            throw new IllegalStateException(
                    "nothing listened on 127.0.0.1:"
                            + port
                            + " within "
                            + startupTimeout
                            + (last == null ? "" : ": " + last.getMessage()));
        }
    }
}
