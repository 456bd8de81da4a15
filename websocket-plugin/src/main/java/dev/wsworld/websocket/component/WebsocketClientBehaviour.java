package dev.wsworld.websocket.component;

import static dev.wsworld.api.websocketclient.WebsocketClientFields.ACCESS_REASON;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.COMPRESSION;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.HANDLING_USER;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.HEADERS;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.MACHINE_ID;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.SUBPROTOCOLS;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.URL;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.USER_ID;

import dev.wsworld.api.websocketclient.HostAccessScope;
import dev.wsworld.api.websocketclient.WebsocketClientNodes;
import dev.wsworld.api.websocketclient.WebsocketEventAttributes;
import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.api.world.ComponentBehaviour;
import dev.wsworld.api.world.ComponentContext;
import dev.wsworld.api.world.FieldListener;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.api.world.Slot;
import dev.wsworld.api.world.StandardFields;
import dev.wsworld.api.world.UpdateThread;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import dev.wsworld.api.world.WorldListener;
import dev.wsworld.websocket.connection.ClientConnection;
import dev.wsworld.websocket.connection.ConnectionState;
import dev.wsworld.websocket.connection.WorldDelivery;
import dev.wsworld.websocket.consent.AccessReasons;
import dev.wsworld.websocket.failure.Failure;
import dev.wsworld.websocket.resolution.Resolution;
import dev.wsworld.websocket.runtime.LiveComponent;
import dev.wsworld.websocket.runtime.PluginRuntime;
import dev.wsworld.websocket.transport.CloseCode;
import java.net.URI;
import java.util.List;

/**
 * One WebsocketClient instance: turns its fields, its nodes and the world's changes into what its
 * {@link ClientConnection} should do; {@link ConnectionEvents} turns the connection's outcomes into
 * fields and events. World thread only.
 */
