package dev.wsworld.host.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A component event as the host records it.
 *
 * @param sequence position in the host's event journal, from 1
 * @param tick world tick during which it happened
 * @param timeMs milliseconds since the host started
 * @param slot path of the slot holding the component
 * @param component id of the component
 * @param name event name
 * @param data event attributes
 */
public record HostEvent(
        long sequence,
        long tick,
        long timeMs,
        String slot,
        String component,
        String name,
        Map<String, Object> data) {

    /** One JSON Lines record: tick, timeMs, slot, event, then the event's attributes. */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tick", tick);
        fields.put("timeMs", timeMs);
        fields.put("slot", slot);
        fields.put("event", name);
        data.forEach(fields::putIfAbsent);
        return Json.object(fields);
    }

    public Object get(String key) {
        return data.get(key);
    }
}
