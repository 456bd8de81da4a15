package dev.wsworld.host.output;

import dev.wsworld.common.text.TerminalText;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The host stub's standard error, for the whole process: the logging backend's lines and anything
 * else written there. Every line is escaped and cut, whoever wrote it, because log lines quote
 * world data; while an interactive terminal console runs, lines are printed above the line being
 * typed instead of into it.
 */
public final class ErrorOutput {
    /** How much of one line of standard error is shown. */
    static final int LINE_LIMIT = 4_000;

    private static volatile PrintStream original;
    private static volatile Screen above;

    private ErrorOutput() {}

    /** Puts the escaping standard error in place; once per process, before logging starts. */
    public static synchronized void install() {
        if (original != null) {
            return;
        }
        original = System.err;
        System.setErr(
                new PrintStream(
                        new LineSplittingStream(ErrorOutput::line), true, StandardCharsets.UTF_8));
    }

    /** The process's standard error as the host stub writes to it: escaped once installed. */
    public static PrintStream stream() {
        return System.err;
    }

    /** From now on, lines go above the line being typed on {@code screen}. */
    public static void showAbove(Screen screen) {
        above = screen;
    }

    /** Lines go to the process's standard error again. */
    public static void showPlain() {
        above = null;
    }

    private static void line(String text) {
        String safe =
                Shown.cut(
                        TerminalText.escape(text),
                        LINE_LIMIT,
                        text.codePointCount(0, text.length()));
        Screen screen = above;
        if (screen != null) {
            screen.show(new Line(safe, Style.PLAIN));
        } else {
            original.println(safe);
        }
    }
}
