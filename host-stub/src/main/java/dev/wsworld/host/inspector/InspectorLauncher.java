package dev.wsworld.host.inspector;

import dev.wsworld.host.Host;
import dev.wsworld.host.console.CommandException;
import dev.wsworld.host.console.CommandInterpreter;

/**
 * The one inspector of a host, started by {@code --inspect} or the console's {@code inspect}, and
 * stopped with the host. Starting it again tells where it already runs.
 */
public final class InspectorLauncher implements CommandInterpreter.Inspect, AutoCloseable {
    private final Host host;
    private Inspector running;
    private boolean closed;

    public InspectorLauncher(Host host) {
        this.host = host;
    }

    @Override
    public synchronized String start(int port) throws CommandException {
        if (closed) {
            throw new CommandException("the host is stopping");
        }
        if (running != null) {
            if (port != 0 && port != running.port()) {
                throw new CommandException(
                        "the inspector runs already, on port "
                                + running.port()
                                + ": "
                                + running.address());
            }
            return running.address();
        }
        try {
            running = Inspector.start(host, port);
        } catch (java.io.IOException e) {
            throw new CommandException("cannot start the inspector: " + e.getMessage());
        }
        return running.address();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
