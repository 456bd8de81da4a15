package dev.wsworld.hostsupport.consent;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentMemory;
import dev.wsworld.api.extension.ConsentScope;
import dev.wsworld.api.net.CanonicalHost;
import dev.wsworld.common.config.MappingReader;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import dev.wsworld.hostsupport.yaml.YamlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A file-backed {@link ConsentMemory}: lasting consent decisions ("allow always", "deny"), kept in
 * {@code consent-decisions.yaml} in the config directory so they survive a restart. Hand it to
 * {@link dev.wsworld.hostsupport.plugins.WorldPluginManager.Builder#hostExtension} and close it
 * after the plugins have stopped. Read through the host's one YAML loader. Answers can arrive on
 * the world's update thread, so the file is written on a thread of its own: whole, to a temporary
 * file moved into place (a crash never leaves half a file), with the newest decisions (the last
 * answer wins). Lookups read an immutable copy and never wait for a writer.
 */
public final class ConsentDecisionsFile implements ConsentMemory, AutoCloseable {
    /** The file's name in the config directory. */
    public static final String FILE_NAME = "consent-decisions.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(ConsentDecisionsFile.class);

    private final Path file;

    /** Replaced whole on every change, under this object's lock; read without it. */
    private volatile Map<ConsentScope, ConsentAnswer> decisions = Map.of();

    private final ExecutorService saver =
            Executors.newSingleThreadExecutor(
                    runnable -> {
                        Thread thread = new Thread(runnable, "consent-decisions");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final AtomicBoolean saveQueued = new AtomicBoolean();

    private ConsentDecisionsFile(Path file) {
        this.file = file;
    }

    /**
     * Loads the file in {@code configDirectory}, or starts empty when there is none.
     *
     * @param configDirectory where the file is, or will be written
     * @param loader parses it, for example {@link dev.wsworld.hostsupport.yaml.YamlConfigLoader}
     * @return the decisions, with a saver thread of their own
     * @throws ConfigException when the file is malformed, naming file:line:column
     */
    public static ConsentDecisionsFile load(Path configDirectory, ConfigLoader loader)
            throws ConfigException {
        ConsentDecisionsFile store = new ConsentDecisionsFile(configDirectory.resolve(FILE_NAME));
        Map<ConsentScope, ConsentAnswer> read = new LinkedHashMap<>();
        Optional<ConfigNode> root = loader.load(store.file);
        if (root.isPresent()) {
            MappingReader top = MappingReader.of(root.get(), "");
            int index = 0;
            for (ConfigNode node : top.items("decisions")) {
                MappingReader entry = MappingReader.of(node, "decisions[" + index++ + "]");
                String user = required(entry, "user", node);
                String scheme =
                        entry.choice("scheme", List.of("ws", "wss"))
                                .orElseThrow(
                                        () ->
                                                new ConfigException(
                                                        node.location(),
                                                        entry.child("scheme"),
                                                        "needs ws or wss"));
                String host = canonicalHost(entry, node);
                int port = entry.positiveInt("port", -1);
                if (port < 1 || port > 65535) {
                    throw new ConfigException(
                            node.location(), entry.child("port"), "needs a port from 1 to 65535");
                }
                String answer =
                        entry.choice("answer", ConsentAnswer.fileWords())
                                .orElseThrow(
                                        () ->
                                                new ConfigException(
                                                        node.location(),
                                                        entry.child("answer"),
                                                        "needs "
                                                                + String.join(
                                                                        " or ",
                                                                        ConsentAnswer
                                                                                .fileWords())));
                entry.rejectUnknownKeys();
                read.put(
                        new ConsentScope(user, scheme, host, port),
                        ConsentAnswer.byFileWord(answer).orElseThrow());
            }
            top.rejectUnknownKeys();
        }
        store.decisions = Collections.unmodifiableMap(read);
        return store;
    }

    /**
     * Hosts are kept in the one spelling the plugin asks with, so a hand-written entry matches too.
     */
    private static String canonicalHost(MappingReader entry, ConfigNode node)
            throws ConfigException {
        String written = required(entry, "host", node);
        try {
            return CanonicalHost.of(written);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.location(), entry.child("host"), e.getMessage());
        }
    }

    private static String required(MappingReader entry, String key, ConfigNode node)
            throws ConfigException {
        return entry.string(key)
                .orElseThrow(
                        () ->
                                new ConfigException(
                                        node.location(), entry.child(key), "is required"));
    }

    /**
     * Reads the file again; on error the decisions in memory stay and the error is thrown.
     *
     * @param loader parses the file
     * @throws ConfigException when the file is malformed, naming file:line:column
     */
    public void reload(ConfigLoader loader) throws ConfigException {
        ConsentDecisionsFile fresh = load(file.getParent(), loader);
        fresh.saver.shutdown();
        synchronized (this) {
            decisions = fresh.decisions;
        }
    }

    /** Any thread, the update thread included: never waits. */
    @Override
    public Optional<ConsentAnswer> recall(ConsentScope scope) {
        return Optional.ofNullable(decisions.get(scope));
    }

    /** Any thread, the update thread included: the file is written later, on the saver's thread. */
    @Override
    public void remember(ConsentScope scope, ConsentAnswer answer) {
        synchronized (this) {
            Map<ConsentScope, ConsentAnswer> next = new LinkedHashMap<>(decisions);
            next.put(scope, answer);
            decisions = Collections.unmodifiableMap(next);
        }
        requestSave();
    }

    /**
     * Every lasting decision.
     *
     * @return an immutable snapshot, in the order the decisions were made
     */
    public Map<ConsentScope, ConsentAnswer> decisions() {
        return decisions;
    }

    /**
     * Forgets a user's decisions for a host, in any spelling (every port when {@code port} is
     * null); returns how many.
     *
     * @param userId the user whose decisions go
     * @param host the destination's host, in any spelling ({@code LOCALHOST.}, {@code 127.1} …)
     * @param port the destination's port, or {@code null} for every port
     * @return how many decisions were forgotten
     * @throws IllegalArgumentException when {@code host} is no valid host
     */
    public int revoke(String userId, String host, Integer port) {
        String canonical = CanonicalHost.of(host);
        int removed;
        synchronized (this) {
            Map<ConsentScope, ConsentAnswer> next = new LinkedHashMap<>(decisions);
            next.keySet()
                    .removeIf(
                            s ->
                                    s.userId().equals(userId)
                                            && s.host().equals(canonical)
                                            && (port == null || s.port() == port));
            removed = decisions.size() - next.size();
            decisions = Collections.unmodifiableMap(next);
        }
        if (removed > 0) {
            requestSave();
        }
        return removed;
    }

    /**
     * One save at a time, of the newest decisions: saves asked for while one waits are folded into
     * it.
     */
    private void requestSave() {
        if (saveQueued.compareAndSet(false, true)) {
            try {
                saver.execute(
                        () -> {
                            saveQueued.set(false);
                            save(decisions);
                        });
            } catch (RejectedExecutionException e) {
                saveQueued.set(false);
                LOG.error("consent decision not saved to {}: the host is closing", file);
            }
        }
    }

    /** Writes what is pending, then stops the saver (waiting at most ten seconds). */
    @Override
    public void close() {
        saver.shutdown();
        try {
            if (!saver.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.error("consent decisions were not saved to {} within 10 s", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void save(Map<ConsentScope, ConsentAnswer> decisions) {
        List<Object> entries = new ArrayList<>();
        decisions.forEach(
                (scope, answer) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("user", scope.userId());
                    entry.put("scheme", scope.scheme());
                    entry.put("host", scope.host());
                    entry.put("port", scope.port());
                    entry.put("answer", answer.fileWord().orElseThrow());
                    entries.add(entry);
                });
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        options.setPrettyFlow(false);
        options.setWidth(200);
        StringBuilder text =
                new StringBuilder(
                        "# Lasting consent decisions; edit, or use the console's grants and"
                                + " revoke.\n"
                                + "decisions:\n");
        Yaml yaml = YamlWriter.create(options);
        for (Object entry : entries) {
            text.append("  - ").append(yaml.dump(entry).strip()).append('\n');
        }
        if (entries.isEmpty()) {
            text.setLength(text.length() - 1);
            text.append(" []\n");
        }
        int bytes = text.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > YamlConfigLoader.MAX_FILE_BYTES) {
            // the host would refuse this file at its next start: keep the old one instead
            LOG.error(
                    "consent decisions not saved to {}: {} decisions make {} bytes, over the"
                        + " {}-byte limit of every YAML file the host reads; they last until the"
                        + " host stops. Revoke some (console: grants, revoke) to save again",
                    file,
                    decisions.size(),
                    bytes,
                    YamlConfigLoader.MAX_FILE_BYTES);
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(
                    temporary,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("cannot save consent decisions to {}: {}", file, e.getMessage());
        }
    }
}
