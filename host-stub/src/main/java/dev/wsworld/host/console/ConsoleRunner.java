package dev.wsworld.host.console;

import dev.wsworld.host.output.TerminalPrintStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Feeds lines to a {@link CommandInterpreter} and turns outcomes into exit statuses: 0 at the end
 * or on {@code quit}, 1 when a script command fails, 2 for a malformed script, 3 when a {@code
 * wait} times out. Interactively, errors are printed and the console goes on.
 */
public final class ConsoleRunner {
    public static final int OK = 0;
    public static final int COMMAND_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int WAIT_TIMED_OUT = 3;

    private final CommandInterpreter interpreter;
    private final PrintStream err;

    /**
     * @param err where errors go; its lines are escaped for the terminal, as they quote world data
     */
    public ConsoleRunner(CommandInterpreter interpreter, PrintStream err) {
        this.interpreter = interpreter;
        this.err = TerminalPrintStream.of(err);
    }

    /**
     * Checks every line of a script before anything runs.
     *
     * @return the first error as {@code source:line:column: why}, or null when all lines are well
     *     formed
     */
    public static String checkScript(String source, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            try {
                CommandInterpreter.check(lines.get(i));
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                String column = "1";
                if (message.startsWith("column ")) {
                    int colon = message.indexOf(':');
                    column = message.substring(7, colon);
                    message = message.substring(colon + 1).strip();
                }
                return source + ":" + (i + 1) + ":" + column + ": " + message;
            }
        }
        return null;
    }

    /** Runs a script that already passed {@link #checkScript}. */
    public int runScript(String source, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            try {
                if (interpreter.execute(lines.get(i)) == CommandInterpreter.Flow.QUIT) {
                    return OK;
                }
            } catch (CommandException e) {
                err.println(source + ":" + (i + 1) + ": " + e.getMessage());
                return COMMAND_FAILED;
            } catch (WaitTimeoutException e) {
                err.println(source + ":" + (i + 1) + ": " + e.getMessage());
                return WAIT_TIMED_OUT;
            }
        }
        return OK;
    }

    /** Where lines come from: piped input, or the terminal console (which shows its own prompt). */
    @FunctionalInterface
    public interface LineSource {
        /** The next line; null at the end of input. */
        String next() throws IOException;
    }

    /** Lines of piped input. */
    public static LineSource lines(BufferedReader in) {
        return in::readLine;
    }

    /**
     * Reads commands until end of input or {@code quit}.
     *
     * @param interactive a person is typing: report errors and go on; otherwise the first error
     *     ends the run with its status, as in a script
     */
    public int runStream(String source, LineSource in, boolean interactive) throws IOException {
        int lineNumber = 0;
        while (true) {
            String line = in.next();
            if (line == null) {
                return OK;
            }
            lineNumber++;
            String problem = checkScript(source, List.of(line));
            if (problem != null) {
                String located = problem.replaceFirst(":1:", ":" + lineNumber + ":");
                if (!interactive) {
                    err.println(located);
                    return BAD_INPUT;
                }
                err.println(located.substring(located.indexOf(": ") + 2));
                continue;
            }
            try {
                if (interpreter.execute(line) == CommandInterpreter.Flow.QUIT) {
                    return OK;
                }
            } catch (CommandException e) {
                err.println((interactive ? "" : source + ":" + lineNumber + ": ") + e.getMessage());
                if (!interactive) {
                    return COMMAND_FAILED;
                }
            } catch (WaitTimeoutException e) {
                err.println((interactive ? "" : source + ":" + lineNumber + ": ") + e.getMessage());
                if (!interactive) {
                    return WAIT_TIMED_OUT;
                }
            }
        }
    }
}
