package dev.wsworld.host.inspector;

import dev.wsworld.host.HostedWorld;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.output.Json;
import dev.wsworld.host.output.Shown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page in one browser, over its WebSocket. What goes to the page waits in bounded queues: the
 * world's events (at most {@link #EVENT_QUEUE}; past that they are dropped and counted, and the
 * next batch says how many the page missed), and the answers and changes its world view hands over
 * (the view stops looking while more than {@link #BUSY_MESSAGES} wait, so a slow page costs the
 * world nothing and is shown the newest state when it catches up). One message is in flight at a
 * time, sent from the inspector's own threads: no update thread ever waits for a browser.
 */
public final class BrowserSession implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(BrowserSession.class);

    /** Events waiting for the page at most. */
    static final int EVENT_QUEUE = 2_000;

    /** Events in one message at most. */
    static final int EVENTS_PER_MESSAGE = 250;

    /** Events already kept that a page is shown when it starts watching a world. */
    static final int BACKLOG = 500;

    /** Requests for the world view waiting at most. */
    static final int MAX_REQUESTS = 64;

    /** Requests the view answers in one tick at most. */
    static final int REQUESTS_PER_TICK = 8;

    /** Messages waiting beyond which the view does not look at the world this tick. */
    static final int BUSY_MESSAGES = 8;

    private final Inspector inspector;
    private final AtomicLong epochs = new AtomicLong();
    private final ConcurrentLinkedQueue<PageRequest> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<Map<String, Object>> messages =
            new ConcurrentLinkedQueue<>();
    private final AtomicInteger messageCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<HostEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger eventCount = new AtomicInteger();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile Session session;
    private volatile WorldView view;
    private volatile boolean hostChanged = true;

    /** The host's state as last sent; sender only. */
    private String sentHost = "";

    BrowserSession(Inspector inspector) {
        this.inspector = inspector;
    }

    // ------------------------------------------------------------ Jetty's threads

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        inspector.added(this);
        kick();
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            PageRequest request = PageRequest.parse(text);
            String op = request.text("op");
            switch (op) {
                case "watch" -> watch(request.text("world"));
                case "open", "close", "select", "search", "reveal" -> {
                    if (requestCount.incrementAndGet() > MAX_REQUESTS) {
                        requestCount.decrementAndGet();
                        error("too many requests are waiting for the world; try again");
                    } else {
                        requests.add(request);
                    }
                }
                case "command" ->
                        inspector.runCommand(
                                this,
                                request.number("ref", 0),
                                request.optionalText("world").orElse(null),
                                request.words("words"));
                default -> error("unknown request " + Shown.quoted(op));
            }
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        inspector.removed(this);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("inspector page connection failed", cause);
        inspector.removed(this);
    }

    private void watch(String worldName) {
        HostedWorld world = inspector.host().world(worldName);
        long epoch = epochs.incrementAndGet();
        requests.clear();
        requestCount.set(0);
        view = new WorldView(world, epoch, this::hold);
        while (events.poll() != null) {
            eventCount.decrementAndGet();
        }
        missed.set(0);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("op", "watching");
        message.put("epoch", epoch);
        message.put("world", world.name());
        message.put("shown", Shown.name(world.name()).toString());
        queue(message);
    }

    // ------------------------------------------------------------ update threads

    /** Once a tick, on {@code world}'s update thread. */
    void tick(HostedWorld world, ConnectionFigures figures) {
        WorldView current = view;
        if (current == null || current.world != world) {
            return;
        }
        if (!current.streaming) {
            current.streaming = true;
            long last = world.journal().lastSequence();
            for (HostEvent event : world.journal().since(Math.max(0, last - BACKLOG))) {
                offer(event);
            }
        }
        PageRequest request;
        for (int i = 0; i < REQUESTS_PER_TICK && (request = requests.poll()) != null; i++) {
            requestCount.decrementAndGet();
            try {
                current.handle(request, figures);
            } catch (IllegalArgumentException e) {
                hold(errorMessage(e.getMessage()));
            }
        }
        if (messageCount.get() < BUSY_MESSAGES) {
            current.sample(figures);
        }
    }

    /** Each event of {@code world}, on its update thread, as it is recorded. */
    void event(HostedWorld world, HostEvent event) {
        WorldView current = view;
        if (current != null && current.world == world && current.streaming) {
            offer(event);
        }
    }

    /** Lock-free, and wakes nobody: the inspector's sender comes by every few milliseconds. */
    private void offer(HostEvent event) {
        if (eventCount.incrementAndGet() > EVENT_QUEUE) {
            eventCount.decrementAndGet();
            missed.incrementAndGet();
        } else {
            events.add(event);
        }
    }

    // ------------------------------------------------------------ any thread

    /** Hands a message to the page; it goes out after those before it. Never blocks. */
    void queue(Map<String, Object> message) {
        hold(message);
        kick();
    }

    /**
     * Hands a message to the page without waking a sender: for update threads, whose messages go
     * out when the inspector next comes by ({@link #sendWaiting}).
     */
    private void hold(Map<String, Object> message) {
        messageCount.incrementAndGet();
        messages.add(message);
    }

    /** Starts sending what waits, if anything does; the inspector's timer calls it. */
    void sendWaiting() {
        if (!messages.isEmpty() || !events.isEmpty() || missed.get() > 0) {
            kick();
        }
    }

    void hostChanged() {
        hostChanged = true;
        kick();
    }

    void error(String text) {
        queue(errorMessage(text));
    }

    private static Map<String, Object> errorMessage(String text) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("op", "error");
        message.put("text", Shown.text(text).toString());
        return message;
    }

    void close() {
        Session open = session;
        if (open != null) {
            open.close(1001, "inspector stopped", Callback.NOOP);
        }
    }

    private void kick() {
        if (session != null && sending.compareAndSet(false, true)) {
            inspector.send(this::flush);
        }
    }

    // ------------------------------------------------------------ the inspector's sender

    private void flush() {
        Session open = session;
        String text = open != null && open.isOpen() ? next() : null;
        if (text == null) {
            sending.set(false);
            if ((hostChanged || !messages.isEmpty() || !events.isEmpty() || missed.get() > 0)
                    && open != null
                    && open.isOpen()) {
                kick();
            }
            return;
        }
        open.sendText(
                text,
                Callback.from(
                        () -> inspector.send(this::flush),
                        failure -> {
                            sending.set(false);
                            LOG.debug("sending to an inspector page failed", failure);
                        }));
    }

    private String next() {
        if (hostChanged) {
            hostChanged = false;
            String snapshot = inspector.hostSnapshot();
            if (!snapshot.equals(sentHost)) {
                sentHost = snapshot;
                return snapshot;
            }
        }
        Map<String, Object> waiting = messages.poll();
        if (waiting != null) {
            messageCount.decrementAndGet();
            return Json.object(waiting);
        }
        WorldView current = view;
        List<Object> batch = new ArrayList<>();
        HostEvent event;
        while (batch.size() < EVENTS_PER_MESSAGE && (event = events.poll()) != null) {
            eventCount.decrementAndGet();
            if (current != null && event.world().equals(current.world.name())) {
                batch.add(shown(event));
            }
        }
        long dropped = missed.getAndSet(0);
        if (batch.isEmpty() && dropped == 0) {
            return null;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("op", "events");
        message.put("epoch", current == null ? 0 : current.epoch);
        message.put("missed", dropped);
        message.put("events", batch);
        return Json.object(message);
    }

    /**
     * An event as the page shows it: names escaped and cut as the console cuts them, the data as
     * the console's JSON text (escaped, cut at 2 000 characters); the slot and component as they
     * are too, for the page to name them back.
     */
    private static Map<String, Object> shown(HostEvent event) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("seq", event.sequence());
        shown.put("tick", event.tick());
        shown.put("timeMs", event.timeMs());
        shown.put("slot", event.slot());
        shown.put("component", event.component());
        shown.put("shownSlot", Shown.name(event.slot()).toString());
        shown.put("shownComponent", Shown.name(event.component()).toString());
        shown.put("name", Shown.name(event.name()).toString());
        shown.put("data", Shown.text(Json.object(event.data())).toString());
        return shown;
    }
}
