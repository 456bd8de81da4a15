package dev.wsworld.api.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDataTest {
    @Test
    void oneAttributeKeepsItsNameAndANullValue() {
        EventData data = EventData.of("data", null);
        assertEquals(1, data.size());
        assertTrue(data.containsKey("data"));
        assertNull(data.get("data"));
    }

    @Test
    void pairsKeepTheirOrderAndTheArrayGivenIsNotShared() {
        Object[] pairs = {"b", 2, "a", 1};
        EventData data = EventData.of(pairs);
        pairs[1] = 99;
        assertEquals(List.of("b", "a"), new ArrayList<>(data.keySet()));
        assertEquals(2, data.get("b"), "a later change to the caller's array does not show");
    }

    @Test
    void aRepeatedKeyOrAnOddCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventData.of("a", 1, "a", 2));
        assertThrows(IllegalArgumentException.class, () -> EventData.of((Object) "a"));
    }
}
