package dev.wsworld.host.inspector;

import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.world.Field;
import dev.wsworld.common.text.TerminalText;
import dev.wsworld.host.HostedWorld;
import dev.wsworld.host.output.Shown;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleWorld;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What one page sees of one world: the slots it opened, the component it selected. Lives on that
 * world's update thread: it answers the page's requests there, and once a tick looks at what the
 * page shows and hands over what changed, as plain maps the page's sender turns into JSON. Nothing
 * here waits for the network.
 */
final class WorldView {
    /** Children a listing shows at first, and how many more each "more" adds. */
    static final int PAGE = 500;

    /** Search results at most. */
    static final int MAX_RESULTS = 100;

    /** Longest field value shown, in code points, as {@code status SLOT} shows it. */
    static final int MAX_VALUE = 256;

    /** Ticks between two looks at the opened slots: about ten a second at 60 Hz. */
    static final int TREE_EVERY_TICKS = 6;

    final HostedWorld world;
    final long epoch;

    /** Whether the page gets this world's events yet; its session's business, update thread. */
    boolean streaming;

    private final Consumer<Map<String, Object>> out;
    private final Map<String, Listing> open = new LinkedHashMap<>();
    private SimpleComponent selected;
    private Field<?>[] selectedFields = new Field<?>[0];
    private Object[] shownValues = new Object[0];
    private long shownFigures = -1;
    private String shownRole;
    private long ticks;

    /** A slot the page opened: what it was last shown, to tell when to show it again. */
    private static final class Listing {
        int limit = PAGE;
        SimpleSlot[] children = new SimpleSlot[0];
        int[] grandchildren = new int[0];
        int[] componentCounts = new int[0];
        int total = -1;
        int ownComponents = -1;
    }

    WorldView(HostedWorld world, long epoch, Consumer<Map<String, Object>> out) {
        this.world = world;
        this.epoch = epoch;
        this.out = out;
    }

    private SimpleWorld model() {
        return world.world();
    }

    // ------------------------------------------------------------ requests (update thread)

    void handle(PageRequest request, ConnectionFigures figures) {
        switch (request.text("op")) {
            case "open" -> {
                String path = request.text("path");
                Listing listing = open.computeIfAbsent(path, p -> new Listing());
                listing.limit =
                        (int) Math.max(PAGE, Math.min(request.number("limit", PAGE), 1_000_000));
                listing.total = -1; // shown again at once
                sampleTree();
            }
            case "close" -> open.remove(request.text("path"));
            case "select" -> select(request.optionalText("component").orElse(null), figures);
            case "search" -> search(request.text("text"));
            case "reveal" -> reveal(request.text("path"));
            default -> throw new IllegalArgumentException("unknown op");
        }
    }

    private void reveal(String path) {
        SimpleSlot slot = model().slot(path).orElse(null);
        if (slot == null) {
            error("no slot " + Shown.quoted(path));
            return;
        }
        // from the top down, so the page gets each listing after its parent's
        List<SimpleSlot> chain = new ArrayList<>();
        for (SimpleSlot at = slot; at.parentSlot() != null; at = at.parentSlot()) {
            chain.add(0, at);
        }
        for (SimpleSlot child : chain) {
            SimpleSlot parent = child.parentSlot();
            String parentPath = parent.parentSlot() == null ? "" : parent.path();
            Listing listing = open.remove(parentPath);
            if (listing == null) {
                listing = new Listing();
            }
            open.put(parentPath, listing);
            int index = parent.childSlots().indexOf(child);
            listing.limit = Math.max(listing.limit, (index / PAGE + 1) * PAGE);
            listing.total = -1;
        }
        sampleTree();
        out.accept(message("revealed", "path", path));
    }

    private void search(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        List<Object> results = new ArrayList<>();
        int matches = 0;
        if (!wanted.isEmpty()) {
            for (SimpleSlot slot : model().slots()) {
                if (slot.name().toLowerCase(Locale.ROOT).contains(wanted)) {
                    if (matches++ < MAX_RESULTS) {
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("path", slot.path());
                        result.put("shown", Shown.name(slot.path()).toString());
                        results.add(result);
                    }
                }
            }
        }
        Map<String, Object> message = message("results", "text", Shown.name(text).toString());
        message.put("results", results);
        message.put("matches", matches);
        out.accept(message);
    }

