package dev.wsworld.host.console;

import dev.wsworld.host.Host;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

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
    private final boolean colour;

    private TerminalConsole(
            Terminal terminal, LineReader reader, ConsoleCompleter completer, boolean colour) {
        this.terminal = terminal;
        this.reader = reader;
        this.completer = completer;
        this.colour = colour;
    }

    /** Completes slots, users, fields and plugins from this host from now on. */
    public void completeFrom(Host host) {
        completer.attach(host);
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
        boolean colour =
                System.getenv("NO_COLOR") == null
                        && !Terminal.TYPE_DUMB.equals(terminal.getType())
                        && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        return new TerminalConsole(terminal, builder.build(), completer, colour);
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

    /** Prints one line above the line being typed. Any thread. */
    public void printAbove(String line, Style style) {
        reader.printAbove(styled(line, style));
    }

    /** {@code line} in {@code style}, as ANSI when colours are on; plain otherwise. */
    public String styled(String line, Style style) {
        if (!colour || style == Style.PLAIN) {
            return line;
        }
        return new AttributedStringBuilder().style(style.jline).append(line).toAnsi(terminal);
    }

    /**
     * Output for command results and errors: each line printed above the prompt in {@code style}.
     */
    public PrintStream stream(Style style) {
        return new PrintStream(
                new LineOutputStream(line -> printAbove(line, style)),
                true,
                StandardCharsets.UTF_8);
    }

    /**
     * A writer for a {@code LineWriter}: each line it writes is printed above the prompt, as
     * formatted.
     */
    public Writer aboveWriter() {
        return new Writer() {
            @Override
            public void write(String text) {
                for (String line : text.split("\n")) {
                    reader.printAbove(line);
                }
            }

            @Override
            public void write(char[] buffer, int offset, int length) {
                write(new String(buffer, offset, length));
            }

            @Override
            public void flush() {
                terminal.flush();
            }

            @Override
            public void close() {
                terminal.flush();
            }
        };
    }

    @Override
    public void close() throws IOException {
        reader.getHistory().save();
        terminal.close();
    }

    /** How a line is shown; plain when colours are off. */
    public enum Style {
        PLAIN(AttributedStyle.DEFAULT),
        ERROR(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)),
        PROMPT(AttributedStyle.BOLD.foreground(AttributedStyle.CYAN)),
        CONNECTED(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN)),
        DISCONNECTED(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW));

        private final AttributedStyle jline;

        Style(AttributedStyle jline) {
            this.jline = jline;
        }
    }

    /** Collects bytes up to each line break and hands the line over. */
    private static final class LineOutputStream extends OutputStream {
        private final Consumer<String> lines;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineOutputStream(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.accept(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            } else {
                pending.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() {
            if (pending.size() > 0) {
                lines.accept(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            }
        }
    }
}
