package dev.wsworld.host.cli;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.host.Host;
import dev.wsworld.host.HostOptions;
import dev.wsworld.host.HostStartException;
import dev.wsworld.host.HostedWorld;
import dev.wsworld.host.console.CommandException;
import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.console.ConsoleRunner;
import dev.wsworld.host.console.TerminalConsole;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.inspector.InspectorLauncher;
import dev.wsworld.host.output.ErrorOutput;
import dev.wsworld.host.output.Json;
import dev.wsworld.host.output.Line;
import dev.wsworld.host.output.QueuedScreen;
import dev.wsworld.host.output.Screen;
import dev.wsworld.host.output.Shown;
import dev.wsworld.host.output.StreamScreen;
import dev.wsworld.host.output.Style;
import dev.wsworld.hostsupport.yaml.Utf8;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The host stub's command line ({@link HostCommand}: {@code --help} lists it) and its three ways to
 * run: script, piped input, terminal. Everything it shows is a {@link Line}: world text reaches the
 * console escaped and bounded, or not at all.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        ErrorOutput.install(); // log lines quote world data: escaped whoever writes them
        PrintStream out =
                new PrintStream(
                        new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, ErrorOutput.stream(), atTerminal());
        out.flush();
        System.exit(status);
    }

    /**
     * Whether standard input and output are a terminal. Up to JDK 21 that is {@code
     * System.console() != null}; from JDK 22 a console exists for pipes too, and says so by {@code
     * isTerminal()}, asked by name so the host stub still builds for Java 17.
     */
    @SuppressWarnings("SystemConsoleNull") // isTerminal() below answers for JDK 22 and newer
    private static boolean atTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console exists only at a terminal
        }
    }

    /**
     * Runs the host until the script or input ends.
     *
     * @param terminal standard input is a terminal: an interactive console unless a script is given
     * @return the exit status
     */
    public static int run(
            String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        StreamScreen results = new StreamScreen(out);
        StreamScreen errors = new StreamScreen(err);
        HostCommand command = new HostCommand();
        CommandLine line = new CommandLine(command);
        HostOptions options;
        try {
            line.parseArgs(args);
            if (line.isUsageHelpRequested()) {
                StringWriter usage = new StringWriter();
                line.usage(new PrintWriter(usage));
                usage.toString().lines().forEach(text -> results.show(Line.of("{}", text)));
                return ConsoleRunner.OK;
            }
            if (line.isVersionHelpRequested()) {
                Versions.print(results, command.plugins);
                return ConsoleRunner.OK;
            }
            options = command.options(line);
        } catch (CommandLine.ParameterException e) {
            errors.show(Line.of("error: {}", e.getMessage()));
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                StringWriter suggestions = new StringWriter();
                CommandLine.UnmatchedArgumentException.printSuggestions(
                        unmatched, new PrintWriter(suggestions));
                suggestions.toString().lines().forEach(text -> errors.show(Line.of("{}", text)));
            }
            errors.show(Line.of("Try --help for the options."));
            return ConsoleRunner.BAD_INPUT;
        }
        if (command.verbose) {
            verbose();
        }
        Optional<String> missing = missingDirectory(line, options);
        if (missing.isPresent()) {
            errors.show(Line.of("error: {}", missing.get()));
            return ConsoleRunner.BAD_INPUT;
        }
        if (!options.consent().answers().isEmpty()) {
            // said once at start, so nobody wonders why nobody is asked
            errors.show(
                    Line.of(
                            "consent answered in advance (--consent): {}",
                            Shown.text(options.consent().describe())));
        }
        List<String> script = null;
        if (options.script().isPresent()) {
            Path file = options.script().get();
            try {
                YamlConfigLoader.checkSize(file, MAX_SCRIPT_BYTES, "scripts");
                Optional<String> text = Utf8.read(file);
                if (text.isEmpty()) {
                    errors.show(Line.of("error: script {} does not exist", file));
                    return ConsoleRunner.BAD_INPUT;
                }
                script = text.get().lines().toList();
            } catch (ConfigException e) {
                errors.show(Line.of("error: {}", e.getMessage()));
                return ConsoleRunner.BAD_INPUT;
            }
            String problem = ConsoleRunner.checkScript(file.toString(), script);
            if (problem != null) {
                errors.show(Line.of("error: {}", problem));
                return ConsoleRunner.BAD_INPUT;
            }
        }
        boolean interactive = script == null && terminal && !options.headless();
        if (interactive) {
            return runInteractive(options, !command.noHistory, command.verbose, out, errors);
        }
        // prompts and events reach the console through its own queue: no update thread waits
        QueuedScreen console = new QueuedScreen(results);
        List<String> lines = script;
        return withHost(
                options,
                console,
                out,
                errors,
                command.verbose,
                () -> {},
                (host, inspector) -> {
                    CommandInterpreter interpreter =
                            new CommandInterpreter(host, results, inspector);
                    ConsoleRunner runner = new ConsoleRunner(interpreter, errors);
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
        int run(Host host, InspectorLauncher inspector) throws IOException;
    }

    /**
     * Starts the host and runs the session on it; the console, the host and {@code alsoClose} are
     * closed whatever happens. A host that cannot start is the user's mistake (exit status 2).
     */
    private static int withHost(
            HostOptions options,
            QueuedScreen console,
            PrintStream eventOutput,
            Screen errors,
            boolean verbose,
            Runnable alsoClose,
            HostSession session) {
        Host host;
        try {
            host = Host.start(options, console, eventOutput);
        } catch (ConfigException | HostStartException e) {
            console.close();
            alsoClose.run();
            report(errors, e, verbose);
            return ConsoleRunner.BAD_INPUT;
        }
        InspectorLauncher inspector = new InspectorLauncher(host);
        try {
            if (options.inspect().isPresent()) {
                try {
                    // the address carries the token: said once, on a line of its own
                    console.show(
                            Line.of(
                                    "inspector: {}",
                                    inspector.start(options.inspect().getAsInt())));
                } catch (CommandException e) {
                    errors.show(Line.of("error: --inspect: {}", e.getMessage()));
                    return ConsoleRunner.BAD_INPUT;
                }
            }
            return session.run(host, inspector);
        } catch (IOException e) {
            errors.show(Line.of("error: reading commands failed: {}", e.getMessage()));
            return ConsoleRunner.COMMAND_FAILED;
        } finally {
            inspector.close();
            host.close();
            console.close();
            alsoClose.run();
        }
    }

    /**
     * A person at a terminal: JLine's line editing, history and completion, output above the line
     * being typed, log lines too.
     */
    private static int runInteractive(
            HostOptions options,
            boolean history,
            boolean verbose,
            PrintStream eventOutput,
            Screen errors) {
        TerminalConsole terminal;
        try {
            terminal = TerminalConsole.open(TerminalConsole.historyFile(options.config(), history));
        } catch (IOException e) {
            errors.show(Line.of("error: cannot open the terminal: {}", e.getMessage()));
            return ConsoleRunner.COMMAND_FAILED;
        }
        Screen screen = terminal.screen();
        ErrorOutput.showAbove(screen);
        QueuedScreen console = new QueuedScreen(screen);
        return withHost(
                options,
                console,
                eventOutput,
                line -> screen.show(line.in(Style.ERROR)),
                verbose,
                () -> {
                    ErrorOutput.showPlain();
                    closeQuietly(terminal);
                },
                (host, inspector) -> {
                    CommandInterpreter interpreter =
                            new CommandInterpreter(host, screen, inspector);
                    terminal.completeFrom(host, interpreter);
                    greet(host, screen);
                    showEvents(host, console);
                    ConsoleRunner runner =
                            new ConsoleRunner(
                                    interpreter, line -> screen.show(line.in(Style.ERROR)));
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
        System.setProperty("org.slf4j.simpleLogger.log.org.pf4j", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.pf4j.AbstractPluginManager", "error");
    }

    /** A start-up error: its one line, with the stack trace only under {@code --verbose}. */
    private static void report(Screen err, Exception e, boolean verbose) {
        err.show(Line.of("error: {}", e.getMessage()));
        if (verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(text -> err.show(Line.of("{}", text)));
        }
    }

    /**
     * Every world's events since start-up, then each new one, and those of worlds opened later;
     * subscribed on each world's update thread so none is missed or repeated.
     */
    private static void showEvents(Host host, Screen console) {
        host.onWorldOpened(
                world -> world.journal().subscribe(event -> console.show(shown(host, event))));
        for (HostedWorld world : host.worlds()) {
            try {
                world.call(
                        () -> {
                            world.journal()
                                    .subscribeFromStart(event -> console.show(shown(host, event)));
                            return null;
                        });
            } catch (Exception e) {
                throw new IllegalStateException("cannot show events: " + e.getMessage(), e);
            }
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

    /**
     * One event on the console: {@code [echo#1] connected {...}}, with the world's name first when
     * the host runs several; the component and its data as foreign text.
     */
    private static Line shown(Host host, HostEvent event) {
        Line line =
                host.worlds().size() > 1
                        ? Line.of(
                                "[{}: {}] {} {}",
                                Shown.name(event.world()),
                                Shown.name(event.component()),
                                Shown.name(event.name()),
                                Shown.text(Json.object(event.data())))
                        : Line.of(
                                "[{}] {} {}",
                                Shown.name(event.component()),
                                Shown.name(event.name()),
                                Shown.text(Json.object(event.data())));
        return line.in(style(event));
    }

    private static Style style(HostEvent event) {
        return switch (event.name()) {
            case "connected" -> Style.CONNECTED;
            case "disconnected" -> Style.DISCONNECTED;
            case "connectFailed", "sendError", "error", "denied", "hostAccessDenied" -> Style.ERROR;
            case "consentRequested" -> Style.PROMPT;
            default -> Style.PLAIN;
        };
    }

    private static void greet(Host host, Screen out) {
        List<String> worlds = host.worlds().stream().map(HostedWorld::name).toList();
        List<String> plugins =
                host.plugins().getStartedPlugins().stream().map(p -> p.getPluginId()).toList();
        out.show(
                Line.of(
                        "wsworld host stub: {} {}, plugins {}. Type help for commands.",
                        worlds.size() == 1 ? "world" : "worlds",
                        Shown.text(worlds.toString()),
                        Shown.text(plugins.toString())));
        host.demoPort()
                .ifPresent(
                        port ->
                                out.show(
                                        Line.of(
                                                "Demo: slot 'echo' holds a WebsocketClient"
                                                        + " connected to the echo server on"
                                                        + " 127.0.0.1:{}. Try: send echo text"
                                                        + " hello",
                                                port)));
    }
}
