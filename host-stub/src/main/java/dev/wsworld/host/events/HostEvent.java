package dev.wsworld.host.events;

import dev.wsworld.host.output.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A component event as the host records it.
 *
 * @param sequence position in its world's event journal, from 1
 * @param tick world tick during which it happened
 * @param timeMs milliseconds since the host started
 * @param world the name of the world it happened in
 * @param slot path of the slot holding the component
 * @param component id of the component, {@code SLOT#N}: which of a slot's components spoke
 * @param name event name
 * @param data event attributes
 */
public record HostEvent(
        long sequence,
        long tick,
        long timeMs,
        String world,
        String slot,
        String component,
        String name,
        Map<String, Object> data) {

    /**
     * One JSON Lines record: tick, timeMs, world, slot, component, event, then the event's
     * attributes, each exactly as it was (JSON-escaped).
     */
    public String toJson() {
        return Json.object(fields());
    }

    /** The fields of its JSON line, in order. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tick", tick);
        fields.put("timeMs", timeMs);
        fields.put("world", world);
        fields.put("slot", slot);
        fields.put("component", component);
        fields.put("event", name);
        data.forEach(fields::putIfAbsent);
        return fields;
    }

    public Object get(String key) {
        return data.get(key);
    }
}
