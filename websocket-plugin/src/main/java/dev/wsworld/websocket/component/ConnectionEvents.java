package dev.wsworld.websocket.component;

import static dev.wsworld.api.websocketclient.WebsocketClientFields.IS_COMPRESSED;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.IS_CONNECTED;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.LAST_ERROR;
import static dev.wsworld.api.websocketclient.WebsocketClientFields.STATE;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.CLEAN;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.CODE;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.COMPRESSED;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.DATA;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.DELAY_MS;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.ERROR;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.HEX;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.HOST;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.ID;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.KIND;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.LENGTH;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.PORT;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.REASON;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.SCHEME;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.SCOPE;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.SUBPROTOCOL;
import static dev.wsworld.api.websocketclient.WebsocketEventAttributes.USER;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.websocketclient.WebsocketEvents;
import dev.wsworld.api.world.ComponentContext;
import dev.wsworld.api.world.EventData;
import dev.wsworld.api.world.User;
import dev.wsworld.websocket.connection.ConnectionObserver;
import dev.wsworld.websocket.connection.ConnectionState;
import dev.wsworld.websocket.connection.HostAccessRequest;
import dev.wsworld.websocket.failure.Failure;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a WebsocketClient's connection reports, as the world sees it: state changes become the
 * read-only fields State, IsConnected and LastError, and every outcome becomes a component event
 * with its attributes. The one place that names events and their attributes. World thread only.
 */
final class ConnectionEvents implements ConnectionObserver {
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
    void emit(String name, String key, @Nullable Object value) {
        if (!silenced) {
            context.emit(name, EventData.of(key, value));
        }
    }

    /** The same with any number of attributes, as key, value pairs. */
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
        emit(WebsocketEvents.BINARY, HEX, HexFormat.of().formatHex(data), LENGTH, data.length);
    }

    @Override
    public void disconnected(int code, String reason, boolean clean) {
        emit(WebsocketEvents.DISCONNECTED, CODE, code, REASON, reason, CLEAN, clean);
    }

    @Override
    public void connectFailed(Failure failure) {
        emit(
                WebsocketEvents.CONNECT_FAILED,
                ERROR,
                failure.words(),
                KIND,
                failure.kind().eventName());
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
    public void denied(String userId, ConsentAnswer answer) {
        emit(WebsocketEvents.DENIED, USER, userId, REASON, answer.eventWord());
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
    public void sendFailed(long id, Failure failure) {
        emit(
                WebsocketEvents.SEND_ERROR,
                ID,
                id,
                ERROR,
                failure.words(),
                KIND,
                failure.kind().eventName());
    }

    @Override
    public void error(Failure failure) {
        emit(WebsocketEvents.ERROR, ERROR, failure.words(), KIND, failure.kind().eventName());
    }
}
