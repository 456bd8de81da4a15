package dev.wsworld.host.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority made with the JDK's keytool: a server certificate for
 * localhost/127.0.0.1, one for another host name, and a trust store holding only the CA.
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

    public TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        Files.createDirectories(dir);
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=wsworld test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-rfc", "-file", "ca.crt");
        keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-keystore", "trust.p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-noprompt");
        localhostKeyStore = server("localhost", "SAN=dns:localhost,ip:127.0.0.1");
        wrongHostKeyStore = server("wrong.example", "SAN=dns:wrong.example");
        chatTestKeyStore = server("chat.test", "SAN=dns:chat.test");
        caPem = dir.resolve("ca.crt");
        trustStore = dir.resolve("trust.p12");
    }

    private Path server(String name, String san) throws Exception {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "server", "-keystore", store, "-storepass", PASSWORD, "-file", name + ".csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-infile", name + ".csr",
                "-outfile", name + ".crt", "-rfc", "-validity", "2", "-ext", san);
        keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-keystore", store, "-storepass", PASSWORD, "-noprompt");
        keytool("-importcert", "-alias", "server", "-file", name + ".crt", "-keystore", store, "-storepass", PASSWORD, "-noprompt");
        return dir.resolve(store);
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
