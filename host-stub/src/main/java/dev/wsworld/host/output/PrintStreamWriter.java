package dev.wsworld.host.output;

import java.io.PrintStream;
import java.io.Writer;

/**
 * A {@link Writer} onto a {@link PrintStream} that others print to as well: each write is one call
 * of the stream's own (synchronized) {@code print}, so a line written whole is never split by
 * another thread's output.
 */
public final class PrintStreamWriter extends Writer {
    private final PrintStream out;

    public PrintStreamWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(String text) {
        out.print(text);
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        out.print(new String(buffer, offset, length));
    }

    @Override
    public void flush() {
        out.flush();
    }

    /** Flushes only: the stream belongs to someone else. */
    @Override
    public void close() {
        out.flush();
    }
}
