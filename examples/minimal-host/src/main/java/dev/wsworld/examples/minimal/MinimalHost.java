package dev.wsworld.examples.minimal;

import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.CLEAN;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.DATA;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.HEX;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.websocketclient.WebsocketClientFields;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.api.world.ComponentEvent;
import dev.wsworld.common.text.TerminalText;
import dev.wsworld.hostsupport.plugins.WorldPluginManager;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleUserRoles;
import dev.wsworld.hostsupport.world.SimpleWorld;
import dev.wsworld.hostsupport.world.TickLoop;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A whole host of the WebsocketClient plugin, from {@code plugin-api} and {@code host-support}
 * alone: it loads the packaged plugin jar, lets a WebsocketClient connect to an echo server once
 * its user agrees, sends text and binary, checks the echoes, disconnects and stops the plugin.
 *
 * <pre>java -jar minimal-host.jar PLUGINS_DIR CONFIG_DIR ws://127.0.0.1:9000/</pre>
 */
public final class MinimalHost {
    private static final long WAIT_SECONDS = 20;
    private static final long CALL_MILLIS = 10_000;

    private final PrintStream out;

    /**
     * Filled on the update thread by the component's listener, read here: adding never blocks a
     * tick.
     */
    private final BlockingQueue<ComponentEvent> events = new LinkedBlockingQueue<>();

    MinimalHost(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MinimalHost PLUGINS_DIR CONFIG_DIR ws://host:port/path");
            System.exit(2);
        }
        boolean echoed =
                new MinimalHost(System.out)
                        .run(Path.of(args[0]), Path.of(args[1]), URI.create(args[2]));
        System.exit(echoed ? 0 : 1);
    }

    /**
     * Runs the host once against the echo server.
     *
     * @return whether the server echoed both messages and the connection closed cleanly
     */
    boolean run(Path plugins, Path config, URI echoServer) throws Exception {
        // 1. The world and its update thread: the world changes only there, and the plugin runs
        // there.
        SimpleWorld world = new SimpleWorld("minimal", 60);
        TickLoop updateThread = world.updateThread();
        updateThread.start();

        // 2. PF4J, serving this world. The host's side of the contract is two extensions: who is
        //    who (roles from the world model) and who says yes (here: every user, once).
        WorldPluginManager pluginManager =
                WorldPluginManager.builder(plugins)
                        .config(config, new YamlConfigLoader())
                        .hostExtension(new SimpleUserRoles())
                        .hostExtension(
                                (ConsentPrompt)
                                        request -> {
                                            out.println(
                                                    request.user().name()
                                                            + " is asked: may '"
                                                            + request.objectName()
                                                            + "' connect to "
                                                            + request.destination()
                                                            + "? yes, once");
                                            return CompletableFuture.completedFuture(
                                                    ConsentAnswer.GRANTED_ONCE);
                                        })
                        .build();
        pluginManager.openWorld(world); // a host with several worlds opens each of them
        try {
            pluginManager.loadPlugins();
            pluginManager.startPlugins(); // not on the update thread: plugins register their types
            // through it
            pluginManager.problems().forEach(problem -> out.println("problem: " + problem));
            if (world.componentTypes().find(WebsocketClientNodes.TYPE).isEmpty()) {
                out.println(
                        "no plugin provides "
                                + WebsocketClientNodes.TYPE
                                + " in "
                                + plugins.toAbsolutePath());
                return false;
            }
            return echo(world, updateThread, echoServer);
        } finally {
            // 3. Stop: open connections close with 1001, and the world hears each 'disconnected'.
            pluginManager.stopPlugins();
            pluginManager.unloadPlugins();
            updateThread.stop();
        }
    }

    private boolean echo(SimpleWorld world, TickLoop updateThread, URI echoServer)
            throws Exception {
        // A present user who hosts the session, and an object with a WebsocketClient on it.
        SimpleComponent client =
                updateThread.call(
                        () -> {
                            world.addUser("alice", "Alice", "machine-alice", true, true, true);
                            SimpleComponent component =
                                    world.addComponent(
                                            world.addSlot(null, "Echo"),
                                            WebsocketClientNodes.TYPE,
                                            Map.of(WebsocketClientFields.URL.name(), echoServer));
                            component.addEventListener(events::add);
                            return component;
                        },
                        CALL_MILLIS);
        if (await(WebsocketEvents.CONNECTED) == null) {
            return false;
        }
        // Nodes act on the update thread, and their results come back as events.
        WebsocketClientNodes nodes = (WebsocketClientNodes) client.behaviour().orElseThrow();
        byte[] binary = {0, 1, 2, (byte) 0xff};
        updateThread.call(() -> nodes.sendText("hello"), CALL_MILLIS);
        boolean textEchoed = expect(WebsocketEvents.TEXT, DATA, "hello");
        updateThread.call(() -> nodes.sendBinary(binary), CALL_MILLIS);
        boolean binaryEchoed =
                expect(WebsocketEvents.BINARY, HEX, HexFormat.of().formatHex(binary));
        updateThread.call(
                () -> {
                    nodes.disconnect();
                    return null;
                },
                CALL_MILLIS);
        ComponentEvent closed = await(WebsocketEvents.DISCONNECTED);
        return textEchoed
                && binaryEchoed
                && closed != null
                && Boolean.TRUE.equals(closed.get(CLEAN));
    }

    private boolean expect(String event, String attribute, Object value)
            throws InterruptedException {
        ComponentEvent received = await(event);
        return received != null && value.equals(received.get(attribute));
    }

    /**
     * The next event with this name, printing every event on the way; null after the wait or on a
     * failure.
     */
    private ComponentEvent await(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            ComponentEvent event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                break;
            }
            out.println(
                    event.name()
                            + " "
                            + TerminalText.escape(
                                    String.valueOf(event.data()))); // server text: escaped
            if (event.name().equals(name)) {
                return event;
            }
            if (event.name().equals(WebsocketEvents.DENIED)
                    || event.name().equals(WebsocketEvents.CONNECT_FAILED)) {
                return null;
            }
        }
        out.println("no '" + name + "' within " + WAIT_SECONDS + " s");
        return null;
    }
}
