package dev.wsworld.host.consent;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.config.MappingReader;
import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lasting consent decisions ("allow always", "deny"), kept in {@code consent-decisions.yaml} in the
 * config directory so they survive a restart. Read through the host's one YAML loader; written
 * whole to a temporary file and moved into place, so a crash never leaves half a file.
 */
public final class ConsentDecisionsFile {
    public static final String FILE_NAME = "consent-decisions.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(ConsentDecisionsFile.class);
    private static final List<String> ANSWERS = List.of("always", "deny");

    private final Path file;
    private final Map<ConsentScope, ConsentAnswer> decisions = new LinkedHashMap<>();

    private ConsentDecisionsFile(Path file) {
        this.file = file;
    }

    /** Loads the file in {@code configDirectory}, or starts empty when there is none. */
    public static ConsentDecisionsFile load(Path configDirectory, ConfigLoader loader) throws ConfigException {
        ConsentDecisionsFile store = new ConsentDecisionsFile(configDirectory.resolve(FILE_NAME));
        Optional<ConfigNode> root = loader.load(store.file);
        if (root.isPresent()) {
            MappingReader top = MappingReader.of(root.get(), "");
            int index = 0;
            for (ConfigNode node : top.items("decisions")) {
                MappingReader entry = MappingReader.of(node, "decisions[" + index++ + "]");
                String user = required(entry, "user", node);
                String scheme = entry.choice("scheme", List.of("ws", "wss")).orElseThrow(() ->
                        new ConfigException(node.location(), entry.child("scheme"), "needs ws or wss"));
                String host = required(entry, "host", node);
                int port = entry.positiveInt("port", -1);
                if (port < 1 || port > 65535) {
                    throw new ConfigException(node.location(), entry.child("port"), "needs a port from 1 to 65535");
                }
                String answer = entry.choice("answer", ANSWERS).orElseThrow(() ->
                        new ConfigException(node.location(), entry.child("answer"), "needs always or deny"));
                entry.rejectUnknownKeys();
                store.decisions.put(new ConsentScope(user, scheme, host, port),
                        answer.equals("always") ? ConsentAnswer.GRANTED_ALWAYS : ConsentAnswer.DENIED);
            }
            top.rejectUnknownKeys();
        }
        return store;
    }

    private static String required(MappingReader entry, String key, ConfigNode node) throws ConfigException {
        return entry.string(key).orElseThrow(() -> new ConfigException(node.location(), entry.child(key), "is required"));
    }

    /** Reads the file again; on error the decisions in memory stay and the error is thrown. */
    public void reload(ConfigLoader loader) throws ConfigException {
        ConsentDecisionsFile fresh = load(file.getParent(), loader);
        synchronized (this) {
            decisions.clear();
            decisions.putAll(fresh.decisions);
        }
    }

    public synchronized Optional<ConsentAnswer> recall(ConsentScope scope) {
        return Optional.ofNullable(decisions.get(scope));
    }

    public synchronized void remember(ConsentScope scope, ConsentAnswer answer) {
        decisions.put(scope, answer);
        save();
    }

    /** Decisions in the order they were made. */
    public synchronized Map<ConsentScope, ConsentAnswer> decisions() {
        return new LinkedHashMap<>(decisions);
    }

    /** Forgets a user's decisions for a host (every port when {@code port} is null); returns how many. */
    public synchronized int revoke(String userId, String host, Integer port) {
        int before = decisions.size();
        decisions.keySet().removeIf(s -> s.userId().equals(userId) && s.host().equalsIgnoreCase(host)
                && (port == null || s.port() == port));
        int removed = before - decisions.size();
        if (removed > 0) {
            save();
        }
        return removed;
    }

    private void save() {
        List<Object> entries = new ArrayList<>();
        decisions.forEach((scope, answer) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("user", scope.userId());
            entry.put("scheme", scope.scheme());
            entry.put("host", scope.host());
            entry.put("port", scope.port());
            entry.put("answer", answer == ConsentAnswer.GRANTED_ALWAYS ? "always" : "deny");
            entries.add(entry);
        });
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        options.setPrettyFlow(false);
        options.setWidth(200);
        StringBuilder text = new StringBuilder("# Lasting consent decisions; edit, or use the console's grants and revoke.\ndecisions:\n");
        Yaml yaml = new Yaml(options);
        for (Object entry : entries) {
            text.append("  - ").append(yaml.dump(entry).strip()).append('\n');
        }
        if (entries.isEmpty()) {
            text.setLength(text.length() - 1);
            text.append(" []\n");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("cannot save consent decisions to {}: {}", file, e.getMessage());
        }
    }
}
