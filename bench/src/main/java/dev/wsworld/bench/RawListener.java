package dev.wsworld.bench;

import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A raw Jetty endpoint that hands opens and texts to callbacks (public: Jetty calls it
 * reflectively).
 */
public final class RawListener implements Session.Listener.AutoDemanding {
    private final Runnable onOpen;
    private final Consumer<String> onText;

    RawListener(Runnable onOpen, Consumer<String> onText) {
        this.onOpen = onOpen;
        this.onText = onText;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        onOpen.run();
    }

    @Override
    public void onWebSocketText(String message) {
        onText.accept(message);
    }

    /**
     * Each round stops its client with sessions open; a missing message shows up as a count that
     * never completes.
     */
    @Override
    public void onWebSocketError(Throwable cause) {}
}
