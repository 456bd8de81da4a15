package dev.wsworld.hostsupport.yaml;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.config.Location;
import dev.wsworld.hostsupport.world.SimpleWorld;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The host's one YAML front door: world files, plugin configuration and persisted decisions all
 * come through here. Documents are only composed into nodes, never constructed into objects, so no
 * type can be instantiated from a file; duplicate keys, custom tags, deep nesting, many aliases and
 * alias expansion beyond a fixed size (billion laughs) are refused with the file, line and column.
 */
public final class YamlConfigLoader implements ConfigLoader {
    /** Largest YAML file (world, configuration, consent decisions), checked before it is parsed. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /**
     * Most nodes a document may expand to, aliases included. Without aliases every node takes two
     * bytes of the file at least ({@code a,} or {@code -} and a line break), so any file under
     * {@link #MAX_FILE_BYTES} fits; only alias expansion (a billion laughs) can pass it.
     */
    public static final int MAX_NODES = MAX_FILE_BYTES / 2;

    /** Largest document, in code points: no more than its bytes. */
    public static final int MAX_CODE_POINTS = MAX_FILE_BYTES;

    /** Deepest nesting of mappings and lists: a world's slots at their deepest, and a margin. */
    public static final int MAX_NESTING = 2 * SimpleWorld.MAX_SLOT_DEPTH + 16;

    /** Aliases a document may use: worlds have no need for many. */
    public static final int MAX_ALIASES = 50;

    private static final Set<Tag> PLAIN_TAGS =
            Set.of(
                    Tag.STR,
                    Tag.INT,
                    Tag.FLOAT,
                    Tag.BOOL,
                    Tag.NULL,
                    Tag.MAP,
                    Tag.SEQ,
                    Tag.TIMESTAMP);

    @Override
    public ConfigNode parse(String sourceName, Reader reader) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        Yaml yaml =
                new Yaml(
                        new SafeConstructor(options),
                        new Representer(new DumperOptions()),
                        new DumperOptions(),
                        options);
        Node node;
        try {
            node = yaml.compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw new ConfigException(
                    location(sourceName, mark), "", "invalid YAML: " + problem + context);
        } catch (YAMLException e) {
            throw new ConfigException(
                    new Location(sourceName, 1, 1), "", "invalid YAML: " + e.getMessage());
        }
        if (node == null) {
            return new ConfigNode.Mapping(Map.of(), Map.of(), new Location(sourceName, 1, 1));
        }
        return new Converter(sourceName).convert(node, "");
    }

    /** Reads a file, refusing it before parsing when it is over {@link #MAX_FILE_BYTES}. */
    @Override
    public Optional<ConfigNode> load(Path file) throws ConfigException {
        checkSize(file, MAX_FILE_BYTES, "YAML files");
        Optional<String> text = Utf8.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(file.toString(), new StringReader(text.get())));
    }

    /**
     * Refuses a file over {@code limit} bytes, naming it, its size and the limit; a missing file
     * passes (the caller decides what that means).
     *
     * @param file the file
     * @param limit the largest size allowed, in bytes
     * @param kind what the file is, for the message ("world file")
     * @throws ConfigException when the file is larger, or cannot be read
     */
    public static void checkSize(Path file, long limit, String kind) throws ConfigException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new ConfigException(
                    new Location(file.toString(), 1, 1), "", "cannot read: " + e.getMessage());
        }
        if (size > limit) {
            throw new ConfigException(
                    new Location(file.toString(), 1, 1),
                    "",
                    "file is "
                            + size
                            + " bytes, over the "
                            + limit
                            + "-byte limit for "
                            + kind
                            + "; refused without reading it");
        }
    }

    private static Location location(String source, Mark mark) {
        return mark == null
                ? new Location(source, 1, 1)
                : new Location(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Turns composed nodes into {@link ConfigNode}s, counting every node an alias expands to. */
    private static final class Converter {
        private final String source;
        private int nodes;

        Converter(String source) {
            this.source = source;
        }

        ConfigNode convert(Node node, String path) throws ConfigException {
            Location at = location(source, node.getStartMark());
            if (++nodes > MAX_NODES) {
                throw new ConfigException(
                        at,
                        path,
                        "document expands to more than "
                                + MAX_NODES
                                + " nodes with its aliases, more than a file within the "
                                + MAX_FILE_BYTES
                                + "-byte limit holds without them; refused");
            }
            if (!PLAIN_TAGS.contains(node.getTag())) {
                throw new ConfigException(
                        at,
                        path,
                        "tag '"
                                + node.getTag().getValue()
                                + "' is not allowed; "
                                + "write plain values");
            }
            if (node instanceof ScalarNode scalar) {
                boolean quoted = scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN;
                String text = scalar.getValue();
                boolean isNull =
                        !quoted
                                && (text.isEmpty()
                                        || text.equals("~")
                                        || text.equalsIgnoreCase("null"));
                return new ConfigNode.Scalar(isNull ? null : text, quoted, at);
            }
            if (node instanceof SequenceNode sequence) {
                List<ConfigNode> items = new ArrayList<>();
                int i = 0;
                for (Node item : sequence.getValue()) {
                    items.add(convert(item, path + "[" + i++ + "]"));
                }
                return new ConfigNode.Sequence(items, at);
            }
            MappingNode mapping = (MappingNode) node;
            Map<String, ConfigNode> entries = new LinkedHashMap<>();
            Map<String, Location> keys = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                Location keyAt = location(source, keyNode.getStartMark());
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    throw new ConfigException(keyAt, path, "keys must be plain names");
                }
                String key = keyScalar.getValue();
                if (key.equals("<<")) {
                    throw new ConfigException(
                            keyAt, path, "merge keys (<<) are not supported; write the keys out");
                }
                String childPath = path.isEmpty() ? key : path + "." + key;
                if (entries.containsKey(key)) {
                    throw new ConfigException(
                            keyAt,
                            childPath,
                            "duplicate key (first at line " + keys.get(key).line() + ")");
                }
                keys.put(key, keyAt);
                entries.put(key, convert(tuple.getValueNode(), childPath));
            }
            return new ConfigNode.Mapping(entries, keys, at);
        }
    }
}
