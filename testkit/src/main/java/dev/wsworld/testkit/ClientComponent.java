package dev.wsworld.testkit;

import dev.wsworld.api.websocketclient.HostAccessScope;
import dev.wsworld.api.websocketclient.WebsocketClientFields;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.hostsupport.world.SimpleComponent;
import java.net.URI;
import java.util.function.Function;

/**
 * A {@code WebsocketClient} component of a {@link TestWorld}, driven from the test's thread: each
 * method hops to the world's update thread, does its work there and returns its result. Results of
 * nodes come back as events ({@link WorldEvents}).
 */
public final class ClientComponent {
    private final TestWorld world;
    private final SimpleComponent component;

    ClientComponent(TestWorld world, SimpleComponent component) {
        this.world = world;
        this.component = component;
    }

    /**
     * The path of the component's slot, as events are looked up by.
     *
     * @return such as {@code Room/Chat}
     */
    public String slotPath() {
        return component.slot().path();
    }

    /**
     * The component in the world model; read and change it on the update thread only ({@link
     * TestWorld#run}).
     *
     * @return the component
     */
    public SimpleComponent component() {
        return component;
    }

    /**
     * Reads a field.
     *
     * @param field such as {@link WebsocketClientFields#STATE}
     * @param <T> the field's type
     * @return its value now
     */
    public <T> T get(FieldSpec<T> field) {
        return world.call(ignored -> component.field(field).get());
    }

    /**
     * Writes a field, as a world builder would (a new URL reconnects).
     *
     * @param field a writable field, such as {@link WebsocketClientFields#URL}
     * @param value the value
     * @param <T> the field's type
     */
    public <T> void set(FieldSpec<T> field, T value) {
        world.run(ignored -> component.field(field).set(value));
    }

    /**
     * The connection's state by its display name.
     *
     * @return such as {@code Connected} or {@code WaitingForRetry}
     */
    public String state() {
        return get(WebsocketClientFields.STATE);
    }

    /**
     * Whether the socket is open and usable.
     *
     * @return {@code IsConnected}
     */
    public boolean isConnected() {
        return Boolean.TRUE.equals(get(WebsocketClientFields.IS_CONNECTED));
    }

    /**
     * Why it is not connected.
     *
     * @return {@code LastError}; empty when fine
     */
    public String lastError() {
        return get(WebsocketClientFields.LAST_ERROR);
    }

    /**
     * Calls the component's nodes on the update thread.
     *
     * @param work what to do with them
     * @param <T> what the work returns
     * @return what the work returned
     * @throws IllegalStateException when the component has no behaviour (the plugin is not running,
     *     or the component was removed)
     */
    public <T> T nodes(Function<WebsocketClientNodes, T> work) {
        return world.call(
                ignored ->
                        work.apply(
                                (WebsocketClientNodes)
                                        component
                                                .behaviour()
                                                .orElseThrow(
                                                        () ->
                                                                new IllegalStateException(
                                                                        slotPath()
                                                                                + " has no"
                                                                                + " behaviour: the"
                                                                                + " plugin is not"
                                                                                + " running"))));
    }

    /**
     * The Text sender node.
     *
     * @param text the message
     * @return the send's id, carried by its {@code sendStart} and {@code sent} events
     */
    public long sendText(String text) {
        return nodes(nodes -> nodes.sendText(text));
    }

    /**
     * The Binary sender node.
     *
     * @param data the message
     * @return the send's id
     */
    public long sendBinary(byte[] data) {
        return nodes(nodes -> nodes.sendBinary(data));
    }

    /** The Connect node, keeping the URL and the handling user. */
    public void connect() {
        connect(null, null);
    }

    /**
     * The Connect node.
     *
     * @param url the new URL, or null to keep the current one
     * @param handlingUserId the user to handle the connection, or null to keep the current choice
     */
    public void connect(URI url, String handlingUserId) {
        nodes(
                nodes -> {
                    nodes.connect(url, handlingUserId);
                    return null;
                });
    }

    /** The Disconnect node: closes with 1000 and stays disconnected. */
    public void disconnect() {
        nodes(
                nodes -> {
                    nodes.disconnect();
                    return null;
                });
    }

    /**
     * The Request Host Access node.
     *
     * @param host the destination's host
     * @param port the destination's port
     * @param scope which schemes to ask for
     */
    public void requestHostAccess(String host, int port, HostAccessScope scope) {
        nodes(
                nodes -> {
                    nodes.requestHostAccess(host, port, scope);
                    return null;
                });
    }

    @Override
    public String toString() {
        return component.id();
    }
}
