package dev.wsworld.host.docs;

import dev.wsworld.host.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * The host stub run as {@code java -jar host-stub.jar ARGS} runs it with its standard input piped,
 * in this JVM: lines are fed one at a time, whenever the caller decides, and every line it prints
 * on standard output or standard error is kept in order. The caller waits on what it printed, never
 * for a time.
 */
final class PipedHostStub implements AutoCloseable {
    /** The end of input, as a marker in the queue of lines. */
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private final List<String> lines = new ArrayList<>(); // guarded by itself
    private final Thread thread;
    private Integer status; // guarded by lines
    private Throwable failure; // guarded by lines

    PipedHostStub(List<String> args) {
        PrintStream out = new PrintStream(new LineCollector(), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new LineCollector(), true, StandardCharsets.UTF_8);
        thread =
                new Thread(
                        () -> {
                            int exit = -1;
                            Throwable thrown = null;
                            try {
                                exit =
                                        Main.run(
                                                args.toArray(String[]::new),
                                                new QueueInput(),
                                                out,
                                                err,
                                                false);
                            } catch (Throwable t) {
                                thrown = t;
                            }
                            out.flush();
                            err.flush();
                            synchronized (lines) {
                                status = exit;
                                failure = thrown;
                                lines.notifyAll();
                            }
                        },
                        "piped-host-stub");
        thread.setDaemon(true);
        thread.start();
    }

    /** Feeds one line to standard input. */
    void feed(String line) {
        input.add((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Closes standard input: the host stub ends as at the end of a pipe. */
    void endInput() {
        input.add(END);
    }

    /** Every complete line printed so far, standard output and error together, in order. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Waits until what was printed satisfies {@code done}, or the host stub ended, or the time is
     * up.
     *
     * @return whether {@code done} holds
     */
    boolean await(Predicate<List<String>> done, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (lines) {
            while (true) {
                if (done.test(List.copyOf(lines))) {
                    return true;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (status != null || left <= 0) {
                    return false;
                }
                lines.wait(left);
            }
        }
    }

    /**
     * Waits for the host stub to end.
     *
     * @return its exit status, or null when it still runs after {@code millis}
     */
    Integer awaitExit(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (lines) {
            while (status == null) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return null;
                }
                lines.wait(left);
            }
            if (failure != null) {
                throw new AssertionError("the host stub threw", failure);
            }
            return status;
        }
    }

    /** Ends the input and waits for the host stub to stop, as a failed test leaves it. */
    @Override
    public void close() throws InterruptedException {
        endInput();
        thread.join(60_000);
    }

    /** Standard input: the lines fed, as they are fed; blocks until the next one. */
    private final class QueueInput extends InputStream {
        private byte[] current = new byte[0];
        private int at;
        private boolean ended;

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            if (length == 0) {
                return 0;
            }
            while (at == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = input.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                at = 0;
                if (current == END) {
                    ended = true;
                }
            }
            int n = Math.min(length, current.length - at);
            System.arraycopy(current, at, buffer, offset, n);
            at += n;
            return n;
        }
    }

    /** Cuts what a stream prints into lines and keeps each as soon as it is complete. */
    private final class LineCollector extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                synchronized (lines) {
                    lines.add(text);
                    lines.notifyAll();
                }
            } else {
                line.write(b);
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
            // lines are kept when complete; a last line without its end is kept on close
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) {
                write('\n');
            }
        }
    }
}
