package dev.wsworld.containers.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;

/** A PKCS12 key store's first key entry as the PEM files a non-Java server reads. */
public final class PemFiles {
    public final Path certificateChain;
    public final Path privateKey;

    private PemFiles(Path certificateChain, Path privateKey) {
        this.certificateChain = certificateChain;
        this.privateKey = privateKey;
    }

    public static PemFiles of(Path keyStore, String password, Path directory, String name)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        String alias =
                Collections.list(store.aliases()).stream()
                        .filter(a -> isKey(store, a))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                keyStore + " holds no private key"));
        Key key = store.getKey(alias, password.toCharArray());
        StringBuilder chain = new StringBuilder();
        for (Certificate certificate : store.getCertificateChain(alias)) {
            chain.append(pem("CERTIFICATE", certificate.getEncoded()));
        }
        Files.createDirectories(directory);
        Path certificateFile = Files.writeString(directory.resolve(name + ".crt"), chain);
        // PKCS#8, which Go's crypto/tls reads for EC and RSA keys alike
        Path keyFile =
                Files.writeString(
                        directory.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded()));
        return new PemFiles(certificateFile, keyFile);
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END "
                + type
                + "-----\n";
    }
}
