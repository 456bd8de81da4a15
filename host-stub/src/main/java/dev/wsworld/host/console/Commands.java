package dev.wsworld.host.console;

import dev.wsworld.api.config.Suggestions;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
    static final Set<String> ANSWERS = Set.of("allow", "always", "deny", "ignore");

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
                "wait SLOT EVENT [SECONDS]",
                2,
                3,
                OBSERVES,
                "block until EVENT happens on SLOT after the previous command (default 10 s)",
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
                "connect SLOT [URL [USER]]",
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
                "disconnect SLOT",
                1,
                1,
                ACTS,
                "Disconnect node: close with 1000 and stay disconnected",
                NOTHING,
                (c, t) -> c.disconnect(t.get(1)));
        add(
                "send",
                "send SLOT text TEXT... | send SLOT binary HEX",
                3,
                UNBOUNDED,
                ACTS,
                "send a text or binary message",
                t -> {
                    String kind = t.get(2);
                    if (kind.equals("binary")) {
                        if (t.size() != 4) {
                            throw new IllegalArgumentException(
                                    "column " + t.column(2) + ": usage: send SLOT binary HEX");
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
                "set SLOT FIELD VALUE",
                3,
                UNBOUNDED,
                ACTS,
                "set a component field on SLOT",
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
                "answer USER [ID] allow|always|deny|ignore",
                2,
                3,
                ACTS,
                "answer USER's consent prompt number ID, or the oldest",
                t -> {
                    int last = t.size() - 1;
                    if (last == 3 && !t.get(2).matches("\\d{1,18}")) {
                        throw new IllegalArgumentException(
                                "column "
                                        + t.column(2)
                                        + ": expected a prompt number, not '"
                                        + t.get(2)
                                        + "'");
                    }
                    if (!ANSWERS.contains(t.get(last))) {
                        throw new IllegalArgumentException(
                                "column "
                                        + t.column(last)
                                        + ": answer with allow, always, deny or ignore");
                    }
                },
                (c, t) ->
                        c.answer(
                                t.get(1),
                                t.size() > 3 ? Long.parseLong(t.get(2)) : null,
                                t.get(t.size() - 1)));
        add(
                "request",
                "request SLOT HOST PORT [ws|wss|both]",
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
                (c, t) -> c.grants());
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
                (c, t) -> c.revoke(t.get(1), t.get(2)));
        add(
                "status",
                "status [SLOT]",
                0,
                1,
                OBSERVES,
                "components as a table; with SLOT, every field on its own line",
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
                (c, t) -> c.plugins());
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
                (c, t) -> c.plugin(t.get(1), t.get(2)));
        add(
                "reload",
                "reload",
                0,
                0,
                ACTS,
                "re-read configuration files; a file with a mistake keeps the old settings",
                NOTHING,
                (c, t) -> c.reload());
        add(
                "save",
                "save FILE",
                1,
                1,
                ACTS,
                "write the world to a world file",
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

    static String help() {
        StringBuilder text = new StringBuilder("commands (one per line; # starts a comment):\n");
        TABLE.values()
                .forEach(
                        command ->
                                text.append(
                                        String.format(
                                                "  %-44s %s%n", command.usage(), command.help())));
        return text.toString();
    }
}
