package dev.wsworld.websocket.component;

import static dev.wsworld.api.nodes.WebsocketClientFields.IS_COMPRESSED;
import static dev.wsworld.api.nodes.WebsocketClientFields.IS_CONNECTED;
import static dev.wsworld.api.nodes.WebsocketClientFields.LAST_ERROR;
import static dev.wsworld.api.nodes.WebsocketClientFields.STATE;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.CLEAN;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.CODE;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.COMPRESSED;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.DATA;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.DELAY_MS;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.ERROR;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.HEX;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.HOST;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.ID;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.KIND;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.LENGTH;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.PORT;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.REASON;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.SCHEME;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.SCOPE;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.SUBPROTOCOL;
import static dev.wsworld.api.nodes.WebsocketEventAttributes.USER;

import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.nodes.WebsocketEvents;
import dev.wsworld.api.world.ComponentContext;
import dev.wsworld.api.world.EventData;
import dev.wsworld.api.world.User;
import dev.wsworld.websocket.connection.ClientConnection;
import dev.wsworld.websocket.connection.ConnectionState;
import dev.wsworld.websocket.connection.HostAccessRequest;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a WebsocketClient's connection reports, as the world sees it: state changes become the
 * read-only fields State, IsConnected and LastError, and every outcome becomes a component event
 * with its attributes. The one place that names events and their attributes. World thread only.
 */
final class ConnectionEvents implements ClientConnection.Observer {
    private final ComponentContext context;

    /** The handling user now, for {@code connected}. */
    private final Supplier<User> handlingUser;

    /** Runs when the connection has settled as Stopped. */
    private final Runnable whenStopped;

    /** Set once the component has reported everything it will: nothing is emitted after. */
    private boolean silenced;

    ConnectionEvents(ComponentContext context, Supplier<User> handlingUser, Runnable whenStopped) {
        this.context = context;
        this.handlingUser = handlingUser;
        this.whenStopped = whenStopped;
    }

    /** No event after this: the component went inert or away. */
    void silence() {
        silenced = true;
    }

    /**
     * Emits an event the behaviour raises itself (the handling user changed, a URL that cannot be
     * used).
     */
    void emit(String name, Object... keyValues) {
        if (!silenced) {
            context.emit(name, EventData.of(keyValues));
        }
    }

    @Override
    public void stateChanged(ConnectionState state, String lastError) {
        context.write(STATE, state.displayName());
        context.write(IS_CONNECTED, state == ConnectionState.CONNECTED);
        if (state != ConnectionState.CONNECTED) {
            context.write(IS_COMPRESSED, false);
        }
        context.write(LAST_ERROR, lastError);
        if (state == ConnectionState.STOPPED) {
            whenStopped.run();
        }
    }

    @Override
    public void connected(String subprotocol, boolean compressed) {
        User user = handlingUser.get();
        context.write(IS_COMPRESSED, compressed);
        emit(
                WebsocketEvents.CONNECTED,
                SUBPROTOCOL,
                subprotocol,
                USER,
                user == null ? null : user.id(),
                COMPRESSED,
                compressed);
    }

    @Override
    public void text(String data) {
        emit(WebsocketEvents.TEXT, DATA, data);
    }

    @Override
    public void binary(byte[] data) {
        emit(WebsocketEvents.BINARY, HEX, ClientConnection.hex(data), LENGTH, data.length);
    }

    @Override
    public void disconnected(int code, String reason, boolean clean) {
        emit(WebsocketEvents.DISCONNECTED, CODE, code, REASON, reason, CLEAN, clean);
    }

    @Override
    public void connectFailed(String error) {
        emit(WebsocketEvents.CONNECT_FAILED, ERROR, error);
    }

    @Override
    public void consentRequested(ConsentRequest request) {
        emit(
                WebsocketEvents.CONSENT_REQUESTED,
                USER,
                request.user().id(),
                SCHEME,
                request.scheme(),
                HOST,
                request.host(),
                PORT,
                request.port(),
                REASON,
                request.reason());
    }

    /**
     * The same attributes as {@code consentRequested}, but the reason: what was asked, and of whom.
     */
    @Override
    public void consentWithdrawn(ConsentRequest request) {
        emit(
                WebsocketEvents.CONSENT_WITHDRAWN,
                USER,
                request.user().id(),
                SCHEME,
                request.scheme(),
                HOST,
                request.host(),
                PORT,
                request.port());
    }

    @Override
    public void hostAccessGranted(HostAccessRequest request) {
        emit(
                WebsocketEvents.HOST_ACCESS_GRANTED,
                USER,
                request.userId(),
                HOST,
                request.host(),
                PORT,
                request.port(),
                SCOPE,
                request.scope().configName());
    }

    @Override
    public void hostAccessDenied(HostAccessRequest request, String reason) {
        hostAccessRefused(WebsocketEvents.HOST_ACCESS_DENIED, request, reason);
    }

    @Override
    public void hostAccessIgnored(HostAccessRequest request, String reason) {
        hostAccessRefused(WebsocketEvents.HOST_ACCESS_IGNORED, request, reason);
    }

    /** Denied and ignored carry the same attributes: what was asked, and why it was not granted. */
    private void hostAccessRefused(String event, HostAccessRequest request, String reason) {
        emit(
                event,
                USER,
                request.userId(),
                HOST,
                request.host(),
                PORT,
                request.port(),
                SCOPE,
                request.scope().configName(),
                REASON,
                reason);
    }

    @Override
    public void denied(String userId, String reason) {
        emit(WebsocketEvents.DENIED, USER, userId, REASON, reason);
    }

    @Override
    public void retryScheduled(Duration delay) {
        emit(WebsocketEvents.RETRY_SCHEDULED, DELAY_MS, delay.toMillis());
    }

    @Override
    public void sendStarted(long id, String kind, int length) {
        emit(WebsocketEvents.SEND_START, ID, id, KIND, kind, LENGTH, length);
    }

    @Override
    public void sent(long id) {
        emit(WebsocketEvents.SENT, ID, id);
    }

    @Override
    public void sendFailed(long id, String error) {
        emit(WebsocketEvents.SEND_ERROR, ID, id, ERROR, error);
    }

    @Override
    public void error(String error) {
        emit(WebsocketEvents.ERROR, ERROR, error);
    }
}
