package dev.wsworld.host.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {
    @Test
    void readsAFlatObject() {
        PageRequest request =
                PageRequest.parse(
                        "{\"op\":\"command\",\"ref\":12,\"world\":null,\"words\":[\"send\",\"a\\u202eb\",\"text\",\"two\\n"
                            + "lines \\\"quoted\\\"\"],\"x\":true}");
        assertEquals("command", request.text("op"));
        assertEquals(12, request.number("ref", 0));
        assertEquals(
                List.of("send", "a\u202eb", "text", "two\nlines \"quoted\""),
                request.words("words"));
        assertEquals(java.util.Optional.empty(), request.optionalText("world"));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad :
                List.of(
                        "",
                        "[]",
                        "{\"a\":{}}",
                        "{\"a\":[1]}",
                        "{\"a\":1.5}",
                        "{\"a\":\"b\"} x",
                        "{\"a\":1,\"a\":2}",
                        "{\"a\":\"\u0001\"}",
                        "{\"a\":\"\\x\"}")) {
            assertThrows(IllegalArgumentException.class, () -> PageRequest.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> PageRequest.parse("{}").text("op"));
    }
}
