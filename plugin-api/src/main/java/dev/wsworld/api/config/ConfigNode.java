package dev.wsworld.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed configuration document: maps, lists and scalars, each knowing where it stood in its
 * file. Hosts parse the files (YAML in host-support's {@code YamlConfigLoader}) and plugins read
 * the tree, so a plugin can report a mistake at its exact line and column without parsing anything
 * itself.
 */
public sealed interface ConfigNode
        permits ConfigNode.Mapping, ConfigNode.Sequence, ConfigNode.Scalar {
    /**
     * Where the node starts in its file.
     *
     * @return file, line and column
     */
    Location location();

    /**
     * What kind of node this is, for error messages.
     *
     * @return "a mapping", "a list" or "a value"
     */
    String kind();

    /**
     * A mapping.
     *
     * @param entries values by key, in file order
     * @param keyLocations where each key was written
     * @param location where the mapping starts
     */
    record Mapping(
            Map<String, ConfigNode> entries, Map<String, Location> keyLocations, Location location)
            implements ConfigNode {
        /**
         * Copies the entries, keeping their order.
         *
         * @param entries values by key
         * @param keyLocations where each key was written
         * @param location where the mapping starts
         */
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLocations = Map.copyOf(keyLocations);
        }

        /**
         * Where a key was written, for errors about the key itself.
         *
         * @param key the key
         * @return its location, or the mapping's when the key is absent
         */
        public Location keyLocation(String key) {
            return keyLocations.getOrDefault(key, location);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /**
     * A list.
     *
     * @param items the items, in file order
     * @param location where the list starts
     */
    record Sequence(List<ConfigNode> items, Location location) implements ConfigNode {
        /**
         * Copies the items.
         *
         * @param items the items
         * @param location where the list starts
         */
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
     *
     * @param text the text, or null
     * @param quoted whether it was quoted
     * @param location where it was written
     */
    record Scalar(String text, boolean quoted, Location location) implements ConfigNode {
        /**
         * Whether this is an explicit null.
         *
         * @return true when {@code text} is null
         */
        public boolean isNull() {
            return text == null;
        }

        @Override
        public String kind() {
            return "a value";
        }
    }
}
