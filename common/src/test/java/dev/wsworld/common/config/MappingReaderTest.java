package dev.wsworld.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.config.Location;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappingReaderTest {
    private static MappingReader reader(Object... keyValues) throws ConfigException {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            entries.put(
                    key,
                    new ConfigNode.Scalar(
                            (String) keyValues[i + 1], false, new Location("f.yaml", i + 1, 10)));
            keys.put(key, new Location("f.yaml", i + 1, 3));
        }
        return MappingReader.of(
                new ConfigNode.Mapping(entries, keys, new Location("f.yaml", 1, 1)), "defaults");
    }

    @Test
    void durationsTakePlainSecondsAndUnits() throws Exception {
        MappingReader r =
                reader("a", "2", "b", "500ms", "c", "1.5s", "d", "1m", "e", "1h", "f", "off");
        assertEquals(Duration.ofSeconds(2), r.duration("a", null, false));
        assertEquals(Duration.ofMillis(500), r.duration("b", null, false));
        assertEquals(Duration.ofMillis(1500), r.duration("c", null, false));
        assertEquals(Duration.ofMinutes(1), r.duration("d", null, false));
        assertEquals(Duration.ofHours(1), r.duration("e", null, false));
        assertEquals(Duration.ZERO, r.duration("f", null, true));
        assertEquals(Duration.ofSeconds(9), r.duration("missing", Duration.ofSeconds(9), false));
        ConfigException off =
                assertThrows(ConfigException.class, () -> r.duration("f", null, false));
        assertEquals(
                "f.yaml:11:10: defaults.f: expected a duration like 500ms, 2s, 1m or plain seconds"
                        + " but found 'off'",
                off.getMessage());
    }

    @Test
    void sizesTakeBinaryUnits() throws Exception {
        MappingReader r = reader("a", "65536", "b", "64KiB", "c", "1MiB", "d", "2GB", "e", "0");
        assertEquals(65536, r.size("a", 0));
        assertEquals(65536, r.size("b", 0));
        assertEquals(1 << 20, r.size("c", 0));
        assertEquals(2L << 30, r.size("d", 0));
        assertEquals(
                "f.yaml:9:10: defaults.e: must be greater than zero but is '0'",
                assertThrows(ConfigException.class, () -> r.size("e", 0)).getMessage());
    }

    @Test
    void unknownKeysAreRefusedWithTheNearestKnownOne() throws Exception {
        MappingReader r = reader("idleTimout", "5s");
        r.duration("idleTimeout", Duration.ZERO, false);
        r.duration("connectTimeout", Duration.ZERO, false);
        assertEquals(
                "f.yaml:1:3: defaults.idleTimout: unknown key (did you mean 'idleTimeout'?); "
                        + "known keys: idleTimeout, connectTimeout",
                assertThrows(ConfigException.class, r::rejectUnknownKeys).getMessage());
    }

    @Test
    void farOffTyposGetNoSuggestion() {
        assertEquals(Optional.empty(), Suggestions.nearest("zzzzzz", List.of("idleTimeout")));
    }
}
