package dev.wsworld.host.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a free loopback port in front of another loopback port (a proxy under test): it
 * passes bytes both ways and keeps every byte clients sent, so a test sees exactly what the proxy
 * received, CONNECT request and tunnelled bytes alike.
 */
public final class RecordingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final ByteArrayOutputStream fromClients = new ByteArrayOutputStream();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public RecordingRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Everything clients sent through the relay so far, as ISO-8859-1 (one char a byte). */
    public String received() {
        synchronized (fromClients) {
            return fromClients.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                pump(client.getInputStream(), target.getOutputStream(), true);
                pump(target.getInputStream(), client.getOutputStream(), false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean record) {
        Thread thread =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[8192];
                            try {
                                for (int n; (n = in.read(buffer)) >= 0; ) {
                                    if (record) {
                                        synchronized (fromClients) {
                                            fromClients.write(buffer, 0, n);
                                        }
                                    }
                                    out.write(buffer, 0, n);
                                    out.flush();
                                }
                                out.close();
                            } catch (IOException ended) {
                                // one side closed; the other is closed with the relay
                            }
                        },
                        "relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
