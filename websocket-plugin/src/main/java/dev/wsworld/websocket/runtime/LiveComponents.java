package dev.wsworld.websocket.runtime;

import dev.wsworld.api.world.World;
import dev.wsworld.common.text.TerminalText;
import dev.wsworld.websocket.config.LimitSettings;
import dev.wsworld.websocket.connection.ClientConnection;
import dev.wsworld.websocket.connection.WorldDelivery;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The live WebsocketClient components of one plugin instance, by world, with each world's {@link
 * WorldDelivery}. A world's share exists while it has a live component.
 *
 * <p>Lock rule: {@code this} guards both tables, held only for table work. Update threads of every
 * world attach and detach; diagnostics and the plugin's stop read.
 */
final class LiveComponents {
    /** One world's live components and its share of its update thread. */
    private record WorldShare(WorldDelivery delivery, List<LiveComponent> components) {}

    private final IdentityHashMap<World, WorldShare> byWorld = new IdentityHashMap<>();
    private final Supplier<LimitSettings> limits;

    /**
     * @param limits the current {@code limits:}: each world's delivery time per tick, asked at each
     *     tick, and what its inboxes hold together
     */
    LiveComponents(Supplier<LimitSettings> limits) {
        this.limits = limits;
    }

    private WorldDelivery newDelivery() {
        return new WorldDelivery(
                () -> limits.get().deliveryTimePerTick().toNanos(),
                this::inboundBounds,
                System::nanoTime);
    }

    /** The bounds and the settings they were made from: made again only after a reload. */
    private record KnownBounds(LimitSettings from, WorldDelivery.InboundBounds bounds) {}

    private volatile @Nullable KnownBounds knownBounds;

    /** Asked on network threads for every message received: no allocation unless reloaded. */
    private WorldDelivery.InboundBounds inboundBounds() {
        LimitSettings now = limits.get();
        KnownBounds known = knownBounds;
        if (known == null || !known.from().equals(now)) {
            known =
                    new KnownBounds(
                            now,
                            new WorldDelivery.InboundBounds(
                                    now.worldInboundQueueLimit(),
                                    now.worldInboundQueueBytes(),
                                    LimitSettings.MIN_INBOUND_SHARE_MESSAGES,
                                    LimitSettings.MIN_INBOUND_SHARE_BYTES));
            knownBounds = known;
        }
        return known.bounds();
    }

    /** A component became live; returns its world's share. */
    synchronized WorldDelivery attach(LiveComponent component) {
        WorldShare share =
                byWorld.computeIfAbsent(
                        component.world(),
                        world -> new WorldShare(newDelivery(), new ArrayList<>()));
        share.components().add(component);
        return share.delivery();
    }

    synchronized void detach(LiveComponent component) {
        WorldShare share = byWorld.get(component.world());
        if (share != null && share.components().remove(component) && share.components().isEmpty()) {
            byWorld.remove(component.world());
        }
    }

    /** Every live component, world by world. */
    synchronized List<LiveComponent> all() {
        List<LiveComponent> all = new ArrayList<>();
        byWorld.values().forEach(share -> all.addAll(share.components()));
        return all;
    }

    /**
     * Per world, by its name (escaped, as names come from worlds): its components' states and
     * queues, and its delivery budget and how it was used.
     */
    Map<String, Object> perWorld() {
        IdentityHashMap<World, WorldShare> shares;
        synchronized (this) {
            shares = new IdentityHashMap<>();
            byWorld.forEach(
                    (world, share) ->
                            shares.put(
                                    world,
                                    new WorldShare(
                                            share.delivery(), List.copyOf(share.components()))));
        }
        Map<String, Object> figures = new TreeMap<>();
        shares.forEach(
                (world, share) -> {
                    String name = TerminalText.escape(world.name());
                    for (int n = 2; figures.containsKey(name); n++) {
                        name = TerminalText.escape(world.name()) + " (" + n + ")";
                    }
                    figures.put(name, figures(share));
                });
        return figures;
    }

    private static Map<String, Object> figures(WorldShare share) {
        Map<String, Integer> states = new TreeMap<>();
        long inbound = 0;
        for (LiveComponent component : share.components()) {
            ClientConnection connection = component.connection();
            states.merge(connection.state().displayName(), 1, Integer::sum);
            inbound += connection.queuedInbound();
        }
        WorldDelivery delivery = share.delivery();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("components", share.components().size());
        figures.put("states", states);
        figures.put("queuedInbound", inbound);
        figures.put("deliveryBudgetMicros", delivery.budgetNanos() / 1000);
        figures.put("deliveryLastTickMicros", delivery.lastTickNanos() / 1000);
        figures.put("deliveryLongestTickMicros", delivery.longestTickNanos() / 1000);
        figures.put("ticksAtDeliveryBudget", delivery.ticksAtBudget());
        figures.put("componentsWaitingForTheirTurn", delivery.waitingConnections());
        figures.put("inboundSharePerComponent", delivery.inboundShareMessages());
        return figures;
    }
}
