package dev.wsworld.host.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.host.Host;
import dev.wsworld.host.HostOptions;
import dev.wsworld.host.HostedWorld;
import dev.wsworld.host.consent.ConsentPresets;
import dev.wsworld.host.events.EventJournal;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A host started the way users start it: the packaged plugin artifact copied into a fresh plugins
 * directory (never the plugin's classes on the test classpath), a config directory and a world
 * file. Waits are on events with generous timeouts, never on sleeps.
 */
public final class HostFixture implements AutoCloseable {
    /** Generous: tests must not flake on a loaded 2-core machine. */
    public static final long WAIT_MILLIS = 20_000;

    public static final String DEFAULT_WORLD =
            """
            world: { name: Test }
            users:
              - { id: alice, host: true, local: true }
              - { id: bob }
            """;

    private final Host host;
    private final List<String> display;

    /** Per slot and event, the occurrence the last {@link #await} took. */
    private final Map<String, Long> taken = new ConcurrentHashMap<>();

    private HostFixture(Host host, List<String> display) {
        this.host = host;
        this.display = display;
    }

    public static Builder in(Path directory) {
        return new Builder(directory);
    }

    /** The packaged plugin built by the websocket-plugin module. */
    public static Path pluginJar() {
        String property = System.getProperty("wsworld.pluginJar");
        Path jar =
                property == null
                        ? Path.of("../websocket-plugin/target/websocket-plugin-0.1.0-SNAPSHOT.jar")
                        : Path.of(property);
        assertTrue(
                Files.isRegularFile(jar),
                "packaged plugin not found at "
                        + jar.toAbsolutePath()
                        + "; build with 'mvn verify' from the repository root");
        return jar;
    }

    public Host host() {
        return host;
    }

    /** Messages the host showed the person at the console (consent prompts). */
    public List<String> display() {
        return display;
    }

    /** The host's one world (the first, when a test opens more). */
    public HostedWorld hosted() {
        return host.worlds().get(0);
    }

    /**
     * The host's one world's model; change it on its update thread ({@link #call}, {@link #run}).
     */
    public SimpleWorld world() {
        return hosted().world();
    }

    public EventJournal journal() {
        return hosted().journal();
    }

    public <T> T call(Callable<T> work) throws Exception {
        return hosted().call(work);
    }

    public void run(Runnable work) throws Exception {
        call(
                () -> {
                    work.run();
                    return null;
                });
    }

    public long mark() {
        return journal().lastSequence();
    }

    /**
     * Next occurrence of that event on that slot after the one the previous {@code await} for it
     * took.
     */
    public HostEvent await(String slot, String event) throws InterruptedException {
        return await(slot, event, WAIT_MILLIS);
    }

    public HostEvent await(String slot, String event, long millis) throws InterruptedException {
        String key = slot + "\u0000" + event;
        HostEvent seen =
                awaitAfter(
                        taken.getOrDefault(key, 0L),
                        EventJournal.on(slot, event),
                        millis,
                        slot + " " + event);
        taken.put(key, seen.sequence());
        return seen;
    }

    public HostEvent awaitAfter(
            long sequence, Predicate<HostEvent> matches, long millis, String what)
            throws InterruptedException {
        Optional<HostEvent> seen = journal().await(sequence, matches, millis);
        if (seen.isEmpty()) {
            fail(
                    "no '"
                            + what
                            + "' within "
                            + millis
                            + " ms; events so far:\n"
                            + describe(journal().since(0)));
        }
        return seen.get();
    }

    /** Events of a slot after {@code sequence}, in order. */
    public List<HostEvent> events(String slot, long sequence) {
        List<HostEvent> result = new ArrayList<>();
        for (HostEvent event : journal().since(sequence)) {
            if (event.slot().equals(slot)) {
                result.add(event);
            }
        }
        return result;
    }

    public List<String> names(String slot, long sequence) {
        return events(slot, sequence).stream().map(HostEvent::name).toList();
    }

    public Object field(String slot, String field) throws Exception {
        return call(() -> component(slot).field(field).orElseThrow().get());
    }

    public void set(String slot, String field, Object value) throws Exception {
        run(() -> setUnchecked(slot, field, value));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void setUnchecked(String slot, String field, Object value) {
        dev.wsworld.api.world.Field f = component(slot).field(field).orElseThrow();
        f.set(value);
    }

    /** Adds a WebsocketClient (and its slot) with fields given as values. */
    public void addClient(String slot, Map<String, Object> fields) throws Exception {
        run(
                () -> {
                    SimpleSlot s = world().slot(slot).orElseGet(() -> world().addSlot(null, slot));
                    world().addComponent(s, WebsocketClientNodes.TYPE, fields);
                });
    }

    public SimpleComponent component(String slot) {
        return world().requireSlot(slot).simpleComponents().get(0);
    }

    /** The nodes of the WebsocketClient on a slot; call them on the update thread. */
    public WebsocketClientNodes client(String slot) {
        return (WebsocketClientNodes) component(slot).behaviour().orElseThrow();
    }

    public static String describe(List<HostEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append("  ").append(e.toJson()).append('\n'));
        return text.toString();
    }

    /**
     * Stops the host, then checks that every connected the world heard was matched by one
     * disconnected.
     */
    @Override
    public void close() {
        List<HostedWorld> worlds = host.worlds();
        host.close();
        for (HostedWorld world : worlds) {
            // a world the test closed was balanced when it closed
            BalancedEvents.assertBalanced(
                    world.journal().since(0), world.journal().firstKept() > 1);
        }
    }

    public static final class Builder {
        private final Path directory;
        private String world = DEFAULT_WORLD;
        private String config;
        private boolean headless = true;
        private boolean withPlugin = true;
        private double tickRate = 60;

        /** As {@code --consent}: alice and bob of the default world say yes unless told. */
        private ConsentPresets consent =
                ConsentPresets.parse(
                        ConsentPresets.parse(ConsentPresets.NONE, "alice=allow"), "bob=allow");

        Builder(Path directory) {
            this.directory = directory;
        }

        /** A world file of the test's own; nobody's consent is preset for it. */
        public Builder world(String yaml) {
            world = yaml;
            consent = ConsentPresets.NONE;
            return this;
        }

        /**
         * Answers decided in advance, as {@code --consent USER=CHOICE} on the command line; call
         * after {@link #world}.
         */
        public Builder consent(String... presets) {
            for (String preset : presets) {
                consent = ConsentPresets.parse(consent, preset);
            }
            return this;
        }

        /** Content of config/websocket-client.yaml. */
        public Builder config(String yaml) {
            config = yaml;
            return this;
        }

        /** Not headless: consent 'ask' prompts wait for an answer. */
        public Builder interactive() {
            headless = false;
            return this;
        }

        public Builder withoutPlugin() {
            withPlugin = false;
            return this;
        }

        public Builder tickRate(double hz) {
            tickRate = hz;
            return this;
        }

        public Path pluginsDirectory() {
            return directory.resolve("plugins");
        }

        public Path configDirectory() {
            return directory.resolve("config");
        }

        public HostOptions options() throws IOException {
            Files.createDirectories(pluginsDirectory());
            Files.createDirectories(configDirectory());
            if (withPlugin) {
                Files.copy(
                        pluginJar(),
                        pluginsDirectory().resolve("websocket-plugin.jar"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            // test servers listen on loopback, which the plugin blocks by default; a test that
            // writes its own
            // network section decides for itself
            String effective = config == null ? "" : config;
            if (!effective.contains("network:")) {
                effective += "\nnetwork:\n  blockPrivateAddresses: false\n";
            }
            Files.writeString(configDirectory().resolve("websocket-client.yaml"), effective);
            Path worldFile = directory.resolve("world.yaml");
            Files.writeString(worldFile, world);
            return new HostOptions(
                    pluginsDirectory(),
                    configDirectory(),
                    List.of(worldFile),
                    Optional.empty(),
                    Optional.empty(),
                    headless,
                    tickRate,
                    consent);
        }

        public HostFixture start() throws Exception {
            HostOptions options = options();
            List<String> shown = new CopyOnWriteArrayList<>();
            return new HostFixture(
                    Host.start(options, line -> shown.add(line.text()), System.out), shown);
        }
    }
}
