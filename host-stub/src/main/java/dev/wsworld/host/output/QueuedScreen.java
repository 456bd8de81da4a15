package dev.wsworld.host.output;

/**
 * A screen that never makes its caller wait: lines are handed to another screen on a thread of
 * their own ({@link LineWriter}), at most {@link #CAPACITY} waiting; when the console falls behind,
 * lines are dropped and one line says how many. Events and prompts reach the console through it, so
 * an update thread never waits for a terminal.
 */
public final class QueuedScreen implements Screen, AutoCloseable {
    /** Lines waiting for the console at most. */
    public static final int CAPACITY = 10_000;

    private final LineWriter<Line> writer;

    public QueuedScreen(Screen target) {
        this.writer =
                new LineWriter<>(
                        "console",
                        new LineWriter.Sink<>() {
                            @Override
                            public void write(Line line) {
                                target.show(line);
                            }

                            @Override
                            public void flush() {
                                if (target instanceof StreamScreen stream) {
                                    stream.flush();
                                }
                            }

                            @Override
                            public void close() {
                                flush();
                            }
                        },
                        CAPACITY,
                        dropped ->
                                Line.of(
                                        "... {} console line(s) not shown: the console fell"
                                                + " behind",
                                        dropped));
    }

    /** Any thread; never blocks. */
    @Override
    public void show(Line line) {
        writer.offer(line);
    }

    /** Shows what is queued, then stops. */
    @Override
    public void close() {
        writer.close();
    }
}
