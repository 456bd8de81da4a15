package dev.wsworld.containers.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared by the container tests: a host stub loading the packaged plugin, clients with a recorded
 * {@link Timeline}, and waits on events with generous timeouts.
 */
@ExtendWith(DockerRequired.class)
public abstract class ContainerSuite {
    /** Short, so that retries happen within a test; the jitter stays at its default. */
    protected static final float RETRY_SECONDS = 0.5f;

    @TempDir protected Path dir;

    protected HostFixture host;
    private final List<Timeline> timelines = new ArrayList<>();

    protected HostFixture startHost(String config) throws Exception {
        host = HostFixture.in(dir).config(config).start();
        return host;
    }

    protected Timeline client(String slot, URI url) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("URL", url);
        fields.put("HandlingUser", "alice");
        fields.put("AccessReason", "container test");
        fields.put("ConnectRetryInterval", RETRY_SECONDS);
        Timeline timeline = Timeline.addClient(host, slot, fields);
        timelines.add(timeline);
        return timeline;
    }

    @AfterEach
    void stopHost() {
        timelines.forEach(Timeline::stop);
        if (host != null) {
            host.close();
        }
    }

    /** {@code prefix1..prefixN}. */
    protected static List<String> numbered(String prefix, int count) {
        List<String> result = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            result.add(prefix + i);
        }
        return result;
    }

    /** Sends every message in one world call, then waits until the echo of the last one arrives. */
    protected void sendAndAwaitEcho(String slot, List<String> messages) throws Exception {
        long mark = host.mark();
        host.run(() -> messages.forEach(host.client(slot)::sendText));
        awaitTextAfter(mark, slot, messages.get(messages.size() - 1));
    }

    protected HostEvent awaitTextAfter(long mark, String slot, String text)
            throws InterruptedException {
        return host.awaitAfter(
                mark,
                e ->
                        e.slot().equals(slot)
                                && e.name().equals(WebsocketEvents.TEXT)
                                && text.equals(e.get("data")),
                HostFixture.WAIT_MILLIS,
                slot + " text " + text);
    }

    /**
     * Lets {@code intervals} retry intervals of world time pass, counted in ticks (60 per second).
     */
    protected void letRetryIntervalsPass(Timeline timeline, int intervals)
            throws InterruptedException {
        long until = timeline.ticks() + Math.round(intervals * RETRY_SECONDS * 60);
        long deadline = System.nanoTime() + HostFixture.WAIT_MILLIS * 1_000_000L;
        while (timeline.ticks() < until) {
            assertTrue(System.nanoTime() < deadline, "the world stopped ticking");
            Thread.sleep(20);
        }
    }

    /** The checks every fault test ends with. */
    protected static void assertHealthy(Timeline timeline) {
        timeline.assertIsConnectedFollowsTheSocket();
        timeline.textsByConnection(); // fails on a text delivered outside a connection
        timeline.assertWorldKeptTicking();
    }

    /**
     * The retry waits ConnectRetryInterval ({@link #RETRY_SECONDS}) plus at most the default 10%
     * jitter.
     */
    protected static void assertRetryAfterTheInterval(HostEvent retryScheduled) {
        long delay = ((Number) retryScheduled.get("delayMs")).longValue();
        assertTrue(
                delay >= 450 && delay <= 550,
                "ConnectRetryInterval 0.5 s with 10% jitter, got " + delay + " ms");
    }

    /** A connect error caused by a timeout running out. */
    protected static void assertTimedOut(String error) {
        String lower = error.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("timeout") || lower.contains("timed out"), error);
    }

    protected static int code(HostEvent event) {
        return ((Number) event.get("code")).intValue();
    }
}
