package dev.wsworld.host.console;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.common.config.Suggestions;
import dev.wsworld.host.output.Line;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console's commands, one row each: name, usage, how many arguments, whether it only observes
 * (and so leaves the window {@code wait} looks in where it is), a check that can be made before
 * anything runs, the help text, and what it does. Checking a script, running a line and {@code
 * help} all read this one table, so a script with a typo fails at once, with its line and column,
 * instead of half-way.
 */
final class Commands {
    static final int UNBOUNDED = Integer.MAX_VALUE;
    static final Pattern HOST_PORT =
            Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^:\\s\\[\\]]+)(?::(\\d{1,5}))?");

    /**
     * Checks a command's arguments; throws {@link IllegalArgumentException} with "column N: why".
     */
    interface Check {
        void check(Tokens tokens);
    }

    /** Carries a command out on the console that runs it. */
    interface Handler {
        CommandInterpreter.Flow run(CommandInterpreter console, Tokens tokens)
                throws CommandException, WaitTimeoutException;
    }

    record Command(
            String name,
            String usage,
            int minArgs,
            int maxArgs,
            boolean observing,
            String help,
            Check check,
            Handler handler) {}

    private static final Check NOTHING = tokens -> {};
    private static final boolean OBSERVES = true;
    private static final boolean ACTS = false;
    private static final Map<String, Command> TABLE = new LinkedHashMap<>();

    static {
        add(
                "wait",
                "wait COMPONENT EVENT [SECONDS]",
                2,
                3,
                OBSERVES,
                "block until EVENT happens on COMPONENT (SLOT#N, or any on SLOT) after the previous"
                        + " command (default 10 s)",
                t -> {
                    if (t.size() > 3) {
                        seconds(t, 3);
                    }
                },
                (c, t) ->
                        c.await(
                                t.get(1),
                                t.get(2),
                                t.size() > 3
                                        ? seconds(t, 3)
                                        : CommandInterpreter.DEFAULT_WAIT_SECONDS));
        add(
                "sleep",
                "sleep SECONDS",
                1,
                1,
                OBSERVES,
                "pause the console; the world keeps ticking",
                t -> seconds(t, 1),
                (c, t) -> CommandInterpreter.sleep(seconds(t, 1)));
        add(
                "connect",
                "connect COMPONENT [URL [USER]]",
                1,
                3,
                ACTS,
                "Connect node: optional new URL and handling user",
                NOTHING,
                (c, t) ->
                        c.connect(
                                t.get(1),
                                t.size() > 2 ? t.get(2) : null,
                                t.size() > 3 ? t.get(3) : null));
        add(
                "disconnect",
                "disconnect COMPONENT",
                1,
                1,
                ACTS,
                "Disconnect node: close with 1000 and stay disconnected",
                NOTHING,
                (c, t) -> c.disconnect(t.get(1)));
        add(
                "send",
                "send COMPONENT text TEXT... | send COMPONENT binary HEX",
                3,
                UNBOUNDED,
                ACTS,
                "send a text or binary message",
                t -> {
                    String kind = t.get(2);
                    if (kind.equals("binary")) {
                        if (t.size() != 4) {
                            throw new IllegalArgumentException(
                                    "column " + t.column(2) + ": usage: send COMPONENT binary HEX");
                        }
                        hex(t, 3);
                    } else if (!kind.equals("text")) {
                        throw new IllegalArgumentException(
                                "column "
                                        + t.column(2)
                                        + ": send takes text or binary, not '"
                                        + kind
                                        + "'");
                    }
                },
                (c, t) ->
                        t.get(2).equals("binary")
                                ? c.sendBinary(t.get(1), hex(t, 3))
                                : c.sendText(t.get(1), t.rest(3)));
        add(
                "set",
                "set COMPONENT FIELD VALUE",
                3,
                UNBOUNDED,
                ACTS,
                "set a field of COMPONENT (SLOT#N, or the one on SLOT that has FIELD)",
                NOTHING,
                (c, t) -> c.set(t.get(1), t.get(2), t.rest(3)));
        add(
                "add",
                "add SLOT TYPE [FIELD=VALUE ...]",
                2,
                UNBOUNDED,
                ACTS,
                "add a component (and the slot if missing)",
                t -> {
                    for (int i = 3; i < t.size(); i++) {
                        if (t.get(i).indexOf('=') <= 0) {
                            throw new IllegalArgumentException(
                                    "column "
                                            + t.column(i)
                                            + ": expected FIELD=VALUE, not '"
                                            + t.get(i)
                                            + "'");
                        }
                    }
                },
                CommandInterpreter::add);
        add(
                "remove",
                "remove SLOT",
                1,
                1,
                ACTS,
                "remove a slot with its children and components",
                NOTHING,
                (c, t) -> c.remove(t.get(1)));
        add(
                "join",
                "join USER [host]",
                1,
                2,
                ACTS,
                "a user joins the session (optionally as host)",
                t -> {
                    if (t.size() == 3 && !t.get(2).equals("host")) {
                        throw new IllegalArgumentException(
                                "column " + t.column(2) + ": usage: join USER [host]");
                    }
                },
                (c, t) -> c.join(t.get(1), t.size() > 2));
        add(
                "leave",
                "leave USER",
                1,
                1,
                ACTS,
                "a user leaves the session",
                NOTHING,
                (c, t) -> c.leave(t.get(1)));
        add(
                "wear",
                "wear SLOT USER",
                2,
                2,
                ACTS,
                "USER wears the avatar containing SLOT",
                NOTHING,
                (c, t) -> c.wear(t.get(1), t.get(2)));
        add(
                "unwear",
                "unwear SLOT",
                1,
                1,
                ACTS,
                "nobody wears SLOT any more",
                NOTHING,
                (c, t) -> c.wear(t.get(1), null));
        add(
                "grab",
                "grab SLOT USER",
                2,
                2,
                ACTS,
                "USER grabs SLOT (interactor)",
                NOTHING,
                (c, t) -> c.grab(t.get(1), t.get(2)));
        add(
                "release",
                "release SLOT",
                1,
                1,
                ACTS,
                "SLOT is released",
                NOTHING,
                (c, t) -> c.grab(t.get(1), null));
        add(
                "spawn",
                "spawn SLOT USER",
                2,
                2,
                ACTS,
                "record USER as the spawner of SLOT",
                NOTHING,
                (c, t) -> c.spawn(t.get(1), t.get(2)));
        add(
                "answer",
                "answer N|USER [N] " + String.join("|", ConsentAnswer.words()),
                2,
                3,
                ACTS,
                "answer consent prompt number N, or USER's oldest (answer 3 allow, answer alice"
                        + " deny)",
                t -> {
                    int last = t.size() - 1;
                    if (last == 3 && !isNumber(t.get(2))) {
                        throw new IllegalArgumentException(
                                "column "
                                        + t.column(2)
                                        + ": expected a prompt number, not '"
                                        + t.get(2)
                                        + "'");
                    }
                    if (ConsentAnswer.byWord(t.get(last)).isEmpty()) {
                        throw new IllegalArgumentException(
                                "column "
                                        + t.column(last)
                                        + ": answer with "
                                        + String.join(", ", ConsentAnswer.words()));
                    }
                },
                (c, t) -> {
                    String choice = t.get(t.size() - 1);
                    if (t.size() == 4) {
                        return c.answer(t.get(1), Long.parseLong(t.get(2)), choice);
                    }
                    return isNumber(t.get(1))
                            ? c.answer(null, Long.parseLong(t.get(1)), choice)
                            : c.answer(t.get(1), null, choice);
                });
        add(
                "request",
                "request COMPONENT HOST PORT [ws|wss|both]",
                3,
                4,
                ACTS,
                "Request Host Access: ask the handling user ahead of a connection (default scope"
                        + " both)",
                t -> {
                    port(t, 3);
                    if (t.size() > 4 && !Set.of("ws", "wss", "both").contains(t.get(4))) {
                        throw new IllegalArgumentException(
                                "column "
                                        + t.column(4)
                                        + ": scope is ws, wss or both, not '"
                                        + t.get(4)
                                        + "'");
                    }
                },
                (c, t) ->
                        c.requestHostAccess(
                                t.get(1), t.get(2), port(t, 3), t.size() > 4 ? t.get(4) : "both"));
        add(
                "prompts",
                "prompts",
                0,
                0,
                OBSERVES,
                "list pending consent prompts with their numbers",
                NOTHING,
                (c, t) -> c.prompts());
        add(
                "grants",
                "grants",
                0,
                0,
                OBSERVES,
                "list lasting consent decisions",
                NOTHING,
                (c, t) -> c.hostCommands().grants());
        add(
                "revoke",
                "revoke USER HOST[:PORT]",
                2,
                2,
                ACTS,
                "forget USER's lasting decisions for HOST (all ports, or one)",
                t -> {
                    if (!HOST_PORT.matcher(t.get(2)).matches()) {
                        throw new IllegalArgumentException(
                                "column "
                                        + t.column(2)
                                        + ": expected HOST or HOST:PORT, not '"
                                        + t.get(2)
                                        + "'");
                    }
                },
                (c, t) -> c.hostCommands().revoke(t.get(1), t.get(2)));
        add(
                "status",
                "status [COMPONENT]",
                0,
                1,
                OBSERVES,
                "components as a table, by world; with SLOT or SLOT#N, every field on its own"
                        + " line",
                NOTHING,
                (c, t) -> c.status(t.size() > 1 ? t.get(1) : null));
        add(
                "stats",
                "stats [--pretty]",
                0,
                1,
                OBSERVES,
                "diagnostics as one JSON line (indented with --pretty)",
                t -> {
                    if (t.size() > 1 && !t.get(1).equals("--pretty")) {
                        throw new IllegalArgumentException(
                                "column " + t.column(1) + ": usage: stats [--pretty]");
                    }
                },
                (c, t) -> c.stats(t.size() > 1));
        add(
                "plugins",
                "plugins",
                0,
                0,
                OBSERVES,
                "list plugins with their state",
                NOTHING,
                (c, t) -> c.hostCommands().plugins());
        add(
                "plugin",
                "plugin stop|start|reload ID",
                2,
                2,
                ACTS,
                "stop, start, or reload (upgrade from the plugins directory) a plugin",
                t -> {
                    if (!Set.of("stop", "start", "reload").contains(t.get(1))) {
                        throw new IllegalArgumentException(
                                "column "
                                        + t.column(1)
                                        + ": plugin takes stop, start or reload, not '"
                                        + t.get(1)
                                        + "'");
                    }
                },
                (c, t) -> c.hostCommands().plugin(t.get(1), t.get(2)));
        add(
                "reload",
                "reload",
                0,
                0,
                ACTS,
                "re-read configuration files; a file with a mistake keeps the old settings",
                NOTHING,
                (c, t) -> c.hostCommands().reload());
        add(
                "save",
                "save FILE",
                1,
                1,
                ACTS,
                "write the current world to a world file",
                NOTHING,
                (c, t) -> c.save(t.get(1)));
        add(
                "quit",
                "quit",
                0,
                0,
                ACTS,
                "exit with status 0",
                NOTHING,
                (c, t) -> CommandInterpreter.Flow.QUIT);
        add(
                "world",
                "world list | world open FILE | world close NAME | world use NAME",
                1,
                2,
                OBSERVES, // a wait after 'world use' still sees what that world did before
                "the host's worlds: list them, open one from a file, close one, or choose the one"
                        + " the commands act on",
                t -> {
                    String action = t.get(1);
                    int arguments = action.equals("list") ? 1 : 2;
                    if (!Set.of("list", "open", "close", "use").contains(action)) {
                        throw new IllegalArgumentException(
                                "column "
                                        + t.column(1)
                                        + ": world takes list, open, close or use, not '"
                                        + action
                                        + "'");
                    }
                    if (t.size() != arguments + 1) {
                        throw new IllegalArgumentException(
                                "column "
                                        + t.column(1)
                                        + ": usage: world "
                                        + (arguments == 1
                                                ? "list"
                                                : action
                                                        + (action.equals("open")
                                                                ? " FILE"
                                                                : " NAME")));
                    }
                },
                (c, t) ->
                        switch (t.get(1)) {
                            case "open" -> c.worldOpen(t.get(2));
                            case "close" -> c.worldClose(t.get(2));
                            case "use" -> c.worldUse(t.get(2));
                            default -> c.worldList();
                        });
        add(
                "inspect",
                "inspect [PORT]",
                0,
                1,
                OBSERVES,
                "start the world inspector in the browser on 127.0.0.1 (PORT, or any free port)"
                        + " and print its address with its token",
                t -> {
                    if (t.size() > 1) {
                        inspectPort(t, 1);
                    }
                },
                (c, t) -> c.inspect(t.size() > 1 ? inspectPort(t, 1) : 0));
        add("help", "help", 0, 0, OBSERVES, "list commands", NOTHING, (c, t) -> c.help());
    }

    private Commands() {}

    private static void add(
            String name,
            String usage,
            int min,
            int max,
            boolean observing,
            String help,
            Check check,
            Handler handler) {
        TABLE.put(name, new Command(name, usage, min, max, observing, help, check, handler));
    }

    /** Every command, in the order help lists them. */
    static Map<String, Command> all() {
        return Collections.unmodifiableMap(TABLE);
    }

    /**
     * The command a line names, with its arguments checked.
     *
     * @throws IllegalArgumentException with "column N: why"
     */
    static Command checked(Tokens tokens) {
        String name = tokens.get(0);
        Command command = TABLE.get(name.toLowerCase(Locale.ROOT));
        if (command == null) {
            throw new IllegalArgumentException(
                    "column 1: unknown command '"
                            + name
                            + "'"
                            + Suggestions.didYouMean(name, TABLE.keySet())
                            + "; try help");
        }
        int args = tokens.size() - 1;
        if (args < command.minArgs() || args > command.maxArgs()) {
            int column = args > command.maxArgs() ? tokens.column(command.maxArgs() + 1) : 1;
            throw new IllegalArgumentException("column " + column + ": usage: " + command.usage());
        }
        command.check().check(tokens);
        return command;
    }

    static int port(Tokens tokens, int index) {
        String text = tokens.get(index);
        if (!text.matches("\\d{1,5}")
                || Integer.parseInt(text) < 1
                || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException(
                    "column "
                            + tokens.column(index)
                            + ": expected a port from 1 to 65535, not '"
                            + text
                            + "'");
        }
        return Integer.parseInt(text);
    }

    /** A port to listen on: 0 (any free one) to 65535. */
    static int inspectPort(Tokens tokens, int index) {
        String text = tokens.get(index);
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException(
                    "column "
                            + tokens.column(index)
                            + ": expected a port from 0 (any free port) to 65535, not '"
                            + text
                            + "'");
        }
        return Integer.parseInt(text);
    }

    static double seconds(Tokens tokens, int index) {
        try {
            double seconds = Double.parseDouble(tokens.get(index));
            if (!(seconds >= 0 && seconds <= 86_400)) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "column "
                            + tokens.column(index)
                            + ": expected seconds (0 to 86400), not '"
                            + tokens.get(index)
                            + "'");
        }
    }

    static byte[] hex(Tokens tokens, int index) {
        String text = tokens.get(index);
        if (text.length() % 2 != 0 || !text.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException(
                    "column "
                            + tokens.column(index)
                            + ": expected hex bytes like 00ff10, not '"
                            + text
                            + "'");
        }
        return HexFormat.of().parseHex(text);
    }

    static List<Line> help() {
        List<Line> lines = new ArrayList<>();
        lines.add(
                Line.of(
                        "commands (one per line; # after a space starts a comment; COMPONENT is"
                                + " SLOT, or SLOT#N for the Nth component on it):"));
        TABLE.values()
                .forEach(
                        command ->
                                lines.add(
                                        Line.of(
                                                "  {}",
                                                String.format(
                                                        "%-56s %s",
                                                        command.usage(), command.help()))));
        return lines;
    }

    /** A prompt number: digits, at most 18 of them. */
    static boolean isNumber(String text) {
        return text.matches("\\d{1,18}");
    }
}
