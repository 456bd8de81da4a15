package dev.wsworld.host.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A WebSocket server written on a raw socket, with no WebSocket library: the test sees and controls
 * every byte on the wire. Accepts one client at a time on a free loopback port.
 */
public final class RawPeer implements AutoCloseable {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private final ServerSocket server;
    private Socket client;
    private DataInputStream in;
    private OutputStream out;

    /** The header lines of the last upgrade request answered, exactly as they came. */
    private volatile List<String> requestLines = List.of();

    /** One frame as the client sent it, unmasked. */
    public record Frame(boolean fin, int opcode, boolean masked, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    public RawPeer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Waits for a client, reads its TLS ClientHello record and answers with a fatal {@code
     * handshake_failure} alert, as a server that shares no TLS version or cipher suite with the
     * client does; then closes.
     */
    public void refuseTlsHandshake(int timeoutMillis) throws IOException {
        takeClient(timeoutMillis);
        int contentType = in.readUnsignedByte();
        if (contentType != 0x16) {
            throw new IOException(
                    "expected a TLS handshake record, got content type " + contentType);
        }
        in.readUnsignedShort(); // record version
        in.readFully(new byte[in.readUnsignedShort()]);
        // alert record, TLS 1.2 framing: level fatal (2), description handshake_failure (40)
        out.write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28});
        out.flush();
        client.close();
    }

    /** Waits for a client and completes its opening handshake. */
    public void accept(int timeoutMillis) throws IOException {
        answer(
                timeoutMillis,
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: {accept}\r\n\r\n");
    }

    /**
     * Waits for a client and answers its upgrade request with {@code response}, in which {@code
     * {accept}} stands for the correct {@code Sec-WebSocket-Accept} value: for handshakes that are
     * wrong on purpose.
     */
    public void answer(int timeoutMillis, String response) throws IOException {
        takeClient(timeoutMillis);
        String key = null;
        List<String> lines = new ArrayList<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            lines.add(line);
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon)
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .equals("sec-websocket-key")) {
                key = line.substring(colon + 1).trim();
            }
        }
        requestLines = List.copyOf(lines);
        if (key == null) {
            throw new IOException("the upgrade request had no Sec-WebSocket-Key");
        }
        out.write(response.replace("{accept}", accept(key)).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The request line and header lines of the last upgrade request, as they came on the wire. */
    public List<String> requestLines() {
        return requestLines;
    }

    private void takeClient(int timeoutMillis) throws IOException {
        server.setSoTimeout(timeoutMillis);
        client = server.accept();
        client.setSoTimeout(timeoutMillis);
        in = new DataInputStream(client.getInputStream());
        out = client.getOutputStream();
    }

    /** The Sec-WebSocket-Accept value for a client's key (RFC 6455 4.2.2). */
    public static String accept(String key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-1")
                            .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One header line of an HTTP exchange, without its CR LF. */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the client closed during the handshake");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one unmasked frame with FIN set (server frames are never masked). */
    public void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65536) {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift) & 0xFF);
            }
        }
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the client's next frame, unmasking it. */
    public Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        boolean masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] mask = new byte[4];
        if (masked) {
            in.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame((first & 0x80) != 0, first & 0x0F, masked, payload);
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
        server.close();
    }
}
