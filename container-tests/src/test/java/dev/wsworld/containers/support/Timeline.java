package dev.wsworld.containers.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.api.world.Field;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TickProbe;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.TickLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything one WebsocketClient showed the world, recorded on the update thread as it happened:
 * its events and every change of IsConnected, in one sequence, with the time; and how regularly the
 * world ticked meanwhile. The checks every fault test makes live here.
 */
public final class Timeline {
    public static final String IS_CONNECTED_TRUE = "IsConnected=true";
    public static final String IS_CONNECTED_FALSE = "IsConnected=false";

    /**
     * Far longer than any tick on a loaded 2-core machine, far shorter than the connect and idle
     * timeouts used.
     */
    public static final long MAX_TICK_GAP_MILLIS = 750;

    /**
     * @param isConnected the field's value when the entry was recorded
     */
    public record Entry(
            long nanos, long tick, String name, Map<String, Object> data, boolean isConnected) {
        @Override
        public String toString() {
            return tick
                    + " "
                    + name
                    + (data.isEmpty() ? "" : " " + data)
                    + (isConnected ? " [connected]" : "");
        }
    }

    private final String slot;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final TickProbe ticks;

    private Timeline(String slot, TickProbe ticks) {
        this.slot = slot;
        this.ticks = ticks;
    }

    /** Adds a WebsocketClient on a new slot and starts recording before it can report anything. */
    public static Timeline addClient(HostFixture host, String slot, Map<String, Object> fields)
            throws Exception {
        TickLoop loop = host.world().updateThread();
        Timeline timeline = new Timeline(slot, new TickProbe(loop));
        host.run(
                () -> {
                    SimpleSlot s = host.world().addSlot(null, slot);
                    SimpleComponent component =
                            host.world().addComponent(s, WebsocketClientNodes.TYPE, fields);
                    Field<?> isConnected = component.field("IsConnected").orElseThrow();
                    isConnected.addListener(
                            (field, before, after) ->
                                    timeline.record(
                                            Boolean.TRUE.equals(after)
                                                    ? IS_CONNECTED_TRUE
                                                    : IS_CONNECTED_FALSE,
                                            Map.of(),
                                            loop.tick(),
                                            Boolean.TRUE.equals(after)));
                    component.addEventListener(
                            event ->
                                    timeline.record(
                                            event.name(),
                                            event.data(),
                                            event.tick(),
                                            Boolean.TRUE.equals(isConnected.get())));
                    timeline.ticks.start();
                });
        return timeline;
    }

    private void record(String name, Map<String, Object> data, long tick, boolean isConnected) {
        entries.add(new Entry(System.nanoTime(), tick, name, data, isConnected));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<Entry> named(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).toList();
    }

    /** Text messages in the order the world's handlers got them. */
    public List<String> texts() {
        return named(WebsocketEvents.TEXT).stream()
                .map(e -> (String) e.data().get("data"))
                .toList();
    }

    /**
     * IsConnected turns true just before each {@code connected}, false before each {@code
     * disconnected}, and never changes otherwise; nothing reports a dead connection while
     * IsConnected is still true.
     */
    public void assertIsConnectedFollowsTheSocket() {
        boolean open = false;
        List<Entry> all = entries();
        for (int i = 0; i < all.size(); i++) {
            Entry e = all.get(i);
            switch (e.name()) {
                case IS_CONNECTED_TRUE -> {
                    check(!open, "IsConnected turned true twice", all, i);
                    check(
                            i + 1 < all.size()
                                    && all.get(i + 1).name().equals(WebsocketEvents.CONNECTED),
                            "IsConnected turned true without a connected event right after it",
                            all,
                            i);
                    open = true;
                }
                case IS_CONNECTED_FALSE -> {
                    check(open, "IsConnected turned false while already false", all, i);
                    open = false;
                }
                case WebsocketEvents.CONNECTED ->
                        check(e.isConnected(), "connected while IsConnected is false", all, i);
                case WebsocketEvents.DISCONNECTED,
                        WebsocketEvents.CONNECT_FAILED,
                        WebsocketEvents.RETRY_SCHEDULED,
                        WebsocketEvents.DENIED ->
                        check(!e.isConnected(), e.name() + " while IsConnected is true", all, i);
                default -> {}
            }
        }
    }

    /**
     * From the first {@code disconnected} after {@code faultNanos} until {@code repairedNanos},
     * IsConnected stayed false and nothing connected: the world never believed a dead peer alive.
     */
    public void assertNotConnectedWhileDown(long faultNanos, long repairedNanos) {
        List<Entry> all = entries();
        int down = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).nanos() > faultNanos
                    && all.get(i).name().equals(WebsocketEvents.DISCONNECTED)) {
                down = i;
                break;
            }
        }
        check(down >= 0, "no disconnected after the fault", all, all.size() - 1);
        for (int i = down; i < all.size() && all.get(i).nanos() < repairedNanos; i++) {
            Entry e = all.get(i);
            check(
                    !e.isConnected()
                            && !e.name().equals(IS_CONNECTED_TRUE)
                            && !e.name().equals(WebsocketEvents.CONNECTED),
                    "connected while the peer was down",
                    all,
                    i);
        }
    }

    /**
     * Every text the world got before the connection ended came before its {@code disconnected},
     * and the texts of each connection are exactly {@code expected} so far, in order.
     */
    public void assertTextsOfConnection(int connection, List<String> expected) {
        List<List<String>> byConnection = textsByConnection();
        assertTrue(
                connection < byConnection.size(),
                "no connection #" + connection + ":\n" + describe());
        assertEquals(expected, byConnection.get(connection), "texts of connection #" + connection);
    }

    /** Texts grouped by the connection that delivered them; a text outside a connection fails. */
    public List<List<String>> textsByConnection() {
        List<List<String>> result = new ArrayList<>();
        List<String> current = null;
        List<Entry> all = entries();
        for (int i = 0; i < all.size(); i++) {
            Entry e = all.get(i);
            switch (e.name()) {
                case WebsocketEvents.CONNECTED -> {
                    current = new ArrayList<>();
                    result.add(current);
                }
                case WebsocketEvents.DISCONNECTED -> current = null;
                case WebsocketEvents.TEXT -> {
                    check(current != null, "a text outside any connection", all, i);
                    current.add((String) e.data().get("data"));
                }
                default -> {}
            }
        }
        return result;
    }

    /** The world ticked all along, with no gap a blocking network call would make. */
    public void assertWorldKeptTicking() {
        long gap = ticks.maxGapMillis();
        assertTrue(ticks.ticks() >= 2, "the world did not tick: " + ticks.ticks());
        assertTrue(
                gap < MAX_TICK_GAP_MILLIS,
                "the world stalled for " + gap + " ms between two ticks");
    }

    public long ticks() {
        return ticks.ticks();
    }

    public void stop() {
        ticks.stop();
    }

    public String describe() {
        StringBuilder text = new StringBuilder(slot).append(":\n");
        entries.forEach(e -> text.append("  ").append(e).append('\n'));
        return text.toString();
    }

    private void check(boolean condition, String what, List<Entry> all, int at) {
        if (!condition) {
            StringBuilder text =
                    new StringBuilder(what)
                            .append(" at entry ")
                            .append(at)
                            .append(" of ")
                            .append(slot)
                            .append(":\n");
            for (int i = 0; i < all.size(); i++) {
                text.append(i == at ? "> " : "  ").append(all.get(i)).append('\n');
            }
            fail(text.toString());
        }
    }
}
