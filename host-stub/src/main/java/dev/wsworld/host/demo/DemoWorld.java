package dev.wsworld.host.demo;

import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleWorld;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded default world: alice hosts the session at this console; a slot {@code echo} holds a
 * WebsocketClient pointed at the embedded echo server, with alice as its handling user.
 */
public final class DemoWorld {
    public static final String NAME = "Demo";
    public static final String SLOT = "echo";

    private DemoWorld() {}

    /** Update thread. */
    public static void populate(SimpleWorld world, int echoPort) {
        world.addUser("alice", "Alice", "machine-alice", true, true, true);
        SimpleSlot slot = world.addSlot(null, SLOT);
        world.setSpawnedBy(slot, world.requireUser("alice"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("URL", URI.create("ws://127.0.0.1:" + echoPort + "/echo"));
        fields.put(
                "AccessReason",
                "Demo echo chat: talks to the echo server built into the host stub");
        fields.put("ConnectRetryInterval", 2.0f);
        fields.put("HandlingUser", "alice");
        world.addComponent(slot, WebsocketClientNodes.TYPE, fields);
    }
}
