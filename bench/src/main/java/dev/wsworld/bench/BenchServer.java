package dev.wsworld.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The benchmark's server, run as its own process (one JVM may hold at most 20 000 files here).
 * Prints {@code PORT n} when ready; exits when its standard input closes.
 *
 * <ul>
 *   <li>{@code /stream?count=N&size=S}: sends N text messages of S characters, at most 256 in
 *       flight
 *   <li>{@code /flood?count=N&size=S}: the same, sent by two threads shared by every flood
 *   <li>{@code /echo}: sends every message back
 *   <li>{@code /idle}: accepts and stays quiet
 *   <li>{@code /clock?count=N&size=P}: sends its {@code System.nanoTime()} N times, every P
 *       microseconds (both processes read the same monotonic clock on one machine)
 * </ul>
 */
public final class BenchServer {
    /** The one thread that sends every clock session's messages. */
    private static final ScheduledThreadPoolExecutor CLOCK =
            new ScheduledThreadPoolExecutor(
                    1,
                    runnable -> {
                        Thread thread = new Thread(runnable, "bench-clock");
                        thread.setDaemon(true);
                        return thread;
                    });

    /** Numbers the stream sessions, for the clients' delivery check. */
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("bench-server");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 2);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(20_000);
        server.addConnector(connector);
        server.setHandler(
                WebSocketUpgradeHandler.from(
                        server,
                        container -> {
                            container.setIdleTimeout(Duration.ofMinutes(10));
                            container.addMapping(
                                    "/*",
                                    (request, response, callback) -> {
                                        Fields query =
                                                org.eclipse.jetty.server.Request
                                                        .extractQueryParameters(request);
                                        return new Peer(
                                                request.getHttpURI().getPath(),
                                                intParam(query, "count"),
                                                intParam(query, "size"));
                                    });
                        }));
        server.start();
        System.out.println("PORT " + connector.getLocalPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the benchmark closes our standard input
        }
        server.stop();
    }

    private static int intParam(Fields query, String name) {
        Fields.Field field = query.get(name);
        return field == null ? 0 : Integer.parseInt(field.getValue());
    }

    /**
     * The two threads that send every flood's messages: a thread per flood would be 200 runnable
     * threads on the cores the measured world uses, which a remote server would not take, and
     * sending from Jetty's own threads (where sends complete) starves the handshakes of new
     * connections.
     */
    private static final ExecutorService PUMPS =
            Executors.newFixedThreadPool(
                    2,
                    runnable -> {
                        Thread thread = new Thread(runnable, "bench-stream");
                        thread.setDaemon(true);
                        return thread;
                    });

    /**
     * {@code count} messages of {@code size} bytes, each {@code CONNECTION:SEQUENCE:} padded with
     * x, so the client can check order, gaps and duplicates, not only the count. At most 256 are in
     * flight; a completed send schedules the stream's pump unless it is scheduled already, and a
     * pump sends at most a window's worth a turn.
     */
    static final class Flood {
        private static final int WINDOW = 256;
        private final Session session;
        private final int count;
        private final String connection = Integer.toString(STREAMS.incrementAndGet());
        private final String padding;
        private final int size;
        private final Callback sent = Callback.from(this::sent, error -> sent());

        // guarded by this
        private int next;
        private int inFlight;
        private boolean scheduled;

        Flood(Session session, int count, int size) {
            this.session = session;
            this.count = count;
            this.size = size;
            this.padding = "x".repeat(Math.max(1, size));
        }

        void start() {
            synchronized (this) {
                scheduled = true;
            }
            PUMPS.execute(this::pump);
        }

        /**
         * Sends while the window allows, at most a window's worth, then goes to the back of the
         * queue so every stream gets its turn; unschedules itself when it cannot send.
         */
        private void pump() {
            for (int batch = 0; ; batch++) {
                int sequence;
                synchronized (this) {
                    if (next >= count || inFlight >= WINDOW || !session.isOpen()) {
                        scheduled = false;
                        return;
                    }
                    if (batch == WINDOW) {
                        PUMPS.execute(this::pump); // still scheduled: the next turn goes on
                        return;
                    }
                    sequence = next++;
                    inFlight++;
                }
                String head = connection + ":" + sequence + ":";
                session.sendText(
                        head.length() >= size ? head : head + padding.substring(head.length()),
                        sent);
            }
        }

        private void sent() {
            boolean schedule;
            synchronized (this) {
                inFlight--;
                schedule = !scheduled;
                scheduled = true;
            }
            if (schedule) {
                PUMPS.execute(this::pump);
            }
        }
    }

    /** One server-side session. */
    public static final class Peer implements Session.Listener.AutoDemanding {
        private final String path;
        private final int count;
        private final int size;
        private volatile Session session;

        Peer(String path, int count, int size) {
            this.path = path;
            this.count = count;
            this.size = size;
        }

        /**
         * Clients go away mid-stream at the end of every round; that is expected, not worth a
         * warning each.
         */
        @Override
        public void onWebSocketError(Throwable cause) {}

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            if (path.equals("/clock")) {
                clock(opened);
            } else if (path.equals("/stream")) {
                Thread sender = new Thread(() -> stream(opened), "bench-stream");
                sender.setDaemon(true);
                sender.start();
            } else if (path.equals("/flood")) {
                new Flood(opened, count, size).start();
            }
        }

        /**
         * {@code count} messages of {@code size} bytes, each {@code CONNECTION:SEQUENCE:} padded
         * with x, so the client can check order, gaps and duplicates, not only the count; from a
         * thread of its own, so the few streams of the throughput scenario never wait for a shared
         * sender.
         */
        private void stream(Session opened) {
            String connection = Integer.toString(STREAMS.incrementAndGet());
            String padding = "x".repeat(Math.max(1, size));
            Semaphore window = new Semaphore(256);
            try {
                for (int i = 0; i < count && opened.isOpen(); i++) {
                    window.acquire();
                    String head = connection + ":" + i + ":";
                    String message =
                            head.length() >= size ? head : head + padding.substring(head.length());
                    opened.sendText(
                            message, Callback.from(window::release, error -> window.release()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * One timer thread serves every clock session: a thread per session would wake the
         * machine's cores a hundred times more often and take them from the world it measures.
         */
        private void clock(Session opened) {
            long period = Math.max(100, size) * 1000L;
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<ScheduledFuture<?>> task = new CompletableFuture<>();
            task.complete(
                    CLOCK.scheduleAtFixedRate(
                            () -> {
                                if (sent.getAndIncrement() >= count || !opened.isOpen()) {
                                    var unused = task.thenAccept(self -> self.cancel(false));
                                    return;
                                }
                                opened.sendText(Long.toString(System.nanoTime()), Callback.NOOP);
                            },
                            period,
                            period,
                            TimeUnit.NANOSECONDS));
        }

        @Override
        public void onWebSocketText(String message) {
            if (path.equals("/echo")) {
                session.sendText(message, Callback.NOOP);
            }
        }
    }
}
