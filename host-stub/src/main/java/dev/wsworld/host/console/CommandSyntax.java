package dev.wsworld.host.console;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command language: names, argument counts and the checks that can be made before anything
 * runs, so a script with a typo fails at once with its line and column instead of half-way.
 */
final class CommandSyntax {
    record Spec(String usage, int minArgs, int maxArgs, String help) {
    }

    static final int UNBOUNDED = Integer.MAX_VALUE;
    static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^:\\s\\[\\]]+)(?::(\\d{1,5}))?");
    static final Set<String> ANSWERS = Set.of("allow", "always", "deny", "ignore");

    static final Map<String, Spec> COMMANDS = new LinkedHashMap<>();

    static {
        add("wait", "wait SLOT EVENT [SECONDS]", 2, 3, "block until EVENT happens on SLOT after the previous command (default 10 s)");
        add("sleep", "sleep SECONDS", 1, 1, "pause the console; the world keeps ticking");
        add("connect", "connect SLOT [URL [USER]]", 1, 3, "Connect node: optional new URL and handling user");
        add("disconnect", "disconnect SLOT", 1, 1, "Disconnect node: close with 1000 and stay disconnected");
        add("send", "send SLOT text TEXT... | send SLOT binary HEX", 3, UNBOUNDED, "send a text or binary message");
        add("set", "set SLOT FIELD VALUE", 3, UNBOUNDED, "set a component field on SLOT");
        add("add", "add SLOT TYPE [FIELD=VALUE ...]", 2, UNBOUNDED, "add a component (and the slot if missing)");
        add("remove", "remove SLOT", 1, 1, "remove a slot with its children and components");
        add("join", "join USER [host]", 1, 2, "a user joins the session (optionally as host)");
        add("leave", "leave USER", 1, 1, "a user leaves the session");
        add("wear", "wear SLOT USER", 2, 2, "USER wears the avatar containing SLOT");
        add("unwear", "unwear SLOT", 1, 1, "nobody wears SLOT any more");
        add("grab", "grab SLOT USER", 2, 2, "USER grabs SLOT (interactor)");
        add("release", "release SLOT", 1, 1, "SLOT is released");
        add("spawn", "spawn SLOT USER", 2, 2, "record USER as the spawner of SLOT");
        add("answer", "answer USER [ID] allow|always|deny|ignore", 2, 3,
                "answer USER's consent prompt number ID, or the oldest");
        add("prompts", "prompts", 0, 0, "list pending consent prompts with their numbers");
        add("grants", "grants", 0, 0, "list lasting consent decisions");
        add("revoke", "revoke USER HOST[:PORT]", 2, 2, "forget USER's lasting decisions for HOST (all ports, or one)");
        add("status", "status [SLOT]", 0, 1, "show components' fields");
        add("stats", "stats", 0, 0, "diagnostics as JSON: connections, states, queues, threads, heap");
        add("plugins", "plugins", 0, 0, "list plugins with their state");
        add("plugin", "plugin stop|start|reload ID", 2, 2, "stop, start, or reload (upgrade from the plugins directory) a plugin");
        add("reload", "reload", 0, 0, "re-read configuration files; a file with a mistake keeps the old settings");
        add("save", "save FILE", 1, 1, "write the world to a world file");
        add("quit", "quit", 0, 0, "exit with status 0");
        add("help", "help", 0, 0, "list commands");
    }

    private CommandSyntax() {
    }

    private static void add(String name, String usage, int min, int max, String help) {
        COMMANDS.put(name, new Spec(usage, min, max, help));
    }

    /**
     * Checks one line's form.
     *
     * @throws IllegalArgumentException with "column N: why"
     */
    static void check(Tokens tokens) {
        String name = tokens.get(0);
        Spec spec = COMMANDS.get(name.toLowerCase(Locale.ROOT));
        if (spec == null) {
            String suggestion = dev.wsworld.api.config.Suggestions.didYouMean(name, COMMANDS.keySet());
            throw new IllegalArgumentException("column 1: unknown command '" + name + "'" + suggestion + "; try help");
        }
        int args = tokens.size() - 1;
        if (args < spec.minArgs() || args > spec.maxArgs()) {
            int column = args > spec.maxArgs() ? tokens.column(spec.maxArgs() + 1) : 1;
            throw new IllegalArgumentException("column " + column + ": usage: " + spec.usage());
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "wait" -> {
                if (args == 3) {
                    seconds(tokens, 3);
                }
            }
            case "sleep" -> seconds(tokens, 1);
            case "send" -> {
                String kind = tokens.get(2);
                if (kind.equals("binary")) {
                    if (args != 3) {
                        throw new IllegalArgumentException("column " + tokens.column(2) + ": usage: send SLOT binary HEX");
                    }
                    hex(tokens, 3);
                } else if (!kind.equals("text")) {
                    throw new IllegalArgumentException("column " + tokens.column(2) + ": send takes text or binary, not '" + kind + "'");
                }
            }
            case "join" -> {
                if (args == 2 && !tokens.get(2).equals("host")) {
                    throw new IllegalArgumentException("column " + tokens.column(2) + ": usage: join USER [host]");
                }
            }
            case "revoke" -> {
                if (!HOST_PORT.matcher(tokens.get(2)).matches()) {
                    throw new IllegalArgumentException("column " + tokens.column(2) + ": expected HOST or HOST:PORT, not '" + tokens.get(2) + "'");
                }
            }
            case "plugin" -> {
                if (!Set.of("stop", "start", "reload").contains(tokens.get(1))) {
                    throw new IllegalArgumentException("column " + tokens.column(1) + ": plugin takes stop, start or reload, not '" + tokens.get(1) + "'");
                }
            }
            case "answer" -> {
                if (args == 3 && !tokens.get(2).matches("#?\\d{1,18}")) {
                    throw new IllegalArgumentException("column " + tokens.column(2) + ": expected a prompt number, not '"
                            + tokens.get(2) + "'");
                }
                if (!ANSWERS.contains(tokens.get(args))) {
                    throw new IllegalArgumentException("column " + tokens.column(args) + ": answer with allow, always, deny or ignore");
                }
            }
            case "add" -> {
                for (int i = 3; i < tokens.size(); i++) {
                    if (tokens.get(i).indexOf('=') <= 0) {
                        throw new IllegalArgumentException("column " + tokens.column(i) + ": expected FIELD=VALUE, not '" + tokens.get(i) + "'");
                    }
                }
            }
            default -> {
            }
        }
    }

    static double seconds(Tokens tokens, int index) {
        try {
            double seconds = Double.parseDouble(tokens.get(index));
            if (!(seconds >= 0 && seconds <= 86_400)) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + tokens.column(index) + ": expected seconds (0 to 86400), not '"
                    + tokens.get(index) + "'");
        }
    }

    static byte[] hex(Tokens tokens, int index) {
        String text = tokens.get(index);
        if (text.length() % 2 != 0 || !text.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException("column " + tokens.column(index) + ": expected hex bytes like 00ff10, not '" + text + "'");
        }
        byte[] data = new byte[text.length() / 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return data;
    }

    static String help() {
        StringBuilder text = new StringBuilder("commands (one per line; # starts a comment):\n");
        COMMANDS.values().forEach(spec -> text.append(String.format("  %-44s %s%n", spec.usage(), spec.help())));
        return text.toString();
    }
}
