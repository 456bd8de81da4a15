package dev.wsworld.host.worldfile;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.common.config.MappingReader;
import dev.wsworld.common.config.Suggestions;
import dev.wsworld.hostsupport.world.FieldValues;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleUser;
import dev.wsworld.hostsupport.world.SimpleWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a world from a world file (see "The world file" in docs/host-stub.md). Runs on the update
 * thread, because it adds to the world. Every mistake is a {@link ConfigException} naming
 * file:line:column.
 */
public final class WorldFileReader {
    private final Path pluginsDirectory;

    /**
     * @param pluginsDirectory named in the error for a component type no plugin provides
     */
    public WorldFileReader(Path pluginsDirectory) {
        this.pluginsDirectory = pluginsDirectory;
    }

    /** The world's name as the file gives it, or {@code World}. */
    public static String worldName(ConfigNode root) throws ConfigException {
        MappingReader top = MappingReader.of(root, "");
        return top.mapping("world").string("name", "World");
    }

    /** Adds the file's users and slots to {@code world}. */
    public void populate(ConfigNode root, SimpleWorld world) throws ConfigException {
        MappingReader top = MappingReader.of(root, "");
        MappingReader header = top.mapping("world");
        header.string("name");
        header.rejectUnknownKeys();
        for (ConfigNode node : top.items("users")) {
            readUser(node, world);
        }
        int index = 0;
        for (ConfigNode node : top.items("slots")) {
            readSlot(node, "slots[" + index++ + "]", null, world);
        }
        top.rejectUnknownKeys();
    }

    private void readUser(ConfigNode node, SimpleWorld world) throws ConfigException {
        MappingReader user = MappingReader.of(node, "users[]");
        String id =
                user.string("id")
                        .orElseThrow(
                                () ->
                                        new ConfigException(
                                                node.location(),
                                                "users[].id",
                                                "every user needs an id"));
        if (world.user(id).isPresent()) {
            throw new ConfigException(
                    node.location(), "users[].id", "user '" + id + "' is listed twice");
        }
        Optional<ConfigNode> consent = user.node("consent");
        if (consent.isPresent()) {
            // a world is untrusted: it must never answer the one question that is the user's
            throw user.error(
                    "consent",
                    consent.get(),
                    "a world file cannot answer consent prompts for its users; answers decided in"
                            + " advance belong to the host: --consent "
                            + id
                            + "=allow|deny|ignore|ask on the host stub's command line");
        }
        world.addUser(
                id,
                user.string("name", id),
                user.string("machineId", "machine-" + id),
                user.bool("local", false),
                user.bool("present", true),
                user.bool("host", false));
        user.rejectUnknownKeys();
    }

    private void readSlot(ConfigNode node, String path, SimpleSlot parent, SimpleWorld world)
            throws ConfigException {
        MappingReader slot = MappingReader.of(node, path);
        String name =
                slot.string("name")
                        .orElseThrow(
                                () ->
                                        new ConfigException(
                                                node.location(),
                                                path + ".name",
                                                "every slot needs a name"));
        SimpleSlot created;
        try {
            created = world.addSlot(parent, name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    slot.node("name").orElseThrow().location(), path + ".name", e.getMessage());
        }
        Optional<SimpleUser> spawnedBy = userRef(slot, "spawnedBy", world);
        Optional<SimpleUser> wornBy = userRef(slot, "wornBy", world);
        Optional<SimpleUser> grabbedBy = userRef(slot, "grabbedBy", world);
        spawnedBy.ifPresent(u -> world.setSpawnedBy(created, u));
        wornBy.ifPresent(u -> world.setWornBy(created, u));
        grabbedBy.ifPresent(u -> world.setGrabbedBy(created, u));
        int index = 0;
        for (ConfigNode component : slot.items("components")) {
            readComponent(
                    component, slot.child("components") + "[" + index++ + "]", created, world);
        }
        index = 0;
        for (ConfigNode child : slot.items("children")) {
            readSlot(child, slot.child("children") + "[" + index++ + "]", created, world);
        }
        slot.rejectUnknownKeys();
    }

    private Optional<SimpleUser> userRef(MappingReader slot, String key, SimpleWorld world)
            throws ConfigException {
        Optional<String> id = slot.string(key);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<SimpleUser> user = world.user(id.get());
        if (user.isEmpty()) {
            List<String> known = world.users().stream().map(SimpleUser::id).toList();
            throw slot.error(
                    key,
                    slot.node(key).orElseThrow(),
                    "no user '"
                            + id.get()
                            + "' in users"
                            + Suggestions.didYouMean(id.get(), known));
        }
        return user;
    }

    private void readComponent(ConfigNode node, String path, SimpleSlot slot, SimpleWorld world)
            throws ConfigException {
        MappingReader component = MappingReader.of(node, path);
        String typeName =
                component
                        .string("type")
                        .orElseThrow(
                                () ->
                                        new ConfigException(
                                                node.location(),
                                                path + ".type",
                                                "every component needs a type"));
        Optional<ComponentType> type = world.componentTypes().find(typeName);
        if (type.isEmpty()) {
            throw component.error(
                    "type",
                    component.node("type").orElseThrow(),
                    "unknown component type '"
                            + typeName
                            + "': no running plugin in "
                            + pluginsDirectory
                            + " provides it"
                            + (world.componentTypes().names().isEmpty()
                                    ? " (no plugin is running)"
                                    : " (known types: "
                                            + String.join(", ", world.componentTypes().names())
                                            + ")"));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        MappingReader fields = component.mapping("fields");
        for (String fieldName : new ArrayList<>(fields.keys())) {
            FieldSpec<?> spec;
            try {
                spec = FieldValues.writableSpec(type.get(), fieldName);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        fields.keyLocation(fieldName), fields.child(fieldName), e.getMessage());
            }
            ConfigNode value = fields.node(fieldName).orElseThrow();
            if (!(value instanceof ConfigNode.Scalar scalar)) {
                throw new ConfigException(
                        value.location(),
                        fields.child(fieldName),
                        "expected a " + spec.type() + " value but found " + value.kind());
            }
            try {
                values.put(fieldName, FieldValues.parse(spec, scalar.text()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        value.location(), fields.child(fieldName), e.getMessage());
            }
        }
        component.rejectUnknownKeys();
        world.addComponent(slot, typeName, values);
    }
}
