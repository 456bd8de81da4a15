package dev.wsworld.host.inspector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The page's files, from the host stub's jar ({@code dev/wsworld/host/inspector/page/}), read once
 * at start: exactly the ones listed here, each with its type; anything else is 404.
 */
final class PageFiles extends Handler.Abstract {
    private static final String FOLDER = "/dev/wsworld/host/inspector/page/";

    /** File name, then its content type. */
    private static final Map<String, String> FILES =
            Map.of(
                    "index.html", "text/html;charset=utf-8",
                    "inspector.css", "text/css;charset=utf-8",
                    "app.js", "text/javascript;charset=utf-8",
                    "view.js", "text/javascript;charset=utf-8",
                    "dom.js", "text/javascript;charset=utf-8");

    private final Map<String, byte[]> contents;

    PageFiles() throws IOException {
        Map<String, byte[]> read = new java.util.HashMap<>();
        for (String name : FILES.keySet()) {
            try (InputStream in = PageFiles.class.getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IOException("the inspector's page lacks " + name);
                }
                read.put(name, in.readAllBytes());
            }
        }
        contents = Map.copyOf(read);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String name = path.equals("/") ? "index.html" : path.substring(1);
        byte[] content = contents.get(name);
        if (content == null) {
            return Guard.refuse(response, callback, 404, "no such file");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, FILES.get(name));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, content.length);
        response.write(
                true,
                request.getMethod().equals("HEAD")
                        ? ByteBuffer.allocate(0)
                        : ByteBuffer.wrap(content),
                callback);
        return true;
    }
}
