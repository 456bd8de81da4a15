package dev.wsworld.host.conformance;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A client broken on purpose, to check the judge: it masks its frames and reads framing right, but
 * answers no ping, does not validate UTF-8 (it decodes with replacement characters), skips frames
 * with reserved bits or opcodes instead of failing, checks nothing in the handshake answer, has no
 * message limit, echoes nothing, and answers every close with 1000. The suite must fail it on
 * exactly the cases those faults touch.
 */
final class BrokenClient implements ClientUnderTest {
    private final SecureRandom random = new SecureRandom();

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public Observed run(URI uri, long timeoutMillis, boolean compression, boolean echo)
            throws Exception {
        List<String> delivered = new ArrayList<>();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) timeoutMillis);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] key = new byte[16];
            random.nextBytes(key);
            out.write(
                    ("GET "
                                    + uri.getRawPath()
                                    + " HTTP/1.1\r\nHost: "
                                    + uri.getHost()
                                    + ":"
                                    + uri.getPort()
                                    + "\r\n"
                                    + "Upgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\n"
                                    + "Sec-WebSocket-Version: 13\r\n"
                                    + "Sec-WebSocket-Key: "
                                    + Base64.getEncoder().encodeToString(key)
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            int newlines = 0;
            while (newlines < 2) { // whatever the answer says, up to its blank line
                int b = in.read();
                if (b < 0) {
                    return new Observed(false, delivered, null, "closed during the handshake");
                }
                newlines = b == '\n' ? newlines + 1 : b == '\r' ? newlines : 0;
            }
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            int messageType = 0;
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if ((second & 0x80) != 0) {
                    in.readFully(new byte[4]); // a mask it does not apply: broken, but it reads on
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0F;
                boolean fin = (first & 0x80) != 0;
                if ((first & 0x70) != 0) {
                    continue; // reserved bits: skipped instead of failing
                }
                switch (opcode) {
                    case 0x0, 0x1, 0x2 -> {
                        if (opcode != 0) {
                            messageType = opcode;
                            message.reset();
                        }
                        message.writeBytes(payload);
                        if (fin) {
                            delivered.add(
                                    messageType == 1
                                            ? "T:" + message.toString(StandardCharsets.UTF_8)
                                            : "B:"
                                                    + HexFormat.of()
                                                            .formatHex(message.toByteArray()));
                        }
                    }
                    case 0x8 -> {
                        send(out, 0x8, Frames.closePayload(1000, new byte[0]));
                        return new Observed(
                                true,
                                delivered,
                                payload.length >= 2
                                        ? ((payload[0] & 0xFF) << 8 | payload[1] & 0xFF)
                                        : 1005,
                                null);
                    }
                    default -> {
                        // pings unanswered, pongs and reserved opcodes skipped
                    }
                }
            }
        } catch (IOException e) {
            return new Observed(true, delivered, null, e.toString());
        }
    }

    private void send(OutputStream out, int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        frame.write(0x80 | payload.length);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    @Override
    public void close() {}
}
