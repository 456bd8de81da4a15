package dev.wsworld.host.console;

import dev.wsworld.host.output.Line;
import dev.wsworld.host.output.Screen;
import dev.wsworld.host.output.Style;
import java.io.BufferedReader;
import java.io.IOException;
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
    private final Screen err;

    /**
     * @param err where errors go
     */
    public ConsoleRunner(CommandInterpreter interpreter, Screen err) {
        this.interpreter = interpreter;
        this.err = err;
    }

    private void error(String source, int line, Exception e) {
        err.show(Line.of("{}:{}: {}", source, line, e.getMessage()).in(Style.ERROR));
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
                error(source, i + 1, e);
                return COMMAND_FAILED;
            } catch (WaitTimeoutException e) {
                error(source, i + 1, e);
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
                    err.show(Line.of("{}", located).in(Style.ERROR));
                    return BAD_INPUT;
                }
                err.show(
                        Line.of("{}", located.substring(located.indexOf(": ") + 2))
                                .in(Style.ERROR));
                continue;
            }
            try {
                if (interpreter.execute(line) == CommandInterpreter.Flow.QUIT) {
                    return OK;
                }
            } catch (CommandException e) {
                if (!interactive) {
                    error(source, lineNumber, e);
                    return COMMAND_FAILED;
                }
                err.show(Line.of("{}", e.getMessage()).in(Style.ERROR));
            } catch (WaitTimeoutException e) {
                if (!interactive) {
                    error(source, lineNumber, e);
                    return WAIT_TIMED_OUT;
                }
                err.show(Line.of("{}", e.getMessage()).in(Style.ERROR));
            }
        }
    }
}
