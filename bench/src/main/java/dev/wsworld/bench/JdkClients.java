package dev.wsworld.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The JDK's own client ({@code java.net.http.WebSocket}) as a baseline, with {@code request(n)}
 * flow control: a window of {@link #WINDOW} messages, topped up by one as each is taken, so the
 * client reads ahead as Jetty's does and TCP slows the server when it falls behind.
 */
final class JdkClients implements AutoCloseable {
    static final int WINDOW = 1024;
    private final ExecutorService threads =
            Executors.newFixedThreadPool(
                    32,
                    runnable -> {
                        Thread thread = new Thread(runnable, "jdk-net");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final HttpClient http =
            HttpClient.newBuilder()
                    .executor(threads)
                    .connectTimeout(Duration.ofSeconds(15))
                    .build();

    CompletableFuture<WebSocket> connect(URI uri, Consumer<String> onText) {
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .buildAsync(
                        uri,
                        new WebSocket.Listener() {
                            private StringBuilder partial;

                            @Override
                            public void onOpen(WebSocket webSocket) {
                                webSocket.request(WINDOW);
                            }

                            @Override
                            public CompletionStage<?> onText(
                                    WebSocket webSocket, CharSequence data, boolean last) {
                                if (last && partial == null) {
                                    onText.accept(data.toString());
                                } else {
                                    if (partial == null) {
                                        partial = new StringBuilder();
                                    }
                                    partial.append(data);
                                    if (last) {
                                        onText.accept(partial.toString());
                                        partial = null;
                                    }
                                }
                                webSocket.request(1);
                                return null;
                            }
                        });
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
