package dev.wsworld.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed configuration document: maps, lists and scalars, each knowing where it stood in its
 * file. Hosts parse the files (YAML in the host stub) and plugins read the tree, so a plugin can
 * report a mistake at its exact line and column without parsing anything itself.
 */
public sealed interface ConfigNode permits ConfigNode.Mapping, ConfigNode.Sequence, ConfigNode.Scalar {
    Location location();

    /** What kind of node this is, for error messages: "a mapping", "a list", "a value". */
    String kind();

    /** Entries in file order; {@code keyLocations} says where each key was written. */
    record Mapping(Map<String, ConfigNode> entries, Map<String, Location> keyLocations, Location location)
            implements ConfigNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLocations = Map.copyOf(keyLocations);
        }

        public Location keyLocation(String key) {
            return keyLocations.getOrDefault(key, location);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Sequence(List<ConfigNode> items, Location location) implements ConfigNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar value as written. {@code text} is {@code null} for an explicit null ({@code ~},
     * {@code null} or nothing). {@code quoted} tells whether the text was quoted in the file, so
     * that {@code "2"} can be told from {@code 2} where the difference matters.
     */
    record Scalar(String text, boolean quoted, Location location) implements ConfigNode {
        public boolean isNull() {
            return text == null;
        }

        @Override
        public String kind() {
            return "a value";
        }
    }
}
