package dev.wsworld.host.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes events as JSON Lines, one object per line, flushed per line. Writing happens on its own
 * thread so a slow disk or a full pipe never stalls the world's tick.
 */
public final class EventLogWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLogWriter.class);
    private static final String END = new String("end");

    private final Writer out;
    private final boolean closeOut;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread thread;

    /** @param closeOut whether {@link #close()} closes {@code out} (not for stdout) */
    public EventLogWriter(Writer out, boolean closeOut) {
        this.out = out;
        this.closeOut = closeOut;
        this.thread = new Thread(this::run, "event-log");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Any thread; never blocks. */
    public void write(HostEvent event) {
        lines.add(event.toJson());
    }

    private void run() {
        try {
            while (true) {
                String line = lines.take();
                if (line == END) {
                    break;
                }
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("cannot write the event log: {}", e.getMessage());
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        lines.add(END);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            if (closeOut) {
                out.close();
            } else {
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("cannot close the event log: {}", e.getMessage());
        }
    }
}
