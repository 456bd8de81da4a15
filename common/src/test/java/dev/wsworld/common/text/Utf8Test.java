package dev.wsworld.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void countsWhatGetBytesWouldGive() {
        for (String text : List.of("", "abc", "héllo", "€", "😀 x", "a\ud800b", "\udc00")) {
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8.length(text), text);
        }
    }
}
