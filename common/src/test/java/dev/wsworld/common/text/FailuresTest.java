package dev.wsworld.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.Location;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.pf4j.PluginRuntimeException;

class FailuresTest {
    @Test
    void aConfigurationMistakeIsSaidAsItIsWhereverItSits() {
        ConfigException mistake =
                new ConfigException(new Location("w.yaml", 2, 3), "defaults.x", "unknown key");
        assertEquals(
                mistake.getMessage(),
                Failures.describe(
                        new PluginRuntimeException(new IllegalStateException(mistake), "start")));
    }

    @Test
    void wrappersAreLookedThroughAndTheTypeIsGivenWhereItSaysSomething() {
        assertEquals(
                "ConnectException: Connection refused",
                Failures.describe(
                        new CompletionException(new ConnectException("Connection refused"))));
        assertEquals(
                "cannot start the network client: x",
                Failures.describe(
                        new PluginRuntimeException(
                                new IllegalArgumentException("x"),
                                "cannot start the network client: x")));
        assertEquals(
                "ConnectException",
                Failures.describe(new RuntimeException(new ConnectException())));
        assertEquals("unknown reason", Failures.describe(null));
    }
}