    private void select(String componentId, ConnectionFigures figures) {
        selected = componentId == null ? null : find(componentId);
        selectedFields = new Field<?>[0];
        shownValues = new Object[0];
        shownFigures = -1;
        shownRole = null;
        if (componentId != null && selected == null) {
            error("no component " + Shown.quoted(componentId));
        }
        if (selected == null) {
            out.accept(message("selected", "component", null));
            return;
        }
        Map<String, Object> message = message("selected", "component", selected.id());
        message.put("shown", Shown.name(selected.id()).toString());
        message.put("type", Shown.name(selected.typeName()).toString());
        message.put("client", selected.typeName().equals(WebsocketClientNodes.TYPE));
        message.put("inert", selected.behaviour().isEmpty());
        out.accept(message);
        sampleSelected(figures);
    }

    /** The component with that id, {@code SLOT_PATH#N}, or null. */
    private SimpleComponent find(String id) {
        int hash = id.lastIndexOf('#');
        if (hash < 0) {
            return null;
        }
        SimpleSlot slot = model().slot(id.substring(0, hash)).orElse(null);
        if (slot == null) {
            return null;
        }
        for (SimpleComponent component : slot.simpleComponents()) {
            if (component.id().equals(id)) {
                return component;
            }
        }
        return null;
    }

    // ------------------------------------------------------------ once a tick (update thread)

    /** Looks at what the page shows and hands over what changed. */
    void sample(ConnectionFigures figures) {
        if (ticks++ % TREE_EVERY_TICKS == 0) {
            sampleTree();
        }
        sampleSelected(figures);
    }

    private void sampleTree() {
        for (Iterator<Map.Entry<String, Listing>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Listing> entry = it.next();
            String path = entry.getKey();
            SimpleSlot slot = path.isEmpty() ? model().root() : model().slot(path).orElse(null);
            if (slot == null || slot.isRemoved()) {
                it.remove();
                out.accept(message("gone", "path", path));
                continue;
            }
            Listing listing = entry.getValue();
            if (!changed(slot, listing)) {
                continue;
            }
            remember(slot, listing);
            out.accept(listing(slot, path, listing));
        }
    }

    private static boolean changed(SimpleSlot slot, Listing listing) {
        List<SimpleSlot> children = slot.childSlots();
        if (listing.total != children.size()
                || listing.ownComponents != slot.simpleComponents().size()) {
            return true;
        }
        int shown = Math.min(children.size(), listing.limit);
        for (int i = 0; i < shown; i++) {
            SimpleSlot child = children.get(i);
            if (listing.children[i] != child
                    || listing.grandchildren[i] != child.childSlots().size()
                    || listing.componentCounts[i] != child.simpleComponents().size()) {
                return true;
            }
        }
        return false;
    }

    private static void remember(SimpleSlot slot, Listing listing) {
        List<SimpleSlot> children = slot.childSlots();
        int shown = Math.min(children.size(), listing.limit);
        listing.children = new SimpleSlot[shown];
        listing.grandchildren = new int[shown];
        listing.componentCounts = new int[shown];
        for (int i = 0; i < shown; i++) {
            SimpleSlot child = children.get(i);
            listing.children[i] = child;
            listing.grandchildren[i] = child.childSlots().size();
            listing.componentCounts[i] = child.simpleComponents().size();
        }
        listing.total = children.size();
        listing.ownComponents = slot.simpleComponents().size();
    }

