package dev.wsworld.host.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesPlainValuesAndEscapesText() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("s", "a\"b\\c\nd\u0001\u2028");
        fields.put("i", 42);
        fields.put("l", 1L << 40);
        fields.put("f", 2.5f);
        fields.put("whole", 3.0);
        fields.put("b", true);
        fields.put("n", null);
        fields.put("list", List.of(1, "x"));
        assertEquals(
                "{\"s\":\"a\\\"b\\\\c\\n"
                        + "d\\u0001\\u2028\",\"i\":42,\"l\":1099511627776,\"f\":2.5,\"whole\":3,"
                        + "\"b\":true,\"n\":null,\"list\":[1,\"x\"]}",
                Json.object(fields));
    }

    @Test
    void anEventLineStartsWithTickTimeSlotAndEvent() {
        HostEvent event =
                new HostEvent(
                        1,
                        120,
                        2003,
                        "bridge",
                        "bridge/WebsocketClient#1",
                        "text",
                        Map.of("data", "hi"));
        assertEquals(
                "{\"tick\":120,\"timeMs\":2003,\"slot\":\"bridge\",\"event\":\"text\",\"data\":\"hi\"}",
                event.toJson());
    }
}
