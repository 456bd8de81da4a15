package dev.wsworld.host.events;

import dev.wsworld.host.output.JsonLines;
import dev.wsworld.host.output.LineWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JSON Lines event log ({@code --events}): every event of every world, one object a line,
 * written on a thread of its own so no world waits for the disk or a reader. Events wait in a queue
 * of at most {@link #QUEUE}; past it they are dropped and counted, and once the writer catches up
 * it says how many in one line.
 */
public final class EventLog implements AutoCloseable {
    /** Events waiting for the writer at most. */
    public static final int QUEUE = 65_536;

    /** The line that says how many events the writer dropped because its reader fell behind. */
    public static final String DROPPED = "eventLogDropped";

    private final LineWriter<Object> writer;

    private EventLog(LineWriter<Object> writer) {
        this.writer = writer;
    }

    /**
     * Opens the log at {@code target}: a file, or {@code -} for {@code stdout}.
     *
     * @throws IOException when the file cannot be written; its directory must exist (a typo is not
     *     made into directories)
     */
    public static EventLog open(String target, PrintStream stdout) throws IOException {
        Writer out;
        boolean own = true;
        if (target.equals("-")) {
            out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
            own = false;
        } else {
            Path file = Path.of(target);
            Path directory = file.toAbsolutePath().getParent();
            if (directory != null && !Files.isDirectory(directory)) {
                throw new IOException(
                        "directory " + directory + " does not exist; create it first");
            }
            try {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("cannot write the event log " + target + ": " + e, e);
            }
        }
        // events, and the log's own line saying how many it dropped
        return new EventLog(
                new LineWriter<Object>(
                        "event-log",
                        new JsonLines<>(out, own, EventLog::fields),
                        QUEUE,
                        dropped -> Map.of("event", DROPPED, "dropped", dropped)));
    }

    /** A line's fields: an event's, formatted on the writer's thread, or the log's own. */
    @SuppressWarnings("unchecked")
    private static Map<String, ?> fields(Object item) {
        return item instanceof HostEvent event ? event.fields() : (Map<String, ?>) item;
    }

    /** Any thread; never blocks. */
    public void offer(HostEvent event) {
        writer.offer(event);
    }

    @Override
    public void close() {
        writer.close();
    }
}
