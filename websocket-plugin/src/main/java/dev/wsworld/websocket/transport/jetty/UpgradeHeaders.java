package dev.wsworld.websocket.transport.jetty;

import dev.wsworld.websocket.headers.Header;
import java.util.List;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;

/**
 * Puts a connection's headers into its upgrade request, exactly as written: in their order and with
 * their names' case. Jetty's {@code ClientUpgradeRequest} keeps headers in a sorted map, so they
 * are added to the HTTP request itself, when Jetty hands it over just before sending it. The
 * CONNECT request to a proxy is another request, made by Jetty's tunnel, and never gets them.
 */
final class UpgradeHeaders {
    private UpgradeHeaders() {}

    /** {@code next}, after the headers are added to the request. */
    static JettyUpgradeListener adding(List<Header> headers, JettyUpgradeListener next) {
        if (headers.isEmpty()) {
            return next;
        }
        return new JettyUpgradeListener() {
            @Override
            public void onHandshakeRequest(Request request) {
                request.headers(
                        fields -> {
                            // a header the client writes by default (User-Agent, Accept-Encoding)
                            // is replaced, not sent twice
                            for (Header header : headers) {
                                fields.remove(header.name());
                            }
                            for (Header header : headers) {
                                fields.add(header.name(), header.value());
                            }
                        });
                next.onHandshakeRequest(request);
            }

            @Override
            public void onHandshakeResponse(Request request, Response response) {
                next.onHandshakeResponse(request, response);
            }
        };
    }
}
