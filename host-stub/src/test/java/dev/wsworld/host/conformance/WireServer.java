package dev.wsworld.host.conformance;

import dev.wsworld.host.testing.RawPeer;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The suite's server, on a raw socket: no WebSocket library, so every byte, split and close is the
 * case's. Serves one case per connection, in order, and records what the client put on the wire.
 */
final class WireServer implements AutoCloseable {
    private static final int POLL_MILLIS = 100;

    private final ServerSocket server;
    private final long timeoutMillis;

    /** One frame as the client sent it. */
    record ClientFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        String describe() {
            return "op "
                    + opcode
                    + (fin ? "" : " (not fin)")
                    + (rsv != 0 ? " rsv " + rsv : "")
                    + (masked ? "" : " UNMASKED")
                    + " "
                    + payload.length
                    + " B";
        }
    }

    /**
     * Everything the client did on the wire during one case.
     *
     * @param offer the request's Sec-WebSocket-Extensions, every line joined; empty for none
     */
    record Wire(
            List<ClientFrame> frames, boolean handshakeCompleted, String problem, String offer) {}

    WireServer(long timeoutMillis) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.timeoutMillis = timeoutMillis;
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** Serves {@code c} to the next client that connects, on a thread of its own. */
    CompletableFuture<Wire> serve(ConformanceCase c) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return run(c);
                    } catch (IOException e) {
                        return new Wire(List.of(), false, "server: " + e, "");
                    }
                });
    }

    private Wire run(ConformanceCase c) throws IOException {
        server.setSoTimeout((int) timeoutMillis);
        try (Socket socket = server.accept()) {
            socket.setTcpNoDelay(true); // each write its own segment, as the case splits them
            socket.setSoTimeout((int) timeoutMillis);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String key = null;
            List<String> offers = new ArrayList<>();
            for (String line = RawPeer.readLine(in); !line.isEmpty(); line = RawPeer.readLine(in)) {
                int colon = line.indexOf(':');
                String name =
                        colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
                if (name.equals("sec-websocket-key")) {
                    key = line.substring(colon + 1).trim();
                } else if (name.equals("sec-websocket-extensions")) {
                    offers.add(line.substring(colon + 1).trim());
                }
            }
            String offer = String.join(", ", offers);
            ConformanceCase.Expectation expect = c.expectFor(offer);
            out.write(
                    c.handshake()
                            .replace("{accept}", RawPeer.accept(key))
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(POLL_MILLIS); // from now on reads wake up to look at the deadline
            List<ClientFrame> frames = new ArrayList<>();
            // while the server writes, the client may stay silent as long as it likes; after that,
            // for timeoutMillis
            AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
            if (!expect.opens()) {
                // the client must drop the connection; whatever it sends meanwhile is recorded
                deadline.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
                End end = readUntilCloseOrEnd(in, frames, deadline);
                // after a 101 it must fail (close) the connection; after another status HTTP's
                // rules apply (4.1), keep-alive included
                boolean upgraded = c.handshake().startsWith("HTTP/1.1 101");
                return new Wire(
                        frames,
                        false,
                        end == End.SILENT && upgraded
                                ? "the client kept the connection open"
                                : null,
                        offer);
            }
            CompletableFuture<End> reader =
                    CompletableFuture.supplyAsync(() -> readUntilCloseOrEnd(in, frames, deadline));
            try {
                for (byte[] write : c.writes()) {
                    out.write(write);
                    out.flush();
                    pause();
                }
                if (c.echo()) {
                    awaitMessages(frames, reader, expect.delivered().size());
                }
                if (expect.serverCloses()) {
                    out.write(Frames.close(1000, ""));
                    out.flush();
                }
            } catch (IOException e) {
                // the client failed the connection before the server was done: what it sent is what
                // counts
            }
            deadline.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
            End end;
            try {
                end = reader.get(timeoutMillis * 2, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                end = End.SILENT;
            }
            if (end == End.SILENT) {
                return new Wire(
                        frames,
                        true,
                        "the client sent no close frame within " + timeoutMillis + " ms",
                        offer);
            }
            ClientFrame last = frames.isEmpty() ? null : frames.get(frames.size() - 1);
            if (last != null && last.opcode() == Frames.CLOSE && !expect.serverCloses()) {
                try {
                    out.write(
                            Frames.frame(
                                    true,
                                    Frames.CLOSE,
                                    last.payload())); // the server echoes the client's close
                    out.flush();
                } catch (IOException e) {
                    // the client closed the socket already
                }
            }
            return new Wire(frames, true, null, offer);
        }
    }

    /**
     * Waits until the client has sent {@code count} whole data messages (its echoes), has ended its
     * side, or {@code timeoutMillis} passed: woken by each frame it sends, never polling.
     */
    private void awaitMessages(List<ClientFrame> frames, CompletableFuture<End> reader, int count) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        reader.whenComplete(
                (end, error) -> {
                    synchronized (frames) {
                        frames.notifyAll(); // the client ended its side: stop waiting
                    }
                });
        synchronized (frames) {
            while (!reader.isDone()
                    && frames.stream().filter(f -> f.fin() && f.opcode() <= Frames.BINARY).count()
                            < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    frames.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A short gap between writes, so the client's reads see them apart. */
    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How the client's side of a case ended. */
    private enum End {
        CLOSE_FRAME,
        DROPPED,
        SILENT
    }

    private static End readUntilCloseOrEnd(
            DataInputStream in, List<ClientFrame> frames, AtomicLong deadline) {
        try {
            while (true) {
                ClientFrame frame;
                try {
                    frame = read(in);
                } catch (SocketTimeoutException e) {
                    if (System.nanoTime() > deadline.get()) {
                        return End.SILENT;
                    }
                    continue; // no frame has begun
                }
                synchronized (frames) {
                    frames.add(frame);
                    frames.notifyAll();
                }
                if (frame.opcode() == Frames.CLOSE) {
                    return End.CLOSE_FRAME;
                }
            }
        } catch (IOException e) {
            return End.DROPPED; // end of stream or reset: the client dropped the connection
        }
    }

    /**
     * One client frame. Only its first byte may time out (no frame has begun); once one has, every
     * further byte is waited for, so a poll never cuts a frame.
     */
    private static ClientFrame read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException();
        }
        int second = patient(in);
        boolean masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        if (length == 126) {
            length = (long) patient(in) << 8 | patient(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | patient(in);
            }
        }
        if (length > 64L * 1024 * 1024) {
            throw new IOException("a client frame of " + length + " bytes");
        }
        byte[] mask = new byte[4];
        if (masked) {
            for (int i = 0; i < 4; i++) {
                mask[i] = (byte) patient(in);
            }
        }
        byte[] payload = new byte[(int) length];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (patient(in) ^ (masked ? mask[i % 4] : 0));
        }
        return new ClientFrame(
                (first & 0x80) != 0, (first >> 4) & 7, first & 0x0F, masked, payload);
    }

    /** The next byte, however long it takes; end of stream is an {@link EOFException}. */
    private static int patient(InputStream in) throws IOException {
        while (true) {
            try {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException();
                }
                return b;
            } catch (SocketTimeoutException e) {
                // mid-frame: wait on
            }
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
