package dev.wsworld.host.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser that stops reading: what the world does is not held up, the page's queue stays bounded,
 * and once the page reads again it is told how many events it missed. The browser's connection is a
 * stand-in that takes each message and acknowledges it only when the test says.
 */
class SlowBrowserTest {
    private static final Pattern MISSED = Pattern.compile("\"missed\":([0-9]+)");
    private static final Pattern EVENT = Pattern.compile("\"seq\":");

    @TempDir Path dir;

    /** A WebSocket session to a browser that never finishes reading until told. */
    private record StalledBrowser(Session session, BlockingQueue<Object[]> sends) {
        static StalledBrowser create() {
            BlockingQueue<Object[]> sends = new LinkedBlockingQueue<>();
            Session session =
                    (Session)
                            Proxy.newProxyInstance(
                                    Session.class.getClassLoader(),
                                    new Class<?>[] {Session.class},
                                    (proxy, method, args) ->
                                            switch (method.getName()) {
                                                case "sendText" -> {
                                                    sends.add(args);
                                                    yield null;
                                                }
                                                case "isOpen" -> true;
                                                case "hashCode" -> System.identityHashCode(proxy);
                                                case "equals" -> proxy == args[0];
                                                case "toString" -> "stalled browser";
                                                default -> null;
                                            });
            return new StalledBrowser(session, sends);
        }

        /** The next message the page was sent; the browser reads it only now. */
        String read() throws InterruptedException {
            Object[] send = sends.poll(HostFixture.WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertNotNull(send, "a message for the page");
            ((Callback) send[1]).succeed();
            return (String) send[0];
        }
    }

    @Test
    void aSlowBrowserMissesEventsAndIsToldHowManyWhileTheWorldGoesOn() throws Exception {
        int flood = 6_000;
        try (TestServer server = new TestServer();
                HostFixture host = HostFixture.in(dir).start()) {
            Inspector inspector = Inspector.start(host.host(), 0);
            try {
                StalledBrowser browser = StalledBrowser.create();
                BrowserSession page = new BrowserSession(inspector);
                page.onWebSocketOpen(browser.session());
                String first = browser.read(); // the host's lists; nothing more is read for now
                assertTrue(first.startsWith("{\"op\":\"host\""), first);
                page.onWebSocketText("{\"op\":\"watch\",\"world\":\"Test\"}");
                // the page stalls on its next message: everything after it waits in its queues
                Object[] stalled = browser.sends().poll(20, TimeUnit.SECONDS);
                assertNotNull(stalled);

                long before = host.hosted().loop().tick();
                host.addClient(
                        "flood",
                        Map.of("URL", server.uri("/flood?n=" + flood), "HandlingUser", "alice"));
                host.awaitAfter(
                        0,
                        event ->
                                event.name().equals("text")
                                        && event.get("data").equals("flood " + flood),
                        HostFixture.WAIT_MILLIS,
                        "the last flood message");
                assertTrue(
                        host.hosted().loop().tick() > before,
                        "the world ticked on while the page read nothing");

                ((Callback) stalled[1]).succeed();
                long events = 0;
                long missed = 0;
                long worldEvents =
                        host.journal().since(0).stream()
                                .map(HostEvent::name)
                                .filter(name -> !name.isEmpty())
                                .count();
                while (events + missed < worldEvents) {
                    String message = browser.read();
                    if (message.startsWith("{\"op\":\"events\"")) {
                        Matcher m = MISSED.matcher(message);
                        assertTrue(m.find(), message);
                        missed += Long.parseLong(m.group(1));
                        Matcher e = EVENT.matcher(message);
                        while (e.find()) {
                            events++;
                        }
                    }
                }
                assertTrue(missed > 0, "the page was told it missed events");
                assertTrue(
                        events <= BrowserSession.EVENT_QUEUE + BrowserSession.EVENTS_PER_MESSAGE,
                        "no more waited for the page than its queue holds: " + events);
                assertEquals(worldEvents, events + missed, "every event delivered or counted");
            } finally {
                inspector.close();
            }
        }
    }
}
