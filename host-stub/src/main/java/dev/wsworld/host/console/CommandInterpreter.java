package dev.wsworld.host.console;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.text.Failures;
import dev.wsworld.api.websocketclient.HostAccessScope;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.Field;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.api.world.ReadOnlyFieldException;
import dev.wsworld.host.Host;
import dev.wsworld.host.events.EventJournal;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.events.Json;
import dev.wsworld.host.output.TerminalPrintStream;
import dev.wsworld.host.worldfile.WorldFileWriter;
import dev.wsworld.hostsupport.world.FieldValues;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.world.UnknownComponentTypeException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;

/**
 * Carries out console and script commands against a running {@link Host}. Commands run on the
 * caller's thread; every change to the world is handed to the world's update thread.
 */
public final class CommandInterpreter {
    /** Default {@code wait} timeout. */
    public static final double DEFAULT_WAIT_SECONDS = 10;

    public enum Flow {
        CONTINUE,
        QUIT
    }

    private final Host host;
    private final PrintStream out;

    /** Journal position before the last acting command ran: {@code wait} looks after it. */
    private long windowStart;

    /**
     * Per slot and event, the last occurrence a {@code wait} matched: the next wait for it takes a
     * later one.
     */
    private final Map<String, Long> matched = new HashMap<>();

