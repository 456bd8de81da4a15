package dev.wsworld.host.inspector;

import dev.wsworld.common.text.Utf8;
import dev.wsworld.host.events.HostEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the event stream tells about each WebsocketClient's connection of one world, counted from
 * its events: messages and bytes each way, the subprotocol and compression the last {@code
 * connected} reported, the last close code and reason. Counting starts at the oldest event the
 * world's journal still kept when the inspector started. Update thread of that world only.
 */
final class ConnectionFigures {
    /** Components remembered at most; the ones heard from longest ago are forgotten first. */
    static final int MAX_COMPONENTS = 100_000;

    /** One component's figures. */
    static final class Figures {
        long messagesIn;
        long bytesIn;
        long messagesOut;
        long bytesOut;
        String subprotocol;
        Boolean compressed;
        Long closeCode;
        String closeReason;

        /** Bumped at every change, so a page is sent figures only when they moved. */
        long version;

        /** Sizes of sends started and not yet sent, by send id. */
        private final Map<Object, Long> sending = new HashMap<>(4);
    }

    private final Map<String, Figures> byComponent =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Figures> eldest) {
                    return size() > MAX_COMPONENTS;
                }
            };

    void record(HostEvent event) {
        switch (event.name()) {
            case "text" -> {
                Figures figures = of(event.component());
                figures.messagesIn++;
                figures.bytesIn += event.get("data") instanceof String text ? Utf8.length(text) : 0;
                figures.version++;
            }
            case "binary" -> {
                Figures figures = of(event.component());
                figures.messagesIn++;
                figures.bytesIn += number(event.get("length"));
                figures.version++;
            }
            case "sendStart" -> {
                Figures figures = of(event.component());
                if (figures.sending.size() < 10_000) {
                    figures.sending.put(event.get("id"), number(event.get("length")));
                }
            }
            case "sent" -> {
                Figures figures = of(event.component());
                Long length = figures.sending.remove(event.get("id"));
                figures.messagesOut++;
                figures.bytesOut += length == null ? 0 : length;
                figures.version++;
            }
            case "sendError" -> of(event.component()).sending.remove(event.get("id"));
            case "connected" -> {
                Figures figures = of(event.component());
                Object subprotocol = event.get("subprotocol");
                figures.subprotocol = subprotocol == null ? "" : subprotocol.toString();
                figures.compressed = Boolean.TRUE.equals(event.get("compressed"));
                figures.version++;
            }
            case "disconnected" -> {
                Figures figures = of(event.component());
                figures.closeCode = number(event.get("code"));
                Object reason = event.get("reason");
                figures.closeReason = reason == null ? "" : reason.toString();
                figures.subprotocol = null;
                figures.compressed = null;
                figures.sending.clear();
                figures.version++;
            }
            default -> {
                // other events say nothing about the connection's figures
            }
        }
    }

    /** The component's figures; none yet when it never spoke. */
    Figures get(String componentId) {
        return byComponent.get(componentId);
    }

    private Figures of(String componentId) {
        return byComponent.computeIfAbsent(componentId, id -> new Figures());
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }
}
