package dev.wsworld.host.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsworld.host.output.Json;
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
    void anEventLineSaysWhenWhereAndWhichComponentThenTheEvent() {
        HostEvent event =
                new HostEvent(
                        1, 120, 2003, "Castle", "bridge", "bridge#2", "text", Map.of("data", "hi"));
        assertEquals(
                "{\"tick\":120,\"timeMs\":2003,\"world\":\"Castle\",\"slot\":\"bridge\","
                        + "\"component\":\"bridge#2\",\"event\":\"text\",\"data\":\"hi\"}",
                event.toJson());
    }

    @Test
    void textThatCouldMoveOrTurnATerminalIsEscapedYetExact() {
        // ESC, a right-to-left override and a line separator: JSON keeps them, as \\u escapes
        assertEquals(
                "{\"data\":\"a\\u001b[2Jb\\u202ec\\u2028d\"}",
                Json.object(Map.of("data", "a\u001b[2Jb\u202ec\u2028d")));
    }
}
