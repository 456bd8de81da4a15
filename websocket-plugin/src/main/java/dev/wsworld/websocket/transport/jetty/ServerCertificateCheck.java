package dev.wsworld.websocket.transport.jetty;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager, unchanged in what it accepts (chain, validity, and the host name, which
 * Jetty asks it to verify), but a refusal keeps the server's certificate so that {@link
 * TlsFailures} can say in plain words what was wrong with it.
 */
final class ServerCertificateCheck extends X509ExtendedTrustManager {
    /** A refusal, with the certificate chain the server presented. */
    static final class RefusedCertificateException extends CertificateException {
        private static final long serialVersionUID = 1L;
        private final transient X509Certificate[] chain;

        RefusedCertificateException(CertificateException refusal, X509Certificate[] chain) {
            super(refusal.getMessage(), refusal);
            this.chain = chain.clone();
        }

        X509Certificate[] chain() {
            return chain.clone();
        }
    }

    private final X509ExtendedTrustManager jdk;

    private ServerCertificateCheck(X509ExtendedTrustManager jdk) {
        this.jdk = jdk;
    }

    /**
     * A TLS context that trusts {@code trusted} (null: the JDK's CAs) through this check. It is
     * made here rather than by Jetty because Jetty builds no trust managers of its own when no
     * trust store is set.
     */
    static SSLContext context(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        TrustManager[] managers = factory.getTrustManagers();
        for (int i = 0; i < managers.length; i++) {
            if (managers[i] instanceof X509ExtendedTrustManager jdk) {
                managers[i] = new ServerCertificateCheck(jdk);
            }
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, managers, null);
        return context;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        keepingTheChain(chain, () -> jdk.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        keepingTheChain(chain, () -> jdk.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
        keepingTheChain(chain, () -> jdk.checkServerTrusted(chain, authType));
    }

    private interface Check {
        void run() throws CertificateException;
    }

    private static void keepingTheChain(X509Certificate[] chain, Check check)
            throws CertificateException {
        try {
            check.run();
        } catch (CertificateException refusal) {
            throw new RefusedCertificateException(refusal, chain);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jdk.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jdk.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
        jdk.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jdk.getAcceptedIssuers();
    }
}
