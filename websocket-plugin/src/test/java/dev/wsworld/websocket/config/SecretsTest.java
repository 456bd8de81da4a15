package dev.wsworld.websocket.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.config.Location;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A password from the configuration never shows in a toString, which is what logs and errors print.
 */
class SecretsTest {
    @Test
    void aTrustStorePasswordNeverShows() {
        TrustStore store =
                new TrustStore(
                        Path.of("ca.p12"), "PKCS12", "hunter2-secret", TrustStore.Mode.REPLACE);
        NetworkSettings network =
                new NetworkSettings(
                        true,
                        Map.of(),
                        8,
                        1,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        Optional.of(store),
                        Optional.empty());
        for (String shown : new String[] {store.toString(), network.toString()}) {
            assertFalse(shown.contains("hunter2-secret"), shown);
            assertTrue(shown.contains("ca.p12") && shown.contains("(hidden)"), shown);
        }
    }

    @Test
    void aCredentialsValueNeverShowsInTheSettingsToString() throws Exception {
        Location at = new Location("websocket-client.yaml", 1, 1);
        ConfigNode credential =
                new ConfigNode.Mapping(
                        Map.of(
                                "destination",
                                new ConfigNode.Scalar("wss://api.example.com", true, at),
                                "headers",
                                new ConfigNode.Mapping(
                                        Map.of(
                                                "Authorization",
                                                new ConfigNode.Scalar(
                                                        "Bearer ${env:API_TOKEN}", true, at)),
                                        Map.of(),
                                        at)),
                        Map.of(),
                        at);
        ConfigNode root =
                new ConfigNode.Mapping(
                        Map.of("credentials", new ConfigNode.Sequence(List.of(credential), at)),
                        Map.of(),
                        at);
        WebsocketSettings settings =
                SettingsLoader.read(root, Path.of("."), Map.of("API_TOKEN", "t0ken-s3cret")::get);
        assertEquals(
                List.of(
                        new dev.wsworld.websocket.headers.Header(
                                "Authorization", "Bearer t0ken-s3cret")),
                settings.credentials().entries().get(0).headers(),
                "read, with the variable's value");
        String shown = settings.toString();
        assertFalse(shown.contains("t0ken-s3cret"), shown);
        assertTrue(
                shown.contains("wss://api.example.com") && shown.contains("Authorization"), shown);
    }
}
