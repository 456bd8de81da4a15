package dev.wsworld.host.output;

import dev.wsworld.common.text.TerminalText;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The console's output: every line printed with {@code println} goes through {@link
 * TerminalText#escape}, so world- and server-supplied text in it (slot names, field values, URLs,
 * reasons, error messages) cannot move the cursor, clear the screen or forge a line. {@code
 * print(String)} is for the console's own text (help, the prompt) and is left as it is.
 */
public final class TerminalPrintStream extends PrintStream {
    private TerminalPrintStream(PrintStream out) {
        super(out, true, StandardCharsets.UTF_8);
    }

    /** {@code out} itself when it already escapes, else a stream that does. */
    public static PrintStream of(PrintStream out) {
        return out instanceof TerminalPrintStream ? out : new TerminalPrintStream(out);
    }

    @Override
    public void println(String line) {
        super.println(TerminalText.escape(line));
    }

    @Override
    public void println(Object line) {
        println(String.valueOf(line));
    }
}