    /**
     * @param out the console; every line is escaped for the terminal (world data is hostile)
     */
    public CommandInterpreter(Host host, PrintStream out) {
        this.host = host;
        this.out = TerminalPrintStream.of(out);
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
            windowStart = host.journal().lastSequence();
            matched.clear();
        }
        return command.handler().run(this, tokens);
    }

    // ---------------------------------------------------------------- what the commands do (see
    // Commands)

    Flow connect(String slot, String url, String user) throws CommandException {
        URI parsed = url == null ? null : parseUrl(url);
        return onWorld(() -> client(slot).connect(parsed, user));
    }

    Flow disconnect(String slot) throws CommandException {
        return onWorld(() -> client(slot).disconnect());
    }

    Flow sendText(String slot, String text) throws CommandException {
        return onWorld(() -> client(slot).sendText(text));
    }

    Flow sendBinary(String slot, byte[] data) throws CommandException {
        return onWorld(() -> client(slot).sendBinary(data));
    }

    Flow requestHostAccess(String slot, String host, int port, String scope)
            throws CommandException {
        return onWorld(
                () -> client(slot).requestHostAccess(host, port, HostAccessScope.byName(scope)));
    }

    Flow remove(String slot) throws CommandException {
        return onWorld(() -> world().removeSlot(world().requireSlot(slot)));
    }

    Flow join(String user, boolean asHost) throws CommandException {
        return onWorld(() -> world().join(user, asHost));
    }

    Flow leave(String user) throws CommandException {
        return onWorld(() -> world().leave(user));
    }

    /** {@code user} null: nobody wears it any more. */
    Flow wear(String slot, String user) throws CommandException {
        return onWorld(
                () ->
                        world().setWornBy(
                                        world().requireSlot(slot),
                                        user == null ? null : world().requireUser(user)));
    }

    /** {@code user} null: released. */
    Flow grab(String slot, String user) throws CommandException {
        return onWorld(
                () ->
                        world().setGrabbedBy(
                                        world().requireSlot(slot),
                                        user == null ? null : world().requireUser(user)));
    }

    Flow spawn(String slot, String user) throws CommandException {
        return onWorld(
                () -> world().setSpawnedBy(world().requireSlot(slot), world().requireUser(user)));
    }

    Flow stats(boolean pretty) {
        Map<String, Object> stats = host.stats();
        if (pretty) {
            Json.pretty(stats).lines().forEach(out::println);
        } else {
            out.println(Json.object(stats));
        }
        return Flow.CONTINUE;
    }

    Flow reload() {
        host.reloadConfiguration().forEach(out::println);
        return Flow.CONTINUE;
    }

    Flow help() {
        out.print(Commands.help());
        return Flow.CONTINUE;
    }

    /**
     * Waits for an event caused since the last acting command: the first occurrence after that
     * command started, or after the occurrence the previous wait for the same slot and event took.
     * Waits for different events are independent, so their order in a script need not follow the
     * order in which the network delivers them.
     */
    Flow await(String slot, String event, double seconds)
            throws WaitTimeoutException, CommandException {
        String key = slot + "\u0000" + event;
        long after = Math.max(windowStart, matched.getOrDefault(key, 0L));
        Optional<HostEvent> seen;
        try {
            seen =
                    host.journal()
                            .await(after, EventJournal.on(slot, event), Math.round(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("wait interrupted");
        }
        if (seen.isEmpty()) {
            throw new WaitTimeoutException(
                    "wait: no '"
                            + event
                            + "' event on slot '"
                            + slot
                            + "' within "
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

    Flow set(String slotPath, String fieldName, String value) throws CommandException {
        return onWorld(
                () -> {
                    SimpleSlot slot = world().requireSlot(slotPath);
                    for (SimpleComponent component : slot.simpleComponents()) {
                        Optional<Field<?>> field = component.field(fieldName);
                        if (field.isPresent()) {
                            field.get().setText(value);
                            return;
                        }
                    }
                    throw new IllegalArgumentException(
                            "no component on slot '"
                                    + slotPath
                                    + "' has a field '"
                                    + fieldName
                                    + "'");
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
        return onWorld(
                () -> {
                    SimpleWorld world = world();
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
                    world.addComponent(slot, typeName, values);
                });
    }

    private static SimpleSlot createSlot(SimpleWorld world, String path) {
        int slash = path.lastIndexOf('/');
        SimpleSlot parent = slash < 0 ? null : world.requireSlot(path.substring(0, slash));
        return world.addSlot(parent, path.substring(slash + 1));
    }

    Flow prompts() {
        var pending = host.prompts().pending();
        if (pending.isEmpty()) {
            out.println("no consent prompts are pending");
        }
        pending.forEach(prompt -> out.println(prompt.describe()));
        return Flow.CONTINUE;
    }

    /** {@code id} null: the user's oldest prompt. */
    Flow answer(String user, Long id, String choice) throws CommandException {
        ConsentAnswer answer =
                switch (choice) {
                    case "allow" -> ConsentAnswer.GRANTED_ONCE;
                    case "always" -> ConsentAnswer.GRANTED_ALWAYS;
                    case "deny" -> ConsentAnswer.DENIED;
                    default -> ConsentAnswer.IGNORED;
                };
        try {
            ConsentRequest request = host.prompts().answer(user, Optional.ofNullable(id), answer);
            out.println("answered " + choice + " for " + user + ": " + request.destination());
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        return Flow.CONTINUE;
    }

    Flow plugins() {
        var all = host.plugins().getPlugins();
        if (all.isEmpty()) {
            out.println("no plugins in " + host.options().plugins().toAbsolutePath());
        }
        for (var plugin : all) {
            out.println(
                    plugin.getPluginId()
                            + " "
                            + plugin.getDescriptor().getVersion()
                            + " "
                            + plugin.getPluginState()
                            + " "
                            + plugin.getPluginPath());
        }
        host.plugins().problems().forEach(problem -> out.println("problem: " + problem));
        return Flow.CONTINUE;
    }

    Flow plugin(String action, String id) throws CommandException {
        try {
            switch (action) {
                case "stop" -> {
                    requirePlugin(id);
                    out.println(id + " " + host.plugins().stopPlugin(id));
                }
                case "start" -> {
                    requirePlugin(id);
                    var state = host.plugins().startPlugin(id);
                    if (state != org.pf4j.PluginState.STARTED) {
                        throw new CommandException(
                                "plugin '"
                                        + id
                                        + "' did not start: "
                                        + Failures.describe(
                                                host.plugins().getPlugin(id).getFailedException()));
                    }
                    out.println(id + " " + state);
                }
                default -> {
                    var reloaded = host.plugins().reloadPlugin(id);
                    out.println(
                            reloaded.getPluginId()
                                    + " "
                                    + reloaded.getDescriptor().getVersion()
                                    + " "
                                    + reloaded.getPluginState()
                                    + " from "
                                    + reloaded.getPluginPath());
                }
            }
        } catch (IllegalArgumentException
                | IllegalStateException
                | org.pf4j.PluginRuntimeException e) {
            throw new CommandException(e.getMessage());
        }
        return Flow.CONTINUE;
    }

    private void requirePlugin(String id) {
        if (host.plugins().getPlugin(id) == null) {
            throw new IllegalArgumentException("no plugin '" + id + "' is loaded");
        }
    }

    Flow grants() {
        var decisions = host.consentDecisions().decisions();
        if (decisions.isEmpty()) {
            out.println("no lasting consent decisions");
        }
        decisions.forEach(
                (scope, answer) ->
                        out.println(
                                scope
                                        + " "
                                        + (answer == ConsentAnswer.DENIED ? "deny" : "always")));
        return Flow.CONTINUE;
    }

    Flow revoke(String user, String hostPort) throws CommandException {
        Matcher m = Commands.HOST_PORT.matcher(hostPort);
        m.matches();
        Integer port = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        try {
            int removed = host.consentDecisions().revoke(user, m.group(1), port);
            out.println("revoked " + removed + " decision(s) of " + user + " for " + hostPort);
        } catch (IllegalArgumentException e) {
            throw new CommandException("revoke: " + e.getMessage());
        }
        return Flow.CONTINUE;
    }

    /**
     * Columns of the {@code status} table: the header, and the field each shows (empty for the ones
     * built here).
     */
    private static final List<String> STATUS_COLUMNS =
            List.of("SLOT", "TYPE", "STATE", "URL", "USER", "LAST ERROR");

    /**
     * Longest cell of the {@code status} table, in code points: {@code status SLOT} shows whole
     * values.
     */
    static final int MAX_CELL = 60;

    Flow status(String slotPath) throws CommandException {
        List<String> lines =
                call(
                        () ->
                                slotPath == null
                                        ? statusTable()
                                        : statusOf(world().requireSlot(slotPath)));
        lines.forEach(out::println);
        return Flow.CONTINUE;
    }

    /** Update thread: one row per component, columns aligned. */
    private List<String> statusTable() {
        List<List<String>> rows = new ArrayList<>();
        for (SimpleSlot slot : world().slots()) {
            for (SimpleComponent component : slot.simpleComponents()) {
                String user = text(component, "_userId");
                String role = host.handlingRole(component).orElse("");
                rows.add(
                        List.of(
                                slot.path(),
                                component.typeName()
                                        + (component.behaviour().isEmpty() ? " (inert)" : ""),
                                text(component, "State"),
                                text(component, "URL"),
                                user.isEmpty()
                                        ? ""
                                        : role.isEmpty() ? user : user + " (" + role + ")",
                                text(component, "LastError")));
            }
        }
        if (rows.isEmpty()) {
            return List.of("no components");
        }
        int[] widths = new int[STATUS_COLUMNS.size()];
        List<List<String>> shown = new ArrayList<>();
        shown.add(STATUS_COLUMNS);
        for (List<String> row : rows) {
            shown.add(
                    row.stream()
                            .map(cell -> cell.isEmpty() ? "-" : truncate(cell, MAX_CELL))
                            .toList());
        }
        for (List<String> row : shown) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : shown) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Update thread: every field of every component on {@code slot}, one per line. */
    private List<String> statusOf(SimpleSlot slot) {
        List<String> lines = new ArrayList<>();
        for (SimpleComponent component : slot.simpleComponents()) {
            lines.add(
                    slot.path()
                            + " "
                            + component.typeName()
                            + (component.behaviour().isEmpty()
                                    ? " (inert: no running plugin provides it)"
                                    : ""));
            int width =
                    component.fields().stream()
                            .mapToInt(field -> field.name().length())
                            .max()
                            .orElse(0);
            for (Field<?> field : component.fields()) {
                lines.add(
                        "  "
                                + field.name()
                                + " ".repeat(width - field.name().length() + 2)
                                + format(field));
            }
        }
        if (lines.isEmpty()) {
            lines.add("no components on " + slot.path());
        }
        return lines;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String text(SimpleComponent component, String fieldName) {
        return component
                .field(fieldName)
                .map(field -> ((Field) field).spec().type().format(field.get()).toString())
                .orElse("");
    }

    private static String truncate(String text, int limit) {
        int length = text.codePointCount(0, text.length());
        return length <= limit
                ? text
                : text.substring(0, text.offsetByCodePoints(0, limit - 1)) + "\u2026";
    }

    /**
     * Longest field value {@code status} shows, in code points; longer ones end in an ellipsis and
     * their length.
     */
    static final int MAX_SHOWN_VALUE = 256;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String format(Field field) {
        String text = field.spec().type().format(field.get());
        int length = text.codePointCount(0, text.length());
        if (length > MAX_SHOWN_VALUE) {
            text =
                    text.substring(0, text.offsetByCodePoints(0, MAX_SHOWN_VALUE))
                            + "\u2026 ("
                            + length
                            + " characters)";
        }
        return text.isEmpty()
                        || text.chars().anyMatch(Character::isWhitespace)
                        || text.indexOf('"') >= 0
                ? '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"'
                : text;
    }

    /**
     * Written whole to a temporary file beside the target, then moved into place: never half a
     * world.
     */
    Flow save(String fileName) throws CommandException {
        Path file = Path.of(fileName);
        String yaml = call(() -> WorldFileWriter.write(world()));
        Path target = file.toAbsolutePath();
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Path temporary =
                    Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, yaml, StandardCharsets.UTF_8);
                Files.move(
                        temporary,
                        target,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new CommandException("cannot save to " + file + ": " + e.getMessage());
        }
        out.println("saved world to " + file);
        return Flow.CONTINUE;
    }

    private WebsocketClientNodes client(String slotPath) {
        SimpleSlot slot = world().requireSlot(slotPath);
        boolean inert = false;
        for (SimpleComponent component : slot.simpleComponents()) {
            if (component.typeName().equals(WebsocketClientNodes.TYPE)) {
                if (component.behaviour().orElse(null) instanceof WebsocketClientNodes nodes) {
                    return nodes;
                }
                inert = true;
            }
        }
        throw new IllegalArgumentException(
                inert
                        ? "the WebsocketClient on slot '"
                                + slotPath
                                + "' is inert: its plugin is not running"
                        : "no WebsocketClient on slot '" + slotPath + "'");
    }

    private static URI parseUrl(String text) throws CommandException {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new CommandException("not a valid URL: " + e.getMessage());
        }
    }

    private SimpleWorld world() {
        return host.world();
    }

    private Flow onWorld(Runnable work) throws CommandException {
        call(
                () -> {
                    work.run();
                    return null;
                });
        return Flow.CONTINUE;
    }

    private <T> T call(Callable<T> work) throws CommandException {
        try {
            return host.call(work);
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
