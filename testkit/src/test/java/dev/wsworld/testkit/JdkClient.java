package dev.wsworld.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The JDK's WebSocket client, for testing the scripted server without a world: what it received, as
 * {@code text:…}, {@code binary:HEX}, {@code pong:…}, {@code close:CODE REASON} or {@code error:…}.
 */
final class JdkClient implements WebSocket.Listener {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();

    static CompletableFuture<WebSocket> connect(
            URI uri, JdkClient listener, SSLContext tls, Duration timeout, String... subprotocols) {
        HttpClient.Builder http = HttpClient.newBuilder();
        if (tls != null) {
            http.sslContext(tls);
        }
        WebSocket.Builder builder = http.build().newWebSocketBuilder();
        if (timeout != null) {
            builder.connectTimeout(timeout);
        }
        if (subprotocols.length > 0) {
            builder.subprotocols(
                    subprotocols[0],
                    List.of(subprotocols).subList(1, subprotocols.length).toArray(String[]::new));
        }
        return builder.buildAsync(uri, listener);
    }

    String next() throws InterruptedException {
        String next = received.poll(Waits.DEFAULT.toSeconds(), TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the client received nothing more; so far: " + received);
        }
        return next;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add("text:" + text);
            text.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.add("binary:" + HexFormat.of().formatHex(bytes));
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        received.add("pong:" + new String(bytes, StandardCharsets.UTF_8));
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        received.add("close:" + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        received.add("error:" + error);
    }
}
