package dev.wsworld.host.output;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link LineWriter.Sink} that writes each item as one JSON object on a line of its own: exact
 * values, and nothing a terminal would act on ({@link Json} escapes it), so the event log is safe
 * to print as well as to parse.
 *
 * @param <T> the items
 */
public final class JsonLines<T> implements LineWriter.Sink<T> {
    private final Writer out;
    private final boolean closeOut;
    private final Function<T, Map<String, ?>> fields;

    /**
     * @param closeOut whether closing closes {@code out} (not for standard output)
     * @param fields an item's fields, in order; called on the writer's thread
     */
    public JsonLines(Writer out, boolean closeOut, Function<T, Map<String, ?>> fields) {
        this.out = out;
        this.closeOut = closeOut;
        this.fields = fields;
    }

    @Override
    public void write(T item) throws IOException {
        // one write per line: output shared with other writers never splits one
        out.write(Json.object(fields.apply(item)) + '\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closeOut) {
            out.close();
        } else {
            out.flush();
        }
    }
}
