package dev.wsworld.host.console;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.websocketclient.HostAccessScope;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.Field;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.api.world.ReadOnlyFieldException;
import dev.wsworld.host.Host;
import dev.wsworld.host.HostStartException;
import dev.wsworld.host.HostedWorld;
import dev.wsworld.host.events.EventJournal;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.output.Json;
import dev.wsworld.host.output.Line;
import dev.wsworld.host.output.Screen;
import dev.wsworld.host.output.Shown;
import dev.wsworld.hostsupport.world.FieldValues;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.world.UnknownComponentTypeException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Carries out console and script commands against a running {@link Host}. Commands run on the
 * caller's thread; every change to a world is handed to that world's update thread. Commands act on
 * the current world: the only one, or the one {@code world use} chose. Everything shown goes
 * through {@link Line}, so world text is escaped and bounded wherever it appears.
 */
public final class CommandInterpreter {
    /** Default {@code wait} timeout. */
    public static final double DEFAULT_WAIT_SECONDS = 10;

    public enum Flow {
        CONTINUE,
        QUIT
    }

    /**
     * Starts the host's browser inspector, or tells where it runs already: what the {@code inspect}
     * command does. The host stub's command line gives the console one.
     */
    @FunctionalInterface
    public interface Inspect {
        /**
         * Starts the inspector, or finds the one already running.
         *
         * @param port the port to listen on, 0 for any free one
         * @return the page's address, token included
         * @throws CommandException when it cannot start, saying why
         */
        String start(int port) throws CommandException;
    }

    /** The console commands a page may run ({@link #execute(String, List)}): its buttons. */
    public static final Set<String> PAGE_COMMANDS =
            Set.of("set", "connect", "disconnect", "send", "answer", "revoke", "plugin");

    private final Host host;
    private final Screen out;
    private final HostCommands hostCommands;
    private final Inspect inspect;

    /** The world commands act on; null for the first open one. */
    private volatile String current;

    /**
     * Per world, its journal position before the last acting command: {@code wait} looks after it.
     * A world opened since then has none, and a wait there sees all it did.
     */
    private final Map<String, Long> windowStarts = new HashMap<>();

    /**
     * Per address and event, the last occurrence a {@code wait} matched: the next wait for it takes
     * a later one.
     */
    private final Map<String, Long> matched = new HashMap<>();

    /**
     * @param out where results go
     */
    public CommandInterpreter(Host host, Screen out) {
        this(
                host,
                out,
                port -> {
                    throw new CommandException("this console cannot start the inspector");
                });
    }

    /**
     * @param out where results go
     * @param inspect what {@code inspect} starts
     */
    public CommandInterpreter(Host host, Screen out, Inspect inspect) {
        this.host = host;
        this.out = out;
        this.hostCommands = new HostCommands(host, out);
        this.inspect = inspect;
    }

    /**
     * Checks a line's form without running it.
     *
     * @return false for blank lines and comments
     * @throws IllegalArgumentException "column N: why"
     */
    public static boolean check(String line) {
        String text = stripComment(line);
        if (text.isBlank()) {
            return false;
        }
        Commands.checked(Tokens.split(text));
        return true;
    }

    /** Runs one line, split into words once. Blank lines and comments do nothing. */
    public Flow execute(String line) throws CommandException, WaitTimeoutException {
        String text = stripComment(line);
        if (text.isBlank()) {
            return Flow.CONTINUE;
        }
        Tokens tokens = Tokens.split(text);
        Commands.Command command = Commands.checked(tokens);
        if (!command.observing()) {
            startWindow();
        }
        return command.handler().run(this, tokens);
    }

