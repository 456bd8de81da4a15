package dev.wsworld.websocket.transport.jetty;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS failures in words a world builder can act on: which host, and whether its certificate is
 * untrusted, out of date or for other names, or the handshake itself failed. The JDK's own text
 * (PKIX path building failed: sun.security…) goes to the debug log only.
 */
final class TlsFailures {
    private static final Logger LOG = LoggerFactory.getLogger(TlsFailures.class);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int NAMES_SHOWN = 3;

    /** A certificate's names are the server's text: bounded like a host name. */
    private static final int NAME_LENGTH = 253;

    private static final Pattern COMMON_NAME = Pattern.compile("(?:^|,)\\s*CN=([^,]*)");
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private TlsFailures() {}

    /** The plain-word reason when {@code failure} is a TLS failure, else empty. */
    static Optional<String> describe(Throwable failure, String host) {
        SSLException tls = null;
        ServerCertificateCheck.RefusedCertificateException refused = null;
        boolean pathProblem = false;
        StringBuilder jdk = new StringBuilder();
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                tls = tls == null ? ssl : tls;
                jdk.append(ssl.getMessage()).append('\n');
            } else if (t instanceof ServerCertificateCheck.RefusedCertificateException r) {
                refused = r;
            } else if (t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException) {
                pathProblem = true;
            }
        }
        if (tls == null && refused == null) {
            return Optional.empty();
        }
        LOG.debug("TLS with {} failed: {}", host, jdk, failure);
        if (refused != null) {
            return Optional.of(certificate(refused.chain(), pathProblem, host));
        }
        if (jdk.indexOf("nrecognized SSL message")
                >= 0) { // "Unsupported or unrecognized…", "Unrecognized…, plaintext connection?"
            return Optional.of(host + " did not answer in TLS (is it a ws:// server?)");
        }
        if (Stream.of(
                        "handshake_failure",
                        "protocol_version",
                        "No appropriate protocol",
                        "no cipher suites in common")
                .anyMatch(alert -> jdk.indexOf(alert) >= 0)) {
            return Optional.of(
                    "TLS handshake with " + host + " failed: no TLS version or cipher in common");
        }
        return Optional.of(
                "TLS handshake with "
                        + host
                        + " failed ("
                        + tls.getClass().getSimpleName()
                        + "; the debug log has the details)");
    }

    /**
     * Why a presented chain was refused. The JDK checks the chain (trust and dates) before the
     * names, so a refusal without a path problem is a name mismatch.
     */
    private static String certificate(X509Certificate[] chain, boolean pathProblem, String host) {
        if (chain.length == 0) {
            return "the server " + host + " presented no certificate";
        }
        X509Certificate leaf = chain[0];
        Instant now = Instant.now();
        for (X509Certificate certificate : chain) {
            String whose =
                    certificate.equals(leaf)
                            ? "the certificate of " + host
                            : "the certificate of " + host + "'s CA " + commonName(certificate);
            if (certificate.getNotAfter().toInstant().isBefore(now)) {
                return whose + " expired on " + DATE.format(certificate.getNotAfter().toInstant());
            }
            if (certificate.getNotBefore().toInstant().isAfter(now)) {
                return whose
                        + " is not valid until "
                        + DATE.format(certificate.getNotBefore().toInstant());
            }
        }
        if (pathProblem) {
            boolean selfSigned =
                    chain.length == 1
                            && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
            return selfSigned
                    ? "the certificate of "
                            + host
                            + " is self-signed, so not trusted (a private CA goes in"
                            + " network.trustStore)"
                    : "the certificate of "
                            + host
                            + " is not trusted: its issuer "
                            + commonName(chain[chain.length - 1].getIssuerX500Principal().getName())
                            + " is not a trusted CA (a private CA goes in network.trustStore)";
        }
        return "the certificate of " + host + " is for other names: " + names(leaf);
    }

    private static String names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    Object type = entry.get(0);
                    if (type instanceof Integer kind && (kind == DNS_NAME || kind == IP_ADDRESS)) {
                        names.add(bounded(String.valueOf(entry.get(1))));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            LOG.debug("unreadable subject alternative names", e);
        }
        if (names.isEmpty()) {
            names.add(commonName(certificate));
        }
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
        return names.size() > NAMES_SHOWN
                ? shown + " and " + (names.size() - NAMES_SHOWN) + " more"
                : shown;
    }

    private static String commonName(X509Certificate certificate) {
        return commonName(certificate.getSubjectX500Principal().getName());
    }

    private static String commonName(String distinguishedName) {
        Matcher cn = COMMON_NAME.matcher(distinguishedName);
        return bounded(cn.find() ? "\"" + cn.group(1) + "\"" : "\"" + distinguishedName + "\"");
    }

    private static String bounded(String text) {
        return text.length() <= NAME_LENGTH ? text : text.substring(0, NAME_LENGTH) + "…";
    }
}
