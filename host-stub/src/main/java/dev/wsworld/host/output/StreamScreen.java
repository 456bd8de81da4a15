package dev.wsworld.host.output;

import java.io.PrintStream;

/** Lines to a stream (standard output or error, a pipe, a file), one {@code println} each. */
public final class StreamScreen implements Screen {
    private final PrintStream out;

    public StreamScreen(PrintStream out) {
        this.out = out;
    }

    @Override
    public void show(Line line) {
        out.println(line.text());
    }

    /** Whatever is buffered goes out now. */
    public void flush() {
        out.flush();
    }
}
