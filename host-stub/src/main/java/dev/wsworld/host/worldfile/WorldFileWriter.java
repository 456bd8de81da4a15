package dev.wsworld.host.worldfile;

import dev.wsworld.api.world.Field;
import dev.wsworld.api.world.StandardFields;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleUser;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Writes a world in the world-file format: users with their roles, slots, and persistent components
 * with their persistent fields (live state such as IsConnected, State or _userId is not saved).
 * Update thread only.
 */
public final class WorldFileWriter {
    private WorldFileWriter() {}

    public static String write(SimpleWorld world) {
        world.updateThread().checkCurrent("saving the world");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("world", Map.of("name", world.name()));
        List<Object> users = new ArrayList<>();
        for (SimpleUser user : world.users()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", user.id());
            entry.put("name", user.name());
            entry.put("machineId", user.machineId());
            entry.put("host", user.isHost());
            entry.put("local", user.isLocal());
            entry.put("present", user.isPresent());
            users.add(entry);
        }
        document.put("users", users);
        List<Object> slots = new ArrayList<>();
        for (SimpleSlot slot : world.root().childSlots()) {
            slots.add(slot(slot));
        }
        document.put("slots", slots);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        return "# World saved by the wsworld host stub\n"
                + YamlWriter.create(options).dump(document);
    }

    private static Map<String, Object> slot(SimpleSlot slot) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", slot.name());
        if (slot.spawnedBy() != null) {
            entry.put("spawnedBy", slot.spawnedBy().id());
        }
        if (slot.wornBy() != null) {
            entry.put("wornBy", slot.wornBy().id());
        }
        if (slot.grabbedBy() != null) {
            entry.put("grabbedBy", slot.grabbedBy().id());
        }
        List<Object> components = new ArrayList<>();
        for (SimpleComponent component : slot.simpleComponents()) {
            if (!Boolean.TRUE.equals(component.field(StandardFields.PERSISTENT).get())) {
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Field<?> field : component.fields()) {
                if (field.spec().persistent() && !field.spec().readOnly()) {
                    fields.put(field.name(), plain(field));
                }
            }
            Map<String, Object> saved = new LinkedHashMap<>();
            saved.put("type", component.typeName());
            saved.put("fields", fields);
            components.add(saved);
        }
        if (!components.isEmpty()) {
            entry.put("components", components);
        }
        List<Object> children = new ArrayList<>();
        for (SimpleSlot child : slot.childSlots()) {
            children.add(slot(child));
        }
        if (!children.isEmpty()) {
            entry.put("children", children);
        }
        return entry;
    }

    /** A value YAML can hold and the reader parses back to the same field value. */
    private static Object plain(Field<?> field) {
        Object value = field.get();
        if (value == null
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Float) {
            return value;
        }
        return value.toString();
    }
}
