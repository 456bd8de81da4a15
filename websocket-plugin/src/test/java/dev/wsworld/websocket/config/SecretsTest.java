package dev.wsworld.websocket.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A password from the configuration never shows in a toString, which is what logs and errors print.
 */
class SecretsTest {
    @Test
    void aTrustStorePasswordNeverShows() {
        NetworkSettings.TrustStore store =
                new NetworkSettings.TrustStore(
                        Path.of("ca.p12"),
                        "PKCS12",
                        "hunter2-secret",
                        NetworkSettings.TrustStore.Mode.REPLACE);
        NetworkSettings network =
                new NetworkSettings(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1024,
                        8,
                        1,
                        Duration.ofSeconds(1),
                        Optional.of(store),
                        Map.of(),
                        Duration.ofSeconds(60),
                        Optional.empty());
        for (String shown : new String[] {store.toString(), network.toString()}) {
            assertFalse(shown.contains("hunter2-secret"), shown);
            assertTrue(shown.contains("ca.p12") && shown.contains("(hidden)"), shown);
        }
    }
}
