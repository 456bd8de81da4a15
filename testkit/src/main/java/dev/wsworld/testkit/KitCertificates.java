package dev.wsworld.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The certificate the kit's wss servers present: one self-signed certificate for {@code 127.0.0.1}
 * and {@code localhost}, made with the JDK's {@code keytool} the first time a test needs it, and a
 * trust store that holds it. One per JVM: each {@code keytool} run starts a JVM, so making it once
 * saves seconds per test. Its files are deleted when the JVM exits.
 */
public final class KitCertificates {
    /** The password of both stores. */
    public static final String PASSWORD = "changeit";

    private static KitCertificates shared;

    private final Path keyStore;
    private final Path trustStore;

    private KitCertificates(Path dir) throws IOException, InterruptedException {
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                "server.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool(
                dir,
                "-exportcert",
                "-alias",
                "server",
                "-keystore",
                "server.p12",
                "-storepass",
                PASSWORD,
                "-rfc",
                "-file",
                "server.crt");
        keytool(
                dir,
                "-importcert",
                "-alias",
                "kit-server",
                "-file",
                "server.crt",
                "-keystore",
                "trust.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-noprompt");
        keyStore = dir.resolve("server.p12");
        trustStore = dir.resolve("trust.p12");
    }

    /**
     * The certificates of this JVM, made on first use.
     *
     * @return the certificates
     * @throws IllegalStateException when {@code keytool} fails
     */
    public static synchronized KitCertificates shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("wsworld-testkit-certificates");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                shared = new KitCertificates(dir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot make the kit's certificate: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted making the kit's certificate", e);
            }
        }
        return shared;
    }

    /**
     * The servers' key store: the key and certificate for {@code 127.0.0.1} and {@code localhost}.
     *
     * @return a PKCS12 file, password {@link #PASSWORD}
     */
    public Path keyStore() {
        return keyStore;
    }

    /**
     * A trust store that holds only the servers' certificate: what a client needs to trust them.
     *
     * @return a PKCS12 file, password {@link #PASSWORD}
     */
    public Path trustStore() {
        return trustStore;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
