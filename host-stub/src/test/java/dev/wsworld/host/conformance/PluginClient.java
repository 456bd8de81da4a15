package dev.wsworld.host.conformance;

import dev.wsworld.host.events.HostEvent;
import dev.wsworld.host.testing.HostFixture;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plugin as a world sees it: a WebsocketClient per case in a host stub, judged by its events.
 */
final class PluginClient implements ClientUnderTest {
    private static final Set<String> ENDS = Set.of("disconnected", "connectFailed");
    private static final Set<String> MESSAGES = Set.of("text", "binary");

    private final HostFixture host;
    private int cases;

    PluginClient(Path directory) throws Exception {
        // the suite's server is pre-granted and its many short connections are not rate-limited:
        // the
        // cases are about the protocol, not about prompts and attempt caps
        host =
                HostFixture.in(directory)
                        .config(
                                "allowlist: [ \"ws://127.0.0.1:*\" ]\n"
                                        + "limits: { attemptsPerMinute: 100000 }\n")
                        .start();
    }

    @Override
    public String name() {
        return "plugin";
    }

    @Override
    public Observed run(URI uri, long timeoutMillis, boolean compression, boolean echo)
            throws Exception {
        String slot = "case" + (++cases);
        long start = host.mark();
        host.addClient(
                slot,
                Map.of(
                        "URL",
                        uri,
                        "HandlingUser",
                        "alice",
                        "ConnectRetryInterval",
                        600f,
                        "Compression",
                        compression));
        HostEvent end = null;
        for (long seen = start; end == null; ) {
            HostEvent event =
                    host.awaitAfter(
                            seen,
                            e ->
                                    e.slot().equals(slot)
                                            && (ENDS.contains(e.name())
                                                    || echo && MESSAGES.contains(e.name())),
                            timeoutMillis,
                            "the end of " + slot);
            seen = event.sequence();
            if (ENDS.contains(event.name())) {
                end = event;
            } else if (event.name().equals("text")) {
                String text = event.get("data").toString();
                host.run(() -> host.client(slot).sendText(text));
            } else {
                byte[] data = HexFormat.of().parseHex(event.get("hex").toString());
                host.run(() -> host.client(slot).sendBinary(data));
            }
        }
        List<HostEvent> events = host.events(slot, start);
        host.run(() -> host.world().removeSlot(host.world().requireSlot(slot)));
        List<String> delivered = new ArrayList<>();
        boolean opened = false;
        for (HostEvent event : events) {
            switch (event.name()) {
                case "connected" -> opened = true;
                case "text" -> delivered.add("T:" + event.get("data"));
                case "binary" -> delivered.add("B:" + event.get("hex"));
                default -> {}
            }
        }
        return end.name().equals("disconnected")
                ? new Observed(opened, delivered, ((Number) end.get("code")).intValue(), null)
                : new Observed(opened, delivered, null, String.valueOf(end.get("error")));
    }

    @Override
    public void close() {
        host.close();
    }
}
