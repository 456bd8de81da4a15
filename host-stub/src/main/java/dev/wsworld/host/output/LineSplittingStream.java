package dev.wsworld.host.output;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Collects bytes up to each line break and hands the line over, decoded as UTF-8. */
final class LineSplittingStream extends OutputStream {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineSplittingStream(Consumer<String> lines) {
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
