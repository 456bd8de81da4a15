package dev.wsworld.websocket.config;

import java.nio.file.Path;

/**
 * {@code network.trustStore}: a private CA's trust store. Its password never shows: not in {@code
 * toString}, logs or errors.
 *
 * @param type PKCS12, JKS or PEM
 * @param mode whether the system's CAs are trusted too
 */
public record TrustStore(Path path, String type, String password, Mode mode) {
    /**
     * {@code replace} (the default): only the private CA; {@code add}: the system's CAs as well.
     */
    public enum Mode {
        REPLACE,
        ADD
    }

    @Override
    public String toString() {
        return "TrustStore[path="
                + path
                + ", type="
                + type
                + ", password="
                + (password == null ? "none" : "(hidden)")
                + ", mode="
                + mode
                + "]";
    }
}
