package dev.wsworld.testkit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Jetty's side of a {@link ServerConnection}: it takes every frame as it comes (so nothing the
 * client sends is assembled or answered behind the recording) and hands it on. Public only because
 * Jetty calls it through method handles; tests use {@link ServerConnection}.
 */
public final class ServerEndpoint implements Session.Listener.AutoDemanding {
    private final ServerConnection connection;
    private final Runnable onOpen;

    ServerEndpoint(ServerConnection connection, Runnable onOpen) {
        this.connection = connection;
        this.onOpen = onOpen;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        onOpen.run(); // listed before its script sends anything the client could see
        connection.opened(session);
    }

    @Override
    public void onWebSocketFrame(Frame frame, Callback callback) {
        try {
            connection.frameArrived(frame);
        } finally {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        connection.markEnded();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        connection.markEnded();
    }
}
