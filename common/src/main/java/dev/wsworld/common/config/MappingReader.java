package dev.wsworld.common.config;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.config.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one YAML mapping key by key, with errors that name file:line:column and the key path. Every
 * key read is remembered, so {@link #rejectUnknownKeys()} can refuse typos with a suggestion
 * instead of silently ignoring them.
 */
public final class MappingReader {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB)?");

    private final ConfigNode.Mapping mapping;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    private MappingReader(ConfigNode.Mapping mapping, String path) {
        this.mapping = mapping;
        this.path = path;
    }

    /**
     * Reads {@code node} as a mapping; an explicit null reads as an empty one.
     *
     * @param node the node
     * @param path its dotted key path ("" for the root)
     * @return a reader of its keys
     * @throws ConfigException when the node is no mapping
     */
    public static MappingReader of(ConfigNode node, String path) throws ConfigException {
        if (node instanceof ConfigNode.Scalar s && s.isNull()) {
            return new MappingReader(
                    new ConfigNode.Mapping(Map.of(), Map.of(), s.location()), path);
        }
        if (!(node instanceof ConfigNode.Mapping map)) {
            throw new ConfigException(
                    node.location(), path, "expected a mapping but found " + node.kind());
        }
        return new MappingReader(map, path);
    }

    /**
     * Where the mapping starts.
     *
     * @return file, line and column
     */
    public Location location() {
        return mapping.location();
    }

    /**
     * The mapping's own key path.
     *
     * @return the dotted path, "" for the root
     */
    public String path() {
        return path;
    }

    /**
     * The raw node of a key, marking the key as known.
     *
     * @param key the key
     * @return its node, or empty when the key is absent
     */
    public Optional<ConfigNode> node(String key) {
        known.add(key);
        return Optional.ofNullable(mapping.entries().get(key));
    }

    /**
     * A nested mapping; an absent key reads as an empty one.
     *
     * @param key the key
     * @return a reader of the nested mapping
     * @throws ConfigException when the value is no mapping
     */
    public MappingReader mapping(String key) throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty()) {
            return new MappingReader(
                    new ConfigNode.Mapping(Map.of(), Map.of(), mapping.location()), child(key));
        }
        return of(node.get(), child(key));
    }

    /**
     * A text value.
     *
     * @param key the key
     * @return the text, or empty when the key is absent or null
     * @throws ConfigException when the value is a mapping or a list
     */
    public Optional<String> string(String key) throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode.Scalar scalar = scalar(key, node.get(), "a text");
        return Optional.ofNullable(scalar.text());
    }

    /**
     * A text value, or a default.
     *
     * @param key the key
     * @param fallback the value when the key is absent
     * @return the text
     * @throws ConfigException when the value is a mapping or a list
     */
    public String string(String key, String fallback) throws ConfigException {
        return string(key).orElse(fallback);
    }

    /**
     * A switch: {@code true} or {@code on}, {@code false} or {@code off}, as people write them.
     *
     * @param key the key
     * @param fallback the value when the key is absent
     * @return the value
     * @throws ConfigException when the value is not a switch
     */
    public boolean bool(String key, boolean fallback) throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty()) {
            return fallback;
        }
        ConfigNode.Scalar scalar = scalar(key, node.get(), "true or false");
        String text = scalar.text() == null ? "" : scalar.text().toLowerCase(Locale.ROOT);
        boolean on = text.equals("true") || text.equals("on");
        if (scalar.quoted() || !(on || text.equals("false") || text.equals("off"))) {
            throw error(
                    key,
                    scalar,
                    "expected true or false (or on, off) but found '" + scalar.text() + "'");
        }
        return on;
    }

    /**
     * The longest duration any setting takes: long enough for any timeout, short enough never to
     * overflow.
     */
    public static final Duration MAX_DURATION = Duration.ofHours(24);

    /**
     * A whole number in [{@code min}, {@code max}]: every count a setting takes has a documented
     * range.
     *
     * @param key the key
     * @param fallback the value when the key is absent
     * @param min the smallest allowed
     * @param max the largest allowed
     * @return the value
     * @throws ConfigException when the value is malformed or out of range, naming file:line:column
     */
    public int intInRange(String key, int fallback, int min, int max) throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty()) {
            return fallback;
        }
        ConfigNode.Scalar scalar = scalar(key, node.get(), "a whole number");
        String text = requireText(key, scalar, "a whole number");
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error(key, scalar, "expected a whole number but found '" + scalar.text() + "'");
        }
        if (value < min || value > max) {
            throw error(key, scalar, "must be between " + min + " and " + max + " but is " + text);
        }
        return (int) value;
    }

    /**
     * A whole number of at least 1.
     *
     * @param key the key
     * @param fallback the value when the key is absent
     * @return the value
     * @throws ConfigException when the value is malformed or out of range, naming file:line:column
     */
    public int positiveInt(String key, int fallback) throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty()) {
            return fallback;
        }
        ConfigNode.Scalar scalar = scalar(key, node.get(), "a whole number");
        try {
            int value = Integer.parseInt(requireText(key, scalar, "a whole number"));
            if (value <= 0) {
                throw error(key, scalar, "must be greater than 0 but is " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(key, scalar, "expected a whole number but found '" + scalar.text() + "'");
        }
    }

    /**
     * A number in [{@code min}, {@code max}].
     *
     * @param key the key
     * @param fallback the value when the key is absent
     * @param min the smallest allowed
     * @param max the largest allowed
     * @return the value
     * @throws ConfigException when the value is malformed or out of range, naming file:line:column
     */
    public double number(String key, double fallback, double min, double max)
            throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty()) {
            return fallback;
        }
        ConfigNode.Scalar scalar = scalar(key, node.get(), "a number");
        double value;
        try {
            value = Double.parseDouble(requireText(key, scalar, "a number"));
        } catch (NumberFormatException e) {
            throw error(key, scalar, "expected a number but found '" + scalar.text() + "'");
        }
        if (!(value >= min && value <= max)) {
            throw error(
                    key,
                    scalar,
                    "must be between " + min + " and " + max + " but is " + scalar.text());
        }
        return value;
    }

    /**
     * A positive duration: plain seconds ({@code 2}, {@code 0.5}) or with a unit ({@code 500ms},
     * {@code 2s}, {@code 1m}, {@code 1h}). With {@code offAllowed}, {@code off} gives {@link
     * Duration#ZERO}. At most {@link #MAX_DURATION}.
     *
     * @param key the key
     * @param fallback the value when the key is absent
     * @param offAllowed whether {@code off} is a value
     * @return the duration
     * @throws ConfigException when the value is malformed or out of range, naming file:line:column
     */
    public Duration duration(String key, Duration fallback, boolean offAllowed)
            throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty()) {
            return fallback;
        }
        ConfigNode.Scalar scalar = scalar(key, node.get(), "a duration");
        String text = requireText(key, scalar, "a duration").trim();
        if (offAllowed && (text.equals("off") || text.equals("false"))) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw error(
                    key,
                    scalar,
                    "expected a duration like 500ms, 2s, 1m or plain seconds but found '"
                            + text
                            + "'"
                            + (offAllowed ? " (or off)" : ""));
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis =
                switch (unit) {
                    case "ms" -> amount;
                    case "s" -> amount * 1_000;
                    case "m" -> amount * 60_000;
                    default -> amount * 3_600_000;
                };
        if (millis < 1) {
            throw error(
                    key,
                    scalar,
                    "must be longer than zero"
                            + (offAllowed ? " (write off to disable it)" : "")
                            + " but is '"
                            + text
                            + "'");
        }
        if (millis > MAX_DURATION.toMillis()) {
            throw error(key, scalar, "must be at most 24h but is '" + text + "'");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /**
     * A byte size in [{@code min}, {@code max}], written as {@link #size} takes it.
     *
     * @param key the key
     * @param fallback the value when the key is absent
     * @param min the smallest allowed, in bytes
     * @param max the largest allowed, in bytes
     * @return the size in bytes
     * @throws ConfigException when the value is malformed or out of range, naming file:line:column
     */
    public long sizeInRange(String key, long fallback, long min, long max) throws ConfigException {
        long value = size(key, fallback);
        if (value < min || value > max) {
            ConfigNode node = node(key).orElseThrow();
            throw error(
                    key,
                    node,
                    "must be between "
                            + min
                            + " and "
                            + max
                            + " bytes but is '"
                            + ((ConfigNode.Scalar) node).text()
                            + "'");
        }
        return value;
    }

    /**
     * A positive byte size: plain bytes or {@code 64KiB}, {@code 1MiB}, {@code 1GiB} (KB/MB/GB
     * alike).
     *
     * @param key the key
     * @param fallback the value when the key is absent
     * @return the size in bytes
     * @throws ConfigException when the value is malformed or out of range, naming file:line:column
     */
    public long size(String key, long fallback) throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty()) {
            return fallback;
        }
        ConfigNode.Scalar scalar = scalar(key, node.get(), "a size");
        String text = requireText(key, scalar, "a size").trim();
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw error(
                    key,
                    scalar,
                    "expected a size like 65536, 64KiB or 1MiB but found '" + text + "'");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw error(key, scalar, "size '" + text + "' is too large");
        }
        long factor =
                switch (m.group(2) == null ? "B" : m.group(2)) {
                    case "KiB", "KB" -> 1024L;
                    case "MiB", "MB" -> 1024L * 1024;
                    case "GiB", "GB" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
        if (amount <= 0) {
            throw error(key, scalar, "must be greater than zero but is '" + text + "'");
        }
        if (amount > Long.MAX_VALUE / factor) {
            throw error(key, scalar, "size '" + text + "' is too large");
        }
        return amount * factor;
    }

    /**
     * One of {@code choices}, as written; suggests the nearest on a typo.
     *
     * @param key the key
     * @param choices the allowed values
     * @return the value, or empty when the key is absent
     * @throws ConfigException when the value is not one of the choices
     */
    public Optional<String> choice(String key, Collection<String> choices) throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode.Scalar scalar = scalar(key, node.get(), "one of " + String.join(", ", choices));
        String text = requireText(key, scalar, "one of " + String.join(", ", choices));
        if (!choices.contains(text)) {
            throw error(
                    key,
                    scalar,
                    "'"
                            + text
                            + "' is not one of "
                            + String.join(", ", choices)
                            + Suggestions.didYouMean(text, choices));
        }
        return Optional.of(text);
    }

    /**
     * One of an enum's constants, written in the file as its name in lower case ({@code
     * backpressure} for {@code BACKPRESSURE}); a mistake lists the choices.
     *
     * @param key the key
     * @param type the enum
     * @param <E> the enum's type
     * @return the constant, or empty when the key is absent
     * @throws ConfigException when the value names no constant
     */
    public <E extends Enum<E>> Optional<E> choice(String key, Class<E> type)
            throws ConfigException {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return choice(key, names).map(name -> type.getEnumConstants()[names.indexOf(name)]);
    }

    /**
     * The items of a list.
     *
     * @param key the key
     * @return the items; empty when the key is missing or null
     * @throws ConfigException when the value is not a list
     */
    public List<ConfigNode> items(String key) throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty() || (node.get() instanceof ConfigNode.Scalar s && s.isNull())) {
            return List.of();
        }
        if (!(node.get() instanceof ConfigNode.Sequence sequence)) {
            throw new ConfigException(
                    node.get().location(),
                    child(key),
                    "expected a list but found " + node.get().kind());
        }
        return sequence.items();
    }

    /**
     * Every key of the mapping, with nothing marked known.
     *
     * @return the keys, in file order
     */
    public Set<String> keys() {
        return mapping.entries().keySet();
    }

    /**
     * Where a key was written.
     *
     * @param key the key
     * @return its location, or the mapping's when absent
     */
    public Location keyLocation(String key) {
        return mapping.keyLocation(key);
    }

    /**
     * Dotted path of a child key.
     *
     * @param key the key
     * @return such as {@code defaults.idleTimeout}
     */
    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * A list of scalars; each item checked by {@code item}.
     *
     * @param key the key
     * @param item reads and checks one item
     * @param <T> what an item becomes
     * @return the items, or empty when the key is absent
     * @throws ConfigException when the value is not a list of scalars, or an item is wrong
     */
    public <T> Optional<List<T>> list(String key, ItemReader<T> item) throws ConfigException {
        Optional<ConfigNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof ConfigNode.Sequence sequence)) {
            throw new ConfigException(
                    node.get().location(),
                    child(key),
                    "expected a list but found " + node.get().kind());
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            ConfigNode entry = sequence.items().get(i);
            String itemPath = child(key) + "[" + i + "]";
            if (!(entry instanceof ConfigNode.Scalar scalar) || scalar.isNull()) {
                throw new ConfigException(
                        entry.location(),
                        itemPath,
                        "expected a value but found "
                                + (entry instanceof ConfigNode.Scalar ? "nothing" : entry.kind()));
            }
            values.add(item.read(scalar.text(), scalar.location(), itemPath));
        }
        return Optional.of(values);
    }

    /**
     * Refuses every key that no read asked for, suggesting the nearest known key.
     *
     * @throws ConfigException for the first unknown key, naming its location
     */
    public void rejectUnknownKeys() throws ConfigException {
        for (String key : mapping.entries().keySet()) {
            if (!known.contains(key)) {
                String suggestion = Suggestions.didYouMean(key, known);
                throw new ConfigException(
                        mapping.keyLocation(key),
                        child(key),
                        "unknown key" + suggestion + "; known keys: " + String.join(", ", known));
            }
        }
    }

    /**
     * An error about a key's value, for checks this reader does not make itself.
     *
     * @param key the key
     * @param node its value, for the location
     * @param reason why the value is wrong
     * @return the error, to throw
     */
    public ConfigException error(String key, ConfigNode node, String reason) {
        return new ConfigException(node.location(), child(key), reason);
    }

    private ConfigNode.Scalar scalar(String key, ConfigNode node, String expected)
            throws ConfigException {
        if (!(node instanceof ConfigNode.Scalar scalar)) {
            throw new ConfigException(
                    node.location(),
                    child(key),
                    "expected " + expected + " but found " + node.kind());
        }
        return scalar;
    }

    private String requireText(String key, ConfigNode.Scalar scalar, String expected)
            throws ConfigException {
        if (scalar.isNull()) {
            throw error(key, scalar, "expected " + expected + " but found nothing");
        }
        return scalar.text();
    }

    /**
     * Reads one item of a list.
     *
     * @param <T> what an item becomes
     */
    @FunctionalInterface
    public interface ItemReader<T> {
        /**
         * Reads one item.
         *
         * @param text the item as written
         * @param location where it was written
         * @param path its key path, such as {@code allowlist[2]}
         * @return the item
         * @throws ConfigException when the item is wrong
         */
        T read(String text, Location location, String path) throws ConfigException;
    }
}
