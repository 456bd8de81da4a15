package dev.wsworld.host.conformance;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reference: the JDK's own {@link WebSocket}, with {@code request(1)} flow control and nothing
 * added. It has no message size limit, so the cases past the limit are not ones it implements.
 */
final class JdkClient implements ClientUnderTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public Observed run(URI uri, long timeoutMillis, boolean compression, boolean echo)
            throws Exception {
        List<String> delivered = new ArrayList<>();
        // one send at a time, as the JDK's WebSocket asks; each echo waits for the one before
        CompletableFuture<?>[] echoed = {CompletableFuture.completedFuture(null)};
        CompletableFuture<Observed> ended = new CompletableFuture<>();
        boolean[] opened = new boolean[1];
        WebSocket.Listener listener =
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();
                    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

                    @Override
                    public void onOpen(WebSocket socket) {
                        opened[0] = true;
                        socket.request(1);
                    }

                    @Override
                    public CompletionStage<?> onText(
                            WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            synchronized (delivered) {
                                delivered.add("T:" + text);
                            }
                            if (echo) {
                                String message = text.toString();
                                echoed[0] =
                                        echoed[0].thenCompose(x -> socket.sendText(message, true));
                            }
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(
                            WebSocket socket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        binary.writeBytes(bytes);
                        if (last) {
                            synchronized (delivered) {
                                delivered.add(
                                        "B:" + HexFormat.of().formatHex(binary.toByteArray()));
                            }
                            if (echo) {
                                ByteBuffer message = ByteBuffer.wrap(binary.toByteArray());
                                echoed[0] =
                                        echoed[0].thenCompose(
                                                x -> socket.sendBinary(message, true));
                            }
                            binary.reset();
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
                        socket.request(1); // the JDK answers pings itself
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(
                            WebSocket socket, int statusCode, String reason) {
                        ended.complete(new Observed(true, copy(delivered), statusCode, null));
                        return null; // the JDK then answers the close
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        ended.complete(
                                new Observed(
                                        opened[0], copy(delivered), null, String.valueOf(error)));
                    }
                };
        try {
            http.newWebSocketBuilder()
                    .connectTimeout(java.time.Duration.ofMillis(timeoutMillis))
                    .buildAsync(uri, listener)
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return new Observed(false, List.of(), null, String.valueOf(e.getCause()));
        }
        try {
            return ended.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Observed(
                    opened[0],
                    copy(delivered),
                    null,
                    "nothing ended the connection within " + timeoutMillis + " ms");
        }
    }

    private static List<String> copy(List<String> delivered) {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    @Override
    public void close() {
        // HttpClient has no close before Java 21; its threads are daemons
    }
}
