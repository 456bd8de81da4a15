package dev.wsworld.host.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority made with the JDK's keytool: a server certificate for
 * localhost/127.0.0.1, one for another host name, and a trust store holding only the CA; on request
 * ({@link #keyStore}) the certificates a TLS test matrix needs, made when first asked for.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";

    public final Path trustStore;
    public final Path localhostKeyStore;
    public final Path wrongHostKeyStore;

    /** For {@code chat.test} only: a name that {@code network.hosts} maps to loopback. */
    public final Path chatTestKeyStore;

    /** The CA's certificate as PEM, what curl's --cacert and Node's ca take. */
    public final Path caPem;

    private final Path dir;
    private final Map<String, Path> made = new HashMap<>();
    private boolean otherCa;

    /** What is wrong, or not, with a server certificate. */
    public enum Kind {
        /** Signed by the test CA, for the name. */
        SIGNED,
        /** Signed by nobody but itself, for the name. */
        SELF_SIGNED,
        /** Signed by the test CA, for the name, but its validity ended days ago. */
        EXPIRED,
        /** For the name, signed by a CA nobody configured. */
        UNKNOWN_CA
    }

    private static TestCertificates shared;

    /**
     * One CA for every test class in this JVM that needs no CA of its own: each {@code keytool} run
     * starts a JVM, so making the CA and its certificates once saves seconds per class. The
     * directory is deleted when the JVM exits.
     */
    public static synchronized TestCertificates shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("wsworld-certificates");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            shared = new TestCertificates(dir);
        }
        return shared;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    public TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        Files.createDirectories(dir);
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=wsworld test CA",
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                "ca.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "ca",
                "-keystore",
                "ca.p12",
                "-storepass",
                PASSWORD,
                "-rfc",
                "-file",
                "ca.crt");
        keytool(
                "-importcert",
                "-alias",
                "ca",
                "-file",
                "ca.crt",
                "-keystore",
                "trust.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-noprompt");
        localhostKeyStore = server("localhost", "SAN=dns:localhost,ip:127.0.0.1");
        wrongHostKeyStore = server("wrong.example", "SAN=dns:wrong.example");
        chatTestKeyStore = server("chat.test", "SAN=dns:chat.test");
        caPem = dir.resolve("ca.crt");
        trustStore = dir.resolve("trust.p12");
    }

    private Path server(String name, String san) throws Exception {
        return server(name, name, san, "ca", "-validity", "2");
    }

    /**
     * A server key store for {@code name} (a host name, or an IP address, which the certificate
     * then names as an IP address), made on first use.
     */
    /**
     * Copies the CA's trust store into a host's config directory and returns the {@code
     * network.trustStore} line (indented under {@code network:}) that names it.
     */
    public String trustStoreEntry(Path hostDirectory) throws Exception {
        Path config = Files.createDirectories(hostDirectory.resolve("config"));
        Files.copy(
                trustStore,
                config.resolve("private-ca.p12"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return "  trustStore: { path: private-ca.p12, type: PKCS12, password: " + PASSWORD + " }\n";
    }

    public synchronized Path keyStore(Kind kind, String name) throws Exception {
        String file = kind.name().toLowerCase(Locale.ROOT) + "-" + name;
        Path existing = made.get(file);
        if (existing != null) {
            return existing;
        }
        String san = "SAN=" + (name.matches("[0-9.]+") ? "ip:" : "dns:") + name;
        Path store =
                switch (kind) {
                    case SIGNED -> server(file, name, san, "ca", "-validity", "2");
                    case EXPIRED ->
                            server(file, name, san, "ca", "-startdate", "-5d", "-validity", "2");
                    case UNKNOWN_CA -> server(file, name, san, otherCa(), "-validity", "2");
                    case SELF_SIGNED -> {
                        keytool(
                                "-genkeypair",
                                "-alias",
                                "server",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=" + name,
                                "-ext",
                                san,
                                "-validity",
                                "2",
                                "-keystore",
                                file + ".p12",
                                "-storetype",
                                "PKCS12",
                                "-storepass",
                                PASSWORD);
                        yield dir.resolve(file + ".p12");
                    }
                };
        made.put(file, store);
        return store;
    }

    /**
     * A key store signed by the test CA for all of {@code names} (host names), made on first use.
     */
    public synchronized Path keyStoreFor(String... names) throws Exception {
        String file = "names-" + String.join("-", names);
        Path existing = made.get(file);
        if (existing == null) {
            existing =
                    server(
                            file,
                            names[0],
                            "SAN=dns:" + String.join(",dns:", names),
                            "ca",
                            "-validity",
                            "2");
            made.put(file, existing);
        }
        return existing;
    }

    private String otherCa() throws Exception {
        if (!otherCa) {
            keytool(
                    "-genkeypair",
                    "-alias",
                    "other",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=wsworld other CA",
                    "-ext",
                    "bc:c",
                    "-validity",
                    "2",
                    "-keystore",
                    "other.p12",
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    PASSWORD);
            keytool(
                    "-exportcert",
                    "-alias",
                    "other",
                    "-keystore",
                    "other.p12",
                    "-storepass",
                    PASSWORD,
                    "-rfc",
                    "-file",
                    "other.crt");
            otherCa = true;
        }
        return "other";
    }

    /** A key store {@code file}.p12 for {@code name}, signed by the CA {@code ca} (ca or other). */
    private Path server(String file, String name, String san, String ca, String... validity)
            throws Exception {
        String store = file + ".p12";
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-validity",
                "2",
                "-keystore",
                store,
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool(
                "-certreq",
                "-alias",
                "server",
                "-keystore",
                store,
                "-storepass",
                PASSWORD,
                "-file",
                file + ".csr");
        List<String> gencert =
                new ArrayList<>(
                        List.of(
                                "-gencert",
                                "-alias",
                                ca,
                                "-keystore",
                                ca + ".p12",
                                "-storepass",
                                PASSWORD,
                                "-infile",
                                file + ".csr",
                                "-outfile",
                                file + ".crt",
                                "-rfc",
                                "-ext",
                                san));
        gencert.addAll(List.of(validity));
        keytool(gencert.toArray(String[]::new));
        keytool(
                "-importcert",
                "-alias",
                ca,
                "-file",
                ca + ".crt",
                "-keystore",
                store,
                "-storepass",
                PASSWORD,
                "-noprompt");
        keytool(
                "-importcert",
                "-alias",
                "server",
                "-file",
                file + ".crt",
                "-keystore",
                store,
                "-storepass",
                PASSWORD,
                "-noprompt");
        return dir.resolve(store);
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
