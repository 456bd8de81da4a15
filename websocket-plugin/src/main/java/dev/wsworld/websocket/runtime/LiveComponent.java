package dev.wsworld.websocket.runtime;

import dev.wsworld.api.world.UpdateThread;
import dev.wsworld.api.world.World;
import dev.wsworld.websocket.connection.ClientConnection;

/** A live component, told about configuration changes and shutdown on its world's update thread. */
public interface LiveComponent {
    UpdateThread updateThread();

    /** The world the component lives in. */
    World world();

    void configurationChanged();

    /**
     * Update thread: the plugin is stopping. Closes the connection with 1001 and runs {@code
     * closed} once its close completed and the world heard {@code disconnected}.
     */
    void shutDown(Runnable closed);

    /** Any thread. */
    ClientConnection connection();
}
