package dev.wsworld.websocket.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Reads a private CA's trust store into the key store TLS uses: PKCS12 or JKS as they are, or a PEM
 * file of one or more certificates (what curl's {@code --cacert}, Node's {@code ca} and Python's
 * {@code cafile} take). With {@link TrustStore.Mode#ADD} the system's CAs are trusted too.
 */
public final class TrustStores {
    private TrustStores() {}

    /** PEM when the file starts like one, else PKCS12. */
    static String inferType(byte[] content) {
        String start =
                new String(content, 0, Math.min(content.length, 64), StandardCharsets.US_ASCII)
                        .stripLeading();
        return start.startsWith("-----BEGIN") ? "PEM" : "PKCS12";
    }

    /**
     * Loads a trust store as configured.
     *
     * @throws GeneralSecurityException or {@link IOException} saying why the store cannot be used
     *     (a wrong password, no certificate, not a store)
     */
    public static KeyStore load(TrustStore store) throws IOException, GeneralSecurityException {
        KeyStore keys;
        if (store.type().toUpperCase(Locale.ROOT).equals("PEM")) {
            keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(store.path())) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                keys.setCertificateEntry("ca-" + i++, certificate);
            }
        } else {
            keys = KeyStore.getInstance(store.type());
            try (InputStream in = Files.newInputStream(store.path())) {
                keys.load(in, store.password() == null ? null : store.password().toCharArray());
            }
        }
        if (keys.size() == 0) {
            throw new KeyStoreException("it holds no certificate");
        }
        if (store.mode() == TrustStore.Mode.ADD) {
            int i = 0;
            for (X509Certificate system : systemAuthorities()) {
                keys.setCertificateEntry("system-" + i++, system);
            }
        }
        return keys;
    }

    /** The CAs the JVM trusts by default. */
    private static X509Certificate[] systemAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
