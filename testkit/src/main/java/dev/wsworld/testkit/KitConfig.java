package dev.wsworld.testkit;

import dev.wsworld.hostsupport.yaml.YamlWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A world's {@code websocket-client.yaml}: YAML mappings merged key by key, later ones winning. */
final class KitConfig {
    private KitConfig() {}

    /**
     * @param layers YAML mappings, the kit's defaults first
     * @return the merged file, with a header saying where it came from
     * @throws IllegalArgumentException for a layer that is not a YAML mapping
     */
    static String merge(String header, List<String> layers) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (String layer : layers) {
            mergeInto(merged, parse(layer));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return header + YamlWriter.create(options).dump(merged);
    }

    private static Map<String, Object> parse(String layer) {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(layer);
        if (loaded == null) {
            return Map.of();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(
                    "world config must be a YAML mapping such as 'defaults: {"
                            + " connectRetryInterval: 60s }', not: "
                            + layer);
        }
        return keyedByText(map);
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> into, Map<String, Object> layer) {
        layer.forEach(
                (key, value) -> {
                    Object existing = into.get(key);
                    if (existing instanceof Map<?, ?> existingMap && value instanceof Map<?, ?>) {
                        Map<String, Object> copy =
                                new LinkedHashMap<>((Map<String, Object>) existingMap);
                        mergeInto(copy, keyedByText((Map<?, ?>) value));
                        into.put(key, copy);
                    } else {
                        into.put(key, value);
                    }
                });
    }

    private static Map<String, Object> keyedByText(Map<?, ?> mapping) {
        Map<String, Object> typed = new LinkedHashMap<>();
        mapping.forEach((key, value) -> typed.put(String.valueOf(key), value));
        return typed;
    }
}
