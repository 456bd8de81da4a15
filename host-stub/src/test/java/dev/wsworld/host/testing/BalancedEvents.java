package dev.wsworld.host.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.host.events.HostEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The promise a world script relies on: for each component, {@code connected} and {@code
 * disconnected} alternate, starting with {@code connected}, and once the host has closed (plugins
 * stopped) every {@code connected} has had its {@code disconnected}. Every host the test fixtures
 * start is checked when it closes, and so is every event log the suite writes.
 */
public final class BalancedEvents {
    private static final Pattern SLOT = Pattern.compile("\"slot\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern EVENT = Pattern.compile("\"event\":\"([A-Za-z]+)\"");

    private BalancedEvents() {}

    /**
     * @param events a whole run, oldest first
     * @param startsLate the oldest events were forgotten: a component's first event may be a {@code
     *     disconnected} whose {@code connected} is gone
     */
    public static void assertBalanced(List<HostEvent> events, boolean startsLate) {
        check(events, HostEvent::component, HostEvent::name, HostEvent::toJson, startsLate);
    }

    /** The same for a JSON Lines event log, per slot (the log names slots, not components). */
    public static void assertBalancedLog(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        check(
                lines.stream().filter(line -> SLOT.matcher(line).find()).toList(),
                line -> group(SLOT, line),
                line -> group(EVENT, line),
                line -> line,
                false);
    }

    private static String group(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static <T> void check(
            List<T> events,
            Function<T, String> owner,
            Function<T, String> name,
            Function<T, String> show,
            boolean startsLate) {
        Map<String, Boolean> connected = new HashMap<>();
        for (T event : events) {
            String who = owner.apply(event);
            String what = name.apply(event);
            // with the oldest events forgotten, a component's first connected may be among them
            boolean first = !connected.containsKey(who);
            if (what.equals(WebsocketEvents.CONNECTED)) {
                if (connected.getOrDefault(who, false)) {
                    fail(
                            "a second connected without a disconnected between, for "
                                    + who
                                    + ": "
                                    + show.apply(event));
                }
                connected.put(who, true);
            } else if (what.equals(WebsocketEvents.DISCONNECTED)) {
                if (!connected.getOrDefault(who, false) && !(first && startsLate)) {
                    fail(
                            "a disconnected without a connected before it, for "
                                    + who
                                    + ": "
                                    + show.apply(event));
                }
                connected.put(who, false);
            }
        }
        connected.forEach(
                (who, open) -> {
                    if (open) {
                        fail("connected with no disconnected by the end of the run, for " + who);
                    }
                });
    }
}