    private Map<String, Object> listing(SimpleSlot slot, String path, Listing listing) {
        Map<String, Object> message = message("slot", "path", path);
        message.put("total", listing.total);
        List<Object> children = new ArrayList<>(listing.children.length);
        for (SimpleSlot child : listing.children) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", child.path());
            entry.put("name", Shown.name(child.name()).toString());
            entry.put("children", child.childSlots().size());
            entry.put("components", components(child));
            children.add(entry);
        }
        message.put("children", children);
        message.put("components", components(slot));
        return message;
    }

    private static List<Object> components(SimpleSlot slot) {
        List<Object> components = new ArrayList<>(slot.simpleComponents().size());
        for (SimpleComponent component : slot.simpleComponents()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", component.id());
            entry.put("number", component.number());
            entry.put("type", Shown.name(component.typeName()).toString());
            entry.put("inert", component.behaviour().isEmpty());
            components.add(entry);
        }
        return components;
    }

    private void sampleSelected(ConnectionFigures figures) {
        SimpleComponent component = selected;
        if (component == null) {
            return;
        }
        if (component.isRemoved()) {
            selected = null;
            out.accept(message("selected", "component", null));
            return;
        }
        List<Field<?>> fields = component.fields();
        boolean sameFields = fields.size() == selectedFields.length;
        for (int i = 0; sameFields && i < selectedFields.length; i++) {
            // fields are views, made when asked for: the same spec is the same field
            sameFields = fields.get(i).spec().equals(selectedFields[i].spec());
        }
        if (!sameFields) {
            selectedFields = fields.toArray(new Field<?>[0]);
            shownValues = new Object[selectedFields.length];
            Arrays.fill(shownValues, Unset.UNSET);
        }
        List<Object> changed = new ArrayList<>(0);
        for (int i = 0; i < selectedFields.length; i++) {
            Object value = selectedFields[i].get();
            if (!Objects.equals(value, shownValues[i])) {
                shownValues[i] = value;
                changed.add(field(selectedFields[i], value));
            }
        }
        if (!changed.isEmpty() || !sameFields) {
            Map<String, Object> message = message("fields", "component", component.id());
            message.put("all", !sameFields);
            message.put("fields", changed);
            out.accept(message);
        }
        if (component.typeName().equals(WebsocketClientNodes.TYPE)) {
            ConnectionFigures.Figures counted = figures.get(component.id());
            long version = counted == null ? 0 : counted.version;
            String role = world.handlingRole(component).orElse("");
            if (!changed.isEmpty() || version != shownFigures || !role.equals(shownRole)) {
                shownFigures = version;
                shownRole = role;
                out.accept(connection(component, counted, role));
            }
        }
    }

    /** What the connection panel shows: state, user and role, protocol, traffic, close, error. */
    private Map<String, Object> connection(
            SimpleComponent component, ConnectionFigures.Figures counted, String role) {
        Map<String, Object> message = message("connection", "component", component.id());
        message.put("state", shownValue(component, "State"));
        message.put("user", shownValue(component, "_userId"));
        message.put("role", Shown.name(role).toString());
        message.put("lastError", shownValue(component, "LastError"));
        if (counted != null) {
            message.put("messagesIn", counted.messagesIn);
            message.put("bytesIn", counted.bytesIn);
            message.put("messagesOut", counted.messagesOut);
            message.put("bytesOut", counted.bytesOut);
            message.put(
                    "subprotocol",
                    counted.subprotocol == null
                            ? null
                            : Shown.name(counted.subprotocol).toString());
            message.put("compressed", counted.compressed);
            message.put("closeCode", counted.closeCode);
            message.put(
                    "closeReason",
                    counted.closeReason == null
                            ? null
                            : Shown.text(counted.closeReason).toString());
        }
        return message;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String shownValue(SimpleComponent component, String name) {
        return component
                .field(name)
                .map(field -> value(((Field) field).spec().type().display(field.get())))
                .orElse("");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Object> field(Field field, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", field.name());
        entry.put("shownName", Shown.name(field.name()).toString());
        entry.put("type", field.spec().type().name());
        entry.put("readOnly", field.spec().readOnly());
        entry.put("value", value(field.spec().type().display(value)));
        return entry;
    }

    /**
     * A field value as the page shows it: as people may see it ({@code FieldType.display}),
     * escaped, and cut past {@link #MAX_VALUE} code points with its length, as {@code status SLOT}
     * shows it.
     */
    static String value(String displayed) {
        String escaped = TerminalText.escape(displayed);
        int length = escaped.codePointCount(0, escaped.length());
        if (length <= MAX_VALUE) {
            return escaped;
        }
        return escaped.substring(0, escaped.offsetByCodePoints(0, MAX_VALUE))
                + "\u2026 ("
                + length
                + " characters)";
    }

    private void error(String text) {
        out.accept(message("error", "text", Shown.text(text).toString()));
    }

    private Map<String, Object> message(String op, String key, Object value) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("op", op);
        message.put("epoch", epoch);
        message.put(key, value);
        return message;
    }

    /** A value no field holds: a field not shown yet. */
    private enum Unset {
        UNSET
    }
}
