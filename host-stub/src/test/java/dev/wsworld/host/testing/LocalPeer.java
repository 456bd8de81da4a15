package dev.wsworld.host.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A third-party server (tinyproxy, microsocks, Python's websockets) run as a local process on a
 * loopback port: started, waited for until it accepts connections, and killed on close. Its output
 * goes to a file, read by tests that check what the peer saw. {@code .ci/run} installs the Debian
 * packages; outside CI a missing one skips the test, under CI it fails it.
 */
public final class LocalPeer implements AutoCloseable {
    private final Process process;
    private final Path output;
    private final int port;

    private LocalPeer(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** A free loopback port, for a peer that is told which port to use. */
    public static int freePort() throws IOException {
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Fails (under CI) or skips the test when {@code executable} is not installed. */
    public static void require(String executable, String debianPackage) {
        if (!Files.isExecutable(Path.of(executable))) {
            String why =
                    executable
                            + " is missing: apt-get install "
                            + debianPackage
                            + " (.ci/run does)";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
    }

    /**
     * Starts {@code command}, then waits (20 s at most) until {@code port} on 127.0.0.1 accepts.
     */
    public static LocalPeer start(Path workDirectory, int port, String... command)
            throws Exception {
        Path output = Files.createTempFile(workDirectory, "peer-", ".log");
        Process process =
                new ProcessBuilder(List.of(command))
                        .directory(workDirectory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        LocalPeer peer = new LocalPeer(process, output, port);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HostFixture.WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail(
                        String.join(" ", command)
                                + " exited with "
                                + process.exitValue()
                                + ": "
                                + peer.output());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return peer;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        peer.close();
        fail(
                String.join(" ", command)
                        + " did not listen on port "
                        + port
                        + " within "
                        + HostFixture.WAIT_MILLIS
                        + " ms: "
                        + peer.output());
        return peer;
    }

    public int port() {
        return port;
    }

    /** What the peer printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e.getMessage() + ")";
        }
    }

    /** Lines the peer printed that contain {@code text}. */
    public List<String> linesWith(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : output().split("\n")) {
            if (line.contains(text)) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
