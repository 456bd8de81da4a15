package dev.wsworld.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.config.Location;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The plugin's defaults live in one place, its {@code SettingsLoader}. The configuration file the
 * host stub ships and the table of {@code docs/configuration.md} must say exactly those values:
 * each is read by the packaged plugin's own loader and compared with the settings it gives for an
 * empty file.
 */
class ShippedDefaultsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path TABLE = ROOT.resolve("docs/configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-zA-Z.]+)` \\| `([^`]*)` \\|.*");

    private final YamlConfigLoader yaml = new YamlConfigLoader();

    /**
     * The settings the packaged plugin's {@code SettingsLoader.read} gives for each document, all
     * read with one class loader over the artifact (as a host loads it), so they can be compared.
     */
    private static List<Object> settings(ConfigNode... roots) throws Exception {
        try (URLClassLoader plugin =
                new URLClassLoader(
                        new URL[] {HostFixture.pluginJar().toUri().toURL()},
                        ShippedDefaultsTest.class.getClassLoader())) {
            Method read =
                    plugin.loadClass("dev.wsworld.websocket.config.SettingsLoader")
                            .getMethod("read", ConfigNode.class, Path.class);
            List<Object> all = new ArrayList<>();
            for (ConfigNode root : roots) {
                all.add(read.invoke(null, root, ROOT.resolve("config")));
            }
            return all;
        }
    }

    private static ConfigNode empty() {
        return new ConfigNode.Mapping(Map.of(), Map.of(), new Location("(empty)", 1, 1));
    }

    @Test
    void theShippedConfigurationFileSaysExactlyTheDefaults() throws Exception {
        ConfigNode shipped = yaml.load(ROOT.resolve("config/websocket-client.yaml")).orElseThrow();
        List<Object> read = settings(empty(), shipped);
        assertEquals(read.get(0), read.get(1));
    }

    @Test
    void theDocumentedTableSaysExactlyTheDefaultsAndNamesEveryKeyOfTheShippedFile()
            throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(TABLE)) {
            inTable =
                    line.startsWith("| Key | Default | Meaning |")
                            || (inTable && line.startsWith("|"));
            Matcher row = ROW.matcher(line);
            if (inTable && row.matches()) {
                keys.add(row.group(1));
                put(tree, row.group(1).split("\\."), row.group(2));
            }
        }
        assertTrue(
                keys.size() > 20,
                "the configuration table of " + TABLE + " was not found: " + keys);
        String document = render(tree, "");
        ConfigNode fromTable =
                yaml.parse("docs/configuration.md table", new StringReader(document));
        List<Object> read = settings(empty(), fromTable);
        assertEquals(
                read.get(0),
                read.get(1),
                "the defaults of docs/configuration.md differ from the plugin's:\n" + document);

        for (String key :
                leafKeys(
                        yaml.load(ROOT.resolve("config/websocket-client.yaml")).orElseThrow(),
                        "")) {
            assertTrue(
                    keys.contains(key) || keys.stream().anyMatch(k -> key.startsWith(k + ".")),
                    "the shipped file has " + key + " but docs/configuration.md's table does not");
        }
    }

    /**
     * One table from the YAML to its use: the shipped file names every key the loader reads, in the
     * order it reads them, section by section. A key added to a section's reader and not to the
     * file fails here.
     */
    @Test
    void theShippedFileNamesEveryKeyTheLoaderReadsInItsOrder() throws Exception {
        ConfigNode shipped = yaml.load(ROOT.resolve("config/websocket-client.yaml")).orElseThrow();
        for (String section :
                List.of("", "defaults", "defaults.retry", "network", "limits", "userResolution")) {
            List<String> known = knownKeys(section);
            assertEquals(
                    known,
                    keysOf(shipped, section),
                    "the keys of section '" + section + "' in config/websocket-client.yaml");
        }
    }

    /** The keys the loader lists for a section, by asking it about one it does not know. */
    private List<String> knownKeys(String section) throws Exception {
        StringBuilder document = new StringBuilder();
        String indent = "";
        if (!section.isEmpty()) {
            for (String part : section.split("\\.")) {
                document.append(indent).append(part).append(":\n");
                indent += "  ";
            }
        }
        document.append(indent).append("noSuchKey: 1\n");
        try {
            settings(yaml.parse("probe.yaml", new StringReader(document.toString())));
        } catch (java.lang.reflect.InvocationTargetException e) {
            String message = e.getCause().getMessage();
            int at = message.indexOf("known keys: ");
            assertTrue(at >= 0, message);
            return List.of(message.substring(at + "known keys: ".length()).split(", "));
        }
        throw new AssertionError("the loader accepted an unknown key in '" + section + "'");
    }

    private static List<String> keysOf(ConfigNode root, String section) {
        ConfigNode node = root;
        if (!section.isEmpty()) {
            for (String part : section.split("\\.")) {
                node = ((ConfigNode.Mapping) node).entries().get(part);
            }
        }
        return List.copyOf(((ConfigNode.Mapping) node).entries().keySet());
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, String[] path, String value) {
        Map<String, Object> at = tree;
        for (int i = 0; i < path.length - 1; i++) {
            at =
                    (Map<String, Object>)
                            at.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        at.put(path[path.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    private static String render(Map<String, Object> tree, String indent) {
        StringBuilder out = new StringBuilder();
        tree.forEach(
                (key, value) -> {
                    if (value instanceof Map<?, ?> child) {
                        out.append(indent)
                                .append(key)
                                .append(":\n")
                                .append(render((Map<String, Object>) child, indent + "  "));
                    } else {
                        out.append(indent).append(key).append(": ").append(value).append('\n');
                    }
                });
        return out.toString();
    }

    private static List<String> leafKeys(ConfigNode node, String path) {
        List<String> keys = new ArrayList<>();
        if (node instanceof ConfigNode.Mapping mapping && !mapping.entries().isEmpty()) {
            mapping.entries()
                    .forEach(
                            (key, child) ->
                                    keys.addAll(
                                            leafKeys(
                                                    child,
                                                    path.isEmpty() ? key : path + "." + key)));
        } else {
            keys.add(path);
        }
        return keys;
    }
}