    /**
     * Runs one of {@link #PAGE_COMMANDS} given as its words, on the named world (null: the first
     * open one): the inspector's way to change things, through the same checks and handlers as a
     * typed line, with the same words when something is wrong. Each word is taken exactly as it is
     * (no quotes to add); the last is the whole of any free text ({@code send ... text TEXT},
     * {@code set ... VALUE}).
     *
     * @throws CommandException for anything a typed line would be refused for, in its words
     */
    public Flow execute(String worldName, List<String> words) throws CommandException {
        if (words.isEmpty() || !PAGE_COMMANDS.contains(words.get(0))) {
            throw new CommandException(
                    "the inspector runs only "
                            + String.join(", ", PAGE_COMMANDS.stream().sorted().toList()));
        }
        Tokens tokens = Tokens.of(words);
        Commands.Command command;
        try {
            command = Commands.checked(tokens);
            if (worldName != null) {
                current = host.world(worldName).name();
            }
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage().replaceFirst("^column [0-9]+: ", ""));
        }
        try {
            return command.handler().run(this, tokens);
        } catch (WaitTimeoutException e) {
            throw new CommandException(e.getMessage());
        }
    }

    Flow inspect(int port) throws CommandException {
        out.show(Line.of("inspector: {}", inspect.start(port)));
        return Flow.CONTINUE;
    }

    private void startWindow() {
        windowStarts.clear();
        for (HostedWorld world : host.worlds()) {
            windowStarts.put(world.name(), world.journal().lastSequence());
        }
        matched.clear();
    }

    HostCommands hostCommands() {
        return hostCommands;
    }

    /** The world commands act on now, if any is open. Any thread. */
    public Optional<HostedWorld> currentWorld() {
        return Optional.ofNullable(currentOrNull());
    }

    // ---------------------------------------------------------------- worlds

    /** The world commands act on. */
    HostedWorld world() throws CommandException {
        HostedWorld world = currentOrNull();
        if (world == null) {
            throw new CommandException("no world is open; world open FILE opens one");
        }
        return world;
    }

    private HostedWorld currentOrNull() {
        List<HostedWorld> open = host.worlds();
        if (current != null) {
            for (HostedWorld world : open) {
                if (world.name().equals(current)) {
                    return world;
                }
            }
        }
        return open.isEmpty() ? null : open.get(0);
    }

    Flow worldList() {
        HostedWorld chosen = currentOrNull();
        for (HostedWorld world : host.worlds()) {
            out.show(
                    Line.of(
                            "{} {} ({} components, tick {})",
                            world == chosen ? "*" : " ",
                            Shown.quoted(world.name()),
                            world.world().componentCount(),
                            world.loop().tick()));
        }
        if (chosen == null) {
            out.show(Line.of("no world is open"));
        }
        return Flow.CONTINUE;
    }

    Flow worldOpen(String file) throws CommandException {
        try {
            HostedWorld opened = host.openWorld(Path.of(file));
            out.show(Line.of("opened world {} from {}", Shown.quoted(opened.name()), file));
        } catch (ConfigException e) {
            throw new CommandException(e.getMessage());
        } catch (HostStartException | IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        return Flow.CONTINUE;
    }

    Flow worldClose(String name) throws CommandException {
        try {
            host.closeWorld(name);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException(e.getMessage());
        }
        if (name.equals(current)) {
            current = null;
        }
        out.show(Line.of("closed world {}", Shown.quoted(name)));
        return Flow.CONTINUE;
    }

    Flow worldUse(String name) throws CommandException {
        try {
            current = host.world(name).name();
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        out.show(Line.of("commands act on world {} from now on", Shown.quoted(current)));
        return Flow.CONTINUE;
    }

    // ---------------------------------------------------------------- the component's nodes

    Flow connect(String address, String url, String user) throws CommandException {
        URI parsed = url == null ? null : parseUrl(url);
        return onWorld(w -> client(w, address).connect(parsed, user));
    }

    Flow disconnect(String address) throws CommandException {
        return onWorld(w -> client(w, address).disconnect());
    }

    Flow sendText(String address, String text) throws CommandException {
        return onWorld(w -> client(w, address).sendText(text));
    }

    Flow sendBinary(String address, byte[] data) throws CommandException {
        return onWorld(w -> client(w, address).sendBinary(data));
    }

    Flow requestHostAccess(String address, String targetHost, int port, String scope)
            throws CommandException {
        return onWorld(
                w ->
                        client(w, address)
                                .requestHostAccess(
                                        targetHost, port, HostAccessScope.byName(scope)));
    }

    private static WebsocketClientNodes client(SimpleWorld world, String address) {
        SimpleComponent component =
                ComponentAddress.resolve(
                        world,
                        address,
                        c -> c.typeName().equals(WebsocketClientNodes.TYPE),
                        WebsocketClientNodes.TYPE);
        if (component.behaviour().orElse(null) instanceof WebsocketClientNodes nodes) {
            return nodes;
        }
        throw new IllegalArgumentException(
                "the WebsocketClient "
                        + Shown.quoted(component.id())
                        + " is inert: its plugin is not running");
    }

    // ---------------------------------------------------------------- the world's contents

    Flow set(String address, String fieldName, String value) throws CommandException {
        return onWorld(
                w -> {
                    SimpleComponent component =
                            ComponentAddress.resolve(
                                    w,
                                    address,
                                    c -> c.field(fieldName).isPresent(),
                                    "component with a field " + Shown.quoted(fieldName));
                    Field<?> field = component.field(fieldName).orElseThrow();
                    field.setText(value);
                });
    }

    Flow add(Tokens t) throws CommandException {
        String slotPath = t.get(1);
        String typeName = t.get(2);
        Map<String, String> texts = new LinkedHashMap<>();
        for (String assignment : t.from(3)) {
            int eq = assignment.indexOf('=');
            texts.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        String[] added = new String[1];
        onWorld(
                world -> {
                    ComponentType type =
                            world.componentTypes()
                                    .find(typeName)
                                    .orElseThrow(
                                            () ->
                                                    new UnknownComponentTypeException(
                                                            typeName,
                                                            world.componentTypes().names()));
                    Map<String, Object> values = new LinkedHashMap<>();
                    texts.forEach(
                            (name, text) -> {
                                FieldSpec<?> spec = FieldValues.writableSpec(type, name);
                                values.put(name, FieldValues.parse(spec, text));
                            });
                    SimpleSlot slot =
                            world.slot(slotPath).orElseGet(() -> createSlot(world, slotPath));
                    added[0] = world.addComponent(slot, typeName, values).id();
                });
        out.show(Line.of("added {}", Shown.name(added[0])));
        return Flow.CONTINUE;
    }

    private static SimpleSlot createSlot(SimpleWorld world, String path) {
        int slash = path.lastIndexOf('/');
        SimpleSlot parent = slash < 0 ? null : world.requireSlot(path.substring(0, slash));
        return world.addSlot(parent, path.substring(slash + 1));
    }

    Flow remove(String slot) throws CommandException {
        return onWorld(w -> w.removeSlot(ComponentAddress.slot(w, slot)));
    }

    Flow join(String user, boolean asHost) throws CommandException {
        return onWorld(w -> w.join(user, asHost));
    }

    Flow leave(String user) throws CommandException {
        return onWorld(w -> w.leave(user));
    }

    /** {@code user} null: nobody wears it any more. */
    Flow wear(String slot, String user) throws CommandException {
        return onWorld(
                w ->
                        w.setWornBy(
                                ComponentAddress.slot(w, slot),
                                user == null ? null : w.requireUser(user)));
    }

    /** {@code user} null: released. */
    Flow grab(String slot, String user) throws CommandException {
        return onWorld(
                w ->
                        w.setGrabbedBy(
                                ComponentAddress.slot(w, slot),
                                user == null ? null : w.requireUser(user)));
    }

    Flow spawn(String slot, String user) throws CommandException {
        return onWorld(w -> w.setSpawnedBy(ComponentAddress.slot(w, slot), w.requireUser(user)));
    }

    /**
     * {@code status}: a table of every world's components, grouped by world when several are open;
     * with an address, every field of its components.
     */
    Flow status(String address) throws CommandException {
        if (address != null) {
            HostedWorld world = world();
            call(
                            world,
                            () ->
                                    StatusView.fields(
                                            ComponentAddress.all(world.world(), address), address))
                    .forEach(out::show);
            return Flow.CONTINUE;
        }
        List<HostedWorld> open = host.worlds();
        for (HostedWorld world : open) {
            if (open.size() > 1) {
                out.show(Line.of("world {}", Shown.quoted(world.name())));
            }
            call(world, () -> StatusView.table(world)).forEach(out::show);
        }
        if (open.isEmpty()) {
            out.show(Line.of("no world is open"));
        }
        return Flow.CONTINUE;
    }

    // ---------------------------------------------------------------- consent

    Flow prompts() {
        var pending = host.prompts().pending();
        if (pending.isEmpty()) {
            out.show(Line.of("no consent prompts are pending"));
        }
        pending.forEach(prompt -> prompt.summary().forEach(out::show));
        return Flow.CONTINUE;
    }

    /**
     * {@code answer N CHOICE}, {@code answer USER CHOICE} (the user's oldest prompt) or {@code
     * answer USER N CHOICE}.
     */
    Flow answer(String user, Long id, String choice) throws CommandException {
        ConsentAnswer answer =
                ConsentAnswer.byWord(choice)
                        .orElseThrow(
                                () -> new CommandException("answer with " + ConsentAnswer.words()));
        try {
            ConsentRequest request =
                    host.prompts()
                            .answer(Optional.ofNullable(user), Optional.ofNullable(id), answer);
            out.show(
                    Line.of(
                            "answered {} for {} in world {}: {}",
                            choice,
                            Shown.name(request.user().id()),
                            Shown.quoted(request.world().name()),
                            Shown.name(request.destination())));
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        return Flow.CONTINUE;
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Waits for an event caused since the last acting command, in the current world: the first
     * occurrence after that command started, or after the occurrence the previous wait for the same
     * address and event took. Waits for different events are independent, so their order in a
     * script need not follow the order in which the network delivers them.
     */
    Flow await(String address, String event, double seconds)
            throws WaitTimeoutException, CommandException {
        HostedWorld world = world();
        EventJournal journal = world.journal();
        String key = world.name() + "\u0000" + address + "\u0000" + event;
        long after =
                Math.max(
                        windowStarts.getOrDefault(world.name(), 0L), matched.getOrDefault(key, 0L));
        Optional<HostEvent> seen;
        try {
            seen =
                    journal.await(
                            after, EventJournal.on(address, event), Math.round(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("wait interrupted");
        }
        if (seen.isEmpty()) {
            throw new WaitTimeoutException(
                    "wait: no "
                            + Shown.quoted(event)
                            + " event on "
                            + Shown.quoted(address)
                            + " within "
                            + seconds
                            + " s");
        }
        matched.put(key, seen.get().sequence());
        return Flow.CONTINUE;
    }

    static Flow sleep(double seconds) throws CommandException {
        try {
            Thread.sleep(Math.round(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("sleep interrupted");
        }
        return Flow.CONTINUE;
    }

    Flow help() {
        Commands.help().forEach(out::show);
        return Flow.CONTINUE;
    }

    Flow stats(boolean pretty) {
        Map<String, Object> stats = host.stats();
        if (pretty) {
            Json.pretty(stats).lines().forEach(line -> out.show(Line.of("{}", line)));
        } else {
            out.show(Line.of("{}", Shown.text(Json.object(stats))));
        }
        return Flow.CONTINUE;
    }

    Flow save(String fileName) throws CommandException {
        HostedWorld world = world();
        hostCommands.save(world, fileName);
        return Flow.CONTINUE;
    }

    // ---------------------------------------------------------------- helpers

    private static URI parseUrl(String text) throws CommandException {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new CommandException("not a valid URL: " + e.getMessage());
        }
    }

    /** Work on the current world's update thread. */
    @FunctionalInterface
    interface WorldWork {
        void run(SimpleWorld world);
    }

    private Flow onWorld(WorldWork work) throws CommandException {
        HostedWorld world = world();
        call(
                world,
                () -> {
                    work.run(world.world());
                    return null;
                });
        return Flow.CONTINUE;
    }

    static <T> T call(HostedWorld world, Callable<T> work) throws CommandException {
        try {
            return world.call(work);
        } catch (IllegalArgumentException | IllegalStateException | ReadOnlyFieldException e) {
            throw new CommandException(e.getMessage());
        } catch (Exception e) {
            throw new CommandException(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '#'
                    && !quoted
                    && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
