package dev.wsworld.host.console;

import dev.wsworld.host.Host;
import dev.wsworld.host.output.Screen;
import dev.wsworld.host.output.TerminalScreen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive console on JLine: line editing, history (kept in a file when one is given),
 * completion, and every line of output printed above the line being typed, never inside it. Output
 * from any thread goes through {@link LineReader#printAbove}, which redraws the prompt and the
 * half-typed line below it.
 */
public final class TerminalConsole implements AutoCloseable {
    /** The history file's name in the config directory. */
    public static final String HISTORY_FILE = "host-stub.history";

    private static final String PROMPT = "> ";

    private final Terminal terminal;
    private final LineReader reader;
    private final ConsoleCompleter completer;
    private final TerminalScreen screen;

    private TerminalConsole(Terminal terminal, LineReader reader, ConsoleCompleter completer) {
        this.terminal = terminal;
        this.reader = reader;
        this.completer = completer;
        this.screen = new TerminalScreen(terminal, reader);
    }

    /**
     * Completes slots, components, users, fields, worlds and plugins from this host from now on, in
     * the world the console's commands act on.
     */
    public void completeFrom(Host host, CommandInterpreter interpreter) {
        completer.attach(host, interpreter::currentWorld);
    }

    /**
     * Opens the system terminal.
     *
     * @param history the history file, or empty to keep history for this session only
     */
    public static TerminalConsole open(Optional<Path> history) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        ConsoleCompleter completer = new ConsoleCompleter();
        LineReaderBuilder builder =
                LineReaderBuilder.builder()
                        .terminal(terminal)
                        .appName("host-stub")
                        .completer(completer)
                        .variable(LineReader.HISTORY_SIZE, 1000)
                        .variable(LineReader.HISTORY_FILE_SIZE, 1000)
                        // a line that starts with a space stays out of the history, as in shells
                        .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        history.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        return new TerminalConsole(terminal, builder.build(), completer);
    }

    /**
     * The history file under {@code configDirectory}; empty when history is off or the directory
     * does not exist.
     */
    public static Optional<Path> historyFile(Path configDirectory, boolean enabled) {
        return enabled && Files.isDirectory(configDirectory)
                ? Optional.of(configDirectory.resolve(HISTORY_FILE))
                : Optional.empty();
    }

    /** The next line typed; null at end of input (Ctrl-D). Ctrl-C clears the line. */
    public String readLine() {
        while (true) {
            try {
                return reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                // Ctrl-C: an empty line, as in shells; quit or Ctrl-D leaves
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    /** Where lines go: above the line being typed, styled. Any thread. */
    public Screen screen() {
        return screen;
    }

    @Override
    public void close() throws IOException {
        reader.getHistory().save();
        terminal.close();
    }
}
