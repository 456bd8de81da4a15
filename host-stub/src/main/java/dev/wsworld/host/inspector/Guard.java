package dev.wsworld.host.inspector;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets only the page its token was given to in, before anything else sees a request:
 *
 * <ul>
 *   <li>the {@code Host} header must be {@code 127.0.0.1:PORT} or {@code localhost:PORT}, or the
 *       answer is 403 (a page of another site whose name resolves to 127.0.0.1, DNS rebinding,
 *       never gets past here);
 *   <li>every request carries the token, in the query ({@code ?token=}) or in the cookie the page
 *       was given with it; none is 401, a wrong one 403;
 *   <li>a WebSocket upgrade must come from the page's own origin ({@code http://} and the Host
 *       header), or it is 403 (cross-site WebSocket hijacking);
 *   <li>only GET and HEAD, and every answer carries a Content-Security-Policy with no inline script
 *       and no framing, no referrer (the token is in the address) and no caching.
 * </ul>
 */
final class Guard extends Handler.Wrapper {
    private final IntSupplier port;
    private final byte[] token;

    /**
     * @param port the port the server listens on, known once it has started
     */
    Guard(IntSupplier port, String token, Handler next) {
        super(next);
        this.port = port;
        this.token = token.getBytes(StandardCharsets.US_ASCII);
    }

    /** Scripts from the page's own files only, never inline; nothing from anywhere else. */
    static String policy(int port) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                + " connect-src 'self' ws://127.0.0.1:"
                + port
                + " ws://localhost:"
                + port
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none';"
                + " require-trusted-types-for 'script'; trusted-types 'none'";
    }

    /** The path of the page's WebSocket. */
    static final String SOCKET_PATH = "/socket";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int port = this.port.getAsInt();
        String cookieName = "wsworld-inspector-" + port;
        HttpFields.Mutable headers = response.getHeaders();
        headers.put("Content-Security-Policy", policy(port));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");

        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || !ownHost(host, port)) {
            return refuse(
                    response, callback, 403, "this page answers only to 127.0.0.1 and localhost");
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return refuse(response, callback, 405, "only GET");
        }
        String given = Request.extractQueryParameters(request).getValue("token");
        boolean fromQuery = given != null;
        if (given == null) {
            given = cookie(request, cookieName);
        }
        if (given == null) {
            return refuse(response, callback, 401, "the inspector's token is missing");
        }
        if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            return refuse(response, callback, 403, "wrong token");
        }
        if (Request.getPathInContext(request).equals(SOCKET_PATH)) {
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (origin == null
                    || !origin.toLowerCase(Locale.ROOT)
                            .equals("http://" + host.toLowerCase(Locale.ROOT))) {
                return refuse(response, callback, 403, "a WebSocket from another origin");
            }
        } else if (fromQuery) {
            // the page's scripts and styles are loaded without the token in their addresses
            headers.add(
                    HttpHeader.SET_COOKIE,
                    cookieName
                            + "="
                            + new String(token, StandardCharsets.US_ASCII)
                            + "; Path=/; HttpOnly; SameSite=Strict");
        }
        return super.handle(request, response, callback);
    }

    private static boolean ownHost(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("127.0.0.1:" + port) || lower.equals("localhost:" + port);
    }

    private static String cookie(Request request, String cookieName) {
        List<HttpCookie> cookies = Request.getCookies(request);
        for (HttpCookie cookie : cookies) {
            if (cookie.getName().equals(cookieName)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    static boolean refuse(Response response, Callback callback, int status, String why) {
        response.setStatus(status);
        response.getHeaders()
                .put(new HttpField(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8"));
        response.write(
                true, ByteBuffer.wrap((why + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