final class WebsocketClientBehaviour
        implements ComponentBehaviour, WebsocketClientNodes, LiveComponent {
    /** Fields whose change means the connection must be reconsidered. */
    private static final List<FieldSpec<?>> WATCHED =
            List.of(URL, HANDLING_USER, StandardFields.ENABLED, SUBPROTOCOLS, HEADERS, COMPRESSION);

    private final ComponentContext context;
    private final PluginRuntime runtime;
    private final ClientConnection connection;
    private Resolution resolution = Resolution.NONE;

    /**
     * Set by the Disconnect node; cleared by Connect or a change of a watched field (URL, user,
     * Enabled, subprotocols, headers, compression).
     */
    private boolean disconnectRequested;

    private boolean applyingNode;

    /** Detached from the world: nothing is reconsidered any more, and nodes refuse to act. */
    private boolean detached;

    private final ConnectionEvents events;

    /** A watched field changed: reconsider, unless a node is writing it. */
    private final FieldListener<Object> fieldChanged =
            (field, oldValue, newValue) -> {
                if (!applyingNode) {
                    disconnectRequested = false;
                    reconcile(false);
                }
            };

    /**
     * Users coming and going, the host changing and roles on slots all may change the handling
     * user.
     */
    private final WorldListener worldChanged =
            new WorldListener() {
                @Override
                public void userJoined(User user) {
                    reconcile(false);
                }

                @Override
                public void userLeft(User user) {
                    reconcile(false);
                }

                @Override
                public void hostChanged(User newHost) {
                    reconcile(false);
                }

                @Override
                public void slotRolesChanged(Slot slot) {
                    reconcile(false);
                }
            };

    /**
     * This component's world's share of its update thread; set on attach, read by network threads
     * when something arrives.
     */
    private volatile WorldDelivery delivery;

    /** Run once the connection settled as Stopped during a plugin stop. */
    private Runnable shutdownClosed;

    WebsocketClientBehaviour(ComponentContext context, PluginRuntime runtime) {
        this.context = context;
        this.runtime = runtime;
        this.events =
                new ConnectionEvents(context, () -> resolution.user(), this::signalShutdownClosed);
        this.connection =
                new ClientConnection(runtime::connectionServices, events, this::eventsWaiting);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void onAttach() {
        delivery = runtime.attached(this);
        connection.joinWorld(delivery);
        for (FieldSpec<?> spec : WATCHED) {
            context.component().field(spec.name()).orElseThrow().addListener(fieldChanged);
        }
        context.world().addListener(worldChanged);
        reconcile(false);
    }

    /**
     * Any thread: the first event since the last delivery is waiting. The world's share learns of
     * it at once, so the next tick's slices count this connection; the host is asked for an update.
     */
    private void eventsWaiting() {
        WorldDelivery share = delivery;
        if (share != null) {
            share.ready(connection);
        }
        context.requestUpdate();
    }

    @Override
    public void onUpdate() {
        if (!detached) {
            delivery.serve(connection, context.world().updateThread().tick());
        }
    }

    /**
     * The component goes inert (plugin stopped) or away (removed). Before it falls silent the world
     * hears what already arrived and, for an open socket, {@code disconnected}: every {@code
     * connected} is matched before State becomes Stopped.
     */
    @Override
    public void onDetach(DetachReason reason) {
        detached = true;
        for (FieldSpec<?> spec : WATCHED) {
            context.component()
                    .field(spec.name())
                    .ifPresent(field -> field.removeListener(fieldChanged));
        }
        context.world().removeListener(worldChanged);
        connection.stop(ConnectionState.STOPPED, CloseCode.GOING_AWAY, closeReason(reason));
        events.silence();
        delivery.forget(connection);
        runtime.detached(this);
        signalShutdownClosed();
    }

    /** The close reason the server and the world hear when the component goes inert or away. */
    static String closeReason(DetachReason reason) {
        return switch (reason) {
            case REMOVED -> "component removed";
            case TYPE_UNREGISTERED -> "plugin stopped";
            case HOST_SHUTDOWN -> "host shutting down";
            case WORLD_CLOSED -> "world closed";
        };
    }

    /** Update thread: the plugin is stopping; close with 1001 and report as for any close. */
    @Override
    public void shutDown(Runnable closed) {
        shutdownClosed = closed;
        if (!detached) {
            connection.closeForShutdown(CloseCode.GOING_AWAY, "plugin stopped");
        }
        if (detached || connection.state() == ConnectionState.STOPPED) {
            signalShutdownClosed();
        }
    }

    private void signalShutdownClosed() {
        Runnable closed = shutdownClosed;
        shutdownClosed = null;
        if (closed != null) {
            closed.run();
        }
    }

    // ---------------------------------------------------------------- nodes

    @Override
    public void connect(URI url, String handlingUserId) {
        checkUsable("Connect");
        applyingNode = true;
        try {
            if (url != null && !url.toString().isBlank()) {
                context.component().field(URL).set(url);
            }
            if (handlingUserId != null && !handlingUserId.isBlank()) {
                context.component().field(HANDLING_USER).set(handlingUserId);
            }
        } finally {
            applyingNode = false;
        }
        disconnectRequested = false;
        reconcile(true);
    }

    @Override
    public void disconnect() {
        checkUsable("Disconnect");
        disconnectRequested = true;
        connection.stop(ConnectionState.IDLE, CloseCode.NORMAL, "disconnected by the world");
    }

    @Override
    public long sendText(String text) {
        checkUsable("send");
        return connection.sendText(text);
    }

    @Override
    public long sendBinary(byte[] data) {
        checkUsable("send");
        return connection.sendBinary(data);
    }

    @Override
    public void requestHostAccess(String host, int port, HostAccessScope scope) {
        checkUsable("Request Host Access");
        Slot slot = context.component().slot();
        // asked of the handling user as the fields and the world say now, URL or not
        Resolution resolved =
                runtime.resolver().resolve(slot, context.component().field(HANDLING_USER).get());
        updateResolution(resolved);
        connection.requestHostAccess(
                context.world(),
                resolved.user(),
                slot.name(),
                slot.path(),
                host,
                port,
                scope,
                AccessReasons.sanitise(context.component().field(ACCESS_REASON).get()));
    }

    /**
     * Nodes act on the update thread of an attached component only; a held node of a detached one
     * says so.
     */
    private void checkUsable(String node) {
        context.world().updateThread().checkCurrent(node);
        if (detached) {
            throw new IllegalStateException(
                    node
                            + ": this WebsocketClient on '"
                            + context.component().slot().path()
                            + "' is detached (plugin stopped or component removed); its nodes do"
                            + " nothing");
        }
    }

    // ---------------------------------------------------------------- configuration changes

    @Override
    public World world() {
        return context.world();
    }

    @Override
    public UpdateThread updateThread() {
        return context.world().updateThread();
    }

    /** Update thread: the plugin's configuration was reloaded. */
    @Override
    public void configurationChanged() {
        if (detached) {
            return;
        }
        if (connection.state() == ConnectionState.BLOCKED) {
            reconcile(true); // a rule that blocked it may be gone
        } else {
            reconcile(false); // the user-resolution order may differ
            connection.recheckPolicy();
        }
    }

    // ---------------------------------------------------------------- deciding

    /**
     * Brings the connection in line with the fields. {@code connectNode}: the Connect node asked,
     * which also retries a settled (denied, blocked, failed) connection at once.
     */
    private void reconcile(boolean connectNode) {
        if (detached || runtime.shuttingDown()) {
            return;
        }
        if (!Boolean.TRUE.equals(context.component().field(StandardFields.ENABLED).get())) {
            updateResolution(Resolution.NONE);
            connection.stop(ConnectionState.DISABLED, CloseCode.NORMAL, "disabled");
            return;
        }
        if (disconnectRequested) {
            return;
        }
        WantedConnection wanted =
                WantedConnection.read(context.component(), context.world(), runtime);
        if (wanted instanceof WantedConnection.NoUrl) {
            connection.stop(ConnectionState.IDLE, CloseCode.NORMAL, "URL cleared");
        } else if (wanted instanceof WantedConnection.Unusable unusable) {
            block(unusable.failure(), connectNode);
        } else if (wanted instanceof WantedConnection.NoUser none) {
            updateResolution(none.resolution());
            connection.settle(ConnectionState.WAITING_FOR_USER, "no handling user is present");
        } else if (wanted instanceof WantedConnection.Connect connect) {
            updateResolution(connect.resolution());
            connection.want(connect.target(), connectNode);
        }
    }

    private void block(Failure failure, boolean connectNode) {
        if (!connectNode
                && connection.state() == ConnectionState.BLOCKED
                && connection.lastError().equals(failure.toString())) {
            return;
        }
        connection.settle(ConnectionState.BLOCKED, failure.toString());
        events.connectFailed(failure);
    }

    private void updateResolution(Resolution next) {
        if (next.sameAs(resolution)) {
            return;
        }
        resolution = next;
        User user = next.user();
        context.write(USER_ID, user == null ? "" : user.id());
        context.write(MACHINE_ID, user == null ? "" : user.machineId());
        events.emit(
                WebsocketEvents.USER_RESOLVED,
                WebsocketEventAttributes.USER,
                user == null ? null : user.id(),
                WebsocketEventAttributes.ROLE,
                next.role() == null ? null : next.role().configName());
    }

    @Override
    public ClientConnection connection() {
        return connection;
    }
}
