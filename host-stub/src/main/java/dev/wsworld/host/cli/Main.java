package dev.wsworld.host.cli;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.text.TerminalText;
import dev.wsworld.host.Host;
import dev.wsworld.host.HostOptions;
import dev.wsworld.host.HostStartException;
import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.console.ConsoleRunner;
import dev.wsworld.host.console.TerminalConsole;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.events.Json;
import dev.wsworld.host.output.LineWriter;
import dev.wsworld.host.output.PrintStreamWriter;
import dev.wsworld.host.output.TerminalPrintStream;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The host stub's command line ({@link HostCommand}: {@code --help} lists it) and its three ways to
 * run: script, piped input, terminal.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintStream out =
                new PrintStream(
                        new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, System.err, System.console() != null);
        out.flush();
        System.exit(status);
    }

    /**
     * Runs the host until the script or input ends.
     *
     * @param terminal standard input is a terminal: an interactive console unless a script is given
     * @return the exit status
     */
    public static int run(
            String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        err = TerminalPrintStream.of(err); // error lines quote file contents and world data
        HostCommand command = new HostCommand();
        CommandLine line = new CommandLine(command);
        HostOptions options;
        try {
            line.parseArgs(args);
            if (line.isUsageHelpRequested()) {
                line.usage(out);
                return ConsoleRunner.OK;
            }
            if (line.isVersionHelpRequested()) {
                Versions.print(out, command.plugins);
                return ConsoleRunner.OK;
            }
            options = command.options(line);
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
            }
            err.println("Try --help for the options.");
            return ConsoleRunner.BAD_INPUT;
        }
        if (command.verbose) {
            verbose();
        }
        Optional<String> missing = missingDirectory(line, options);
        if (missing.isPresent()) {
            err.println("error: " + missing.get());
            return ConsoleRunner.BAD_INPUT;
        }
        List<String> script = null;
        if (options.script().isPresent()) {
            Path file = options.script().get();
            try {
                YamlConfigLoader.checkSize(file, MAX_SCRIPT_BYTES, "scripts");
                script = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (ConfigException e) {
                err.println("error: " + e.getMessage());
                return ConsoleRunner.BAD_INPUT;
            } catch (IOException e) {
                err.println("error: cannot read script " + file + ": " + e.getMessage());
                return ConsoleRunner.BAD_INPUT;
            }
            String problem = ConsoleRunner.checkScript(file.toString(), script);
            if (problem != null) {
                err.println("error: " + problem);
                return ConsoleRunner.BAD_INPUT;
            }
        }
        boolean interactive = script == null && terminal && !options.headless();
        if (interactive) {
            return runInteractive(options, !command.noHistory, command.verbose, err);
        }
        // prompts and events reach the console through its own writer: the update thread never
        // waits for a terminal
        LineWriter<Object> console =
                new LineWriter<>(
                        "console",
                        new PrintStreamWriter(out),
                        false,
                        CONSOLE_QUEUE,
                        item -> consoleLine(item, null),
                        Main::droppedLine);
        List<String> lines = script;
        PrintStream errors = err;
        return withHost(
                options,
                console,
                out,
                errors,
                command.verbose,
                () -> {},
                host -> {
                    ConsoleRunner runner =
                            new ConsoleRunner(new CommandInterpreter(host, out), errors);
                    if (lines != null) {
                        return runner.runScript(options.script().get().toString(), lines);
                    }
                    // piped input: a script read as it comes, with events shown as at the console
                    // (unless stdout is the event log)
                    if (!options.events().filter("-"::equals).isPresent()) {
                        showEvents(host, console);
                    }
                    return runner.runStream(
                            "stdin",
                            ConsoleRunner.lines(
                                    new BufferedReader(
                                            new InputStreamReader(in, StandardCharsets.UTF_8))),
                            false);
                });
    }

    /** What runs on a started host: commands, from a script, a pipe or a person. */
    private interface HostSession {
        int run(Host host) throws IOException;
    }

    /**
     * Starts the host and runs the session on it; the console, the host and {@code alsoClose} are
     * closed whatever happens. A host that cannot start is the user's mistake (exit status 2).
     */
    private static int withHost(
            HostOptions options,
            LineWriter<Object> console,
            PrintStream results,
            PrintStream err,
            boolean verbose,
            Runnable alsoClose,
            HostSession session) {
        Host host;
        try {
            host = Host.start(options, console::offer, results);
        } catch (ConfigException | HostStartException e) {
            console.close();
            alsoClose.run();
            report(err, e, verbose);
            return ConsoleRunner.BAD_INPUT;
        }
        try {
            return session.run(host);
        } catch (IOException e) {
            err.println("error: reading commands failed: " + e.getMessage());
            return ConsoleRunner.COMMAND_FAILED;
        } finally {
            host.close();
            console.close();
            alsoClose.run();
        }
    }

    /**
     * A person at a terminal: JLine's line editing, history and completion, output above the line
     * being typed.
     */
    private static int runInteractive(
            HostOptions options, boolean history, boolean verbose, PrintStream err) {
        TerminalConsole terminal;
        try {
            terminal = TerminalConsole.open(TerminalConsole.historyFile(options.config(), history));
        } catch (IOException e) {
            err.println("error: cannot open the terminal: " + e.getMessage());
            return ConsoleRunner.COMMAND_FAILED;
        }
        LineWriter<Object> console =
                new LineWriter<>(
                        "console",
                        terminal.aboveWriter(),
                        false,
                        CONSOLE_QUEUE,
                        item -> consoleLine(item, terminal),
                        Main::droppedLine);
        PrintStream results = terminal.stream(TerminalConsole.Style.PLAIN);
        return withHost(
                options,
                console,
                results,
                err,
                verbose,
                () -> closeQuietly(terminal),
                host -> {
                    terminal.completeFrom(host);
                    greet(host, results);
                    showEvents(host, console);
                    ConsoleRunner runner =
                            new ConsoleRunner(
                                    new CommandInterpreter(host, results),
                                    terminal.stream(TerminalConsole.Style.ERROR));
                    return runner.runStream("stdin", terminal::readLine, true);
                });
    }

    private static void closeQuietly(TerminalConsole terminal) {
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal went away; nothing is left to print to
        }
    }

    /**
     * Debug logging for the host and the plugins, and PF4J's own reports with their stack traces.
     * Takes effect when logging has not started yet, as when the host stub runs from its jar.
     */
    private static void verbose() {
        System.setProperty("org.slf4j.simpleLogger.log.dev.wsworld", "debug");
        System.setProperty("org.slf4j.simpleLogger.log.org.pf4j.AbstractPluginManager", "error");
    }

    /** A start-up error: its one line, with the stack trace only under {@code --verbose}. */
    private static void report(PrintStream err, Exception e, boolean verbose) {
        err.println("error: " + e.getMessage());
        if (verbose) {
            e.printStackTrace(err);
        }
    }

    private static String droppedLine(long dropped) {
        return "... " + dropped + " console line(s) not shown: the console fell behind";
    }

    /**
     * Events since start-up, then each new one; subscribed on the update thread so none is missed
     * or repeated.
     */
    private static void showEvents(Host host, LineWriter<Object> console) {
        try {
            host.call(
                    () -> {
                        host.journal().subscribeFromStart(console::offer);
                        return null;
                    });
        } catch (Exception e) {
            throw new IllegalStateException("cannot show events: " + e.getMessage(), e);
        }
    }

    /**
     * A {@code --config} or {@code --plugins} directory that was named and does not exist is a typo
     * the user must hear of; only the defaults may be missing (the host then says what it does).
     */
    private static Optional<String> missingDirectory(CommandLine line, HostOptions options) {
        if (HostCommand.given(line, "--config") && !Files.isDirectory(options.config())) {
            return Optional.of("--config: directory " + options.config() + " does not exist");
        }
        if (HostCommand.given(line, "--plugins") && !Files.isDirectory(options.plugins())) {
            return Optional.of("--plugins: directory " + options.plugins() + " does not exist");
        }
        return Optional.empty();
    }

    /** Largest script file, checked before it is read. */
    static final long MAX_SCRIPT_BYTES = 1 << 20;

    /** Lines waiting for the console at most; past it they are dropped and counted. */
    static final int CONSOLE_QUEUE = 10_000;

    /**
     * One console line: escaped (slot names and received text come from the world and its servers),
     * then styled.
     */
    private static String consoleLine(Object item, TerminalConsole terminal) {
        String line =
                TerminalText.escape(
                        item instanceof HostEvent event
                                ? "["
                                        + event.slot()
                                        + "] "
                                        + event.name()
                                        + " "
                                        + Json.object(event.data())
                                : item.toString());
        return terminal == null ? line : terminal.styled(line, style(item));
    }

    private static TerminalConsole.Style style(Object item) {
        if (item instanceof HostEvent event) {
            return switch (event.name()) {
                case "connected" -> TerminalConsole.Style.CONNECTED;
                case "disconnected" -> TerminalConsole.Style.DISCONNECTED;
                case "connectFailed", "sendError", "error", "denied", "hostAccessDenied" ->
                        TerminalConsole.Style.ERROR;
                case "consentRequested" -> TerminalConsole.Style.PROMPT;
                default -> TerminalConsole.Style.PLAIN;
            };
        }
        return item.toString().startsWith("consent #")
                        || item.toString().startsWith("  answer with:")
                ? TerminalConsole.Style.PROMPT
                : TerminalConsole.Style.PLAIN;
    }

    private static void greet(Host host, PrintStream out) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("world", host.world().name());
        summary.put(
                "plugins",
                host.plugins().getStartedPlugins().stream().map(p -> p.getPluginId()).toList());
        out.println(
                "wsworld host stub — world '"
                        + host.world().name()
                        + "', plugins "
                        + summary.get("plugins")
                        + ". Type help for commands.");
        host.demoPort()
                .ifPresent(
                        port ->
                                out.println(
                                        "Demo: slot 'echo' holds a WebsocketClient connected to the"
                                                + " echo server on 127.0.0.1:"
                                                + port
                                                + ". Try: send echo text hello"));
    }
}
