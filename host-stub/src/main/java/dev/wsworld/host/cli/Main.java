package dev.wsworld.host.cli;

import dev.wsworld.host.Host;
import dev.wsworld.host.HostOptions;
import dev.wsworld.host.HostStartException;
import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.text.TerminalText;
import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.console.ConsoleRunner;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.events.Json;
import dev.wsworld.host.output.LineWriter;
import dev.wsworld.host.output.PrintStreamWriter;
import dev.wsworld.host.output.TerminalPrintStream;
import dev.wsworld.host.yaml.YamlConfigLoader;

import java.io.BufferedReader;
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
import java.io.FileDescriptor;
import java.io.FileOutputStream;

/** The host stub's command line; see {@link HostOptions#USAGE} and the README. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
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
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        err = TerminalPrintStream.of(err); // error lines quote file contents and world data
        HostOptions options;
        try {
            options = HostOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(HostOptions.USAGE);
            return ConsoleRunner.BAD_INPUT;
        }
        Optional<String> missing = missingDirectory(options);
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
        // prompts and events reach the console through its own writer: the update thread never waits for a terminal
        LineWriter<Object> console = new LineWriter<>("console", new PrintStreamWriter(out), false, CONSOLE_QUEUE,
                Main::consoleLine, dropped -> "... " + dropped + " console line(s) not shown: the console fell behind");
        Host host;
        try {
            host = Host.start(options, console::offer, out);
        } catch (ConfigException | HostStartException e) {
            console.close();
            err.println("error: " + e.getMessage());
            return ConsoleRunner.BAD_INPUT;
        }
        try {
            if (interactive) {
                greet(host, out);
                showEvents(host, console);
            }
            ConsoleRunner runner = new ConsoleRunner(new CommandInterpreter(host, out), out, err);
            if (script != null) {
                return runner.runScript(options.script().get().toString(), script);
            }
            return runner.runStream("stdin", new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), interactive);
        } catch (IOException e) {
            err.println("error: reading commands failed: " + e.getMessage());
            return ConsoleRunner.COMMAND_FAILED;
        } finally {
            host.close();
            console.close();
        }
    }

    /** Events since start-up, then each new one; subscribed on the update thread so none is missed or repeated. */
    private static void showEvents(Host host, LineWriter<Object> console) {
        try {
            host.call(() -> {
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
    private static Optional<String> missingDirectory(HostOptions options) {
        HostOptions defaults = HostOptions.defaults();
        if (!options.config().equals(defaults.config()) && !Files.isDirectory(options.config())) {
            return Optional.of("--config: directory " + options.config() + " does not exist");
        }
        if (!options.plugins().equals(defaults.plugins()) && !Files.isDirectory(options.plugins())) {
            return Optional.of("--plugins: directory " + options.plugins() + " does not exist");
        }
        return Optional.empty();
    }

    /** Largest script file, checked before it is read. */
    static final long MAX_SCRIPT_BYTES = 1 << 20;

    /** Lines waiting for the console at most; past it they are dropped and counted. */
    static final int CONSOLE_QUEUE = 10_000;

    private static String consoleLine(Object item) {
        String line = item instanceof HostEvent event
                ? "[" + event.slot() + "] " + event.name() + " " + Json.object(event.data()) : item.toString();
        return TerminalText.escape(line); // slot names and received text come from the world and its servers

    }

    private static void greet(Host host, PrintStream out) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("world", host.world().name());
        summary.put("plugins", host.plugins().getStartedPlugins().stream().map(p -> p.getPluginId()).toList());
        out.println("wsworld host stub — world '" + host.world().name() + "', plugins "
                + summary.get("plugins") + ". Type help for commands.");
        host.demoPort().ifPresent(port -> out.println("Demo: slot 'echo' holds a WebsocketClient connected to the echo "
                + "server on 127.0.0.1:" + port + ". Try: send echo text hello"));
    }
}
