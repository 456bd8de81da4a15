package dev.wsworld.websocket.transport.jetty;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.AbstractExtension;
import org.eclipse.jetty.websocket.core.Extension;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * permessage-deflate (RFC 7692) on a session, registered in the client's extension registry in
 * place of Jetty's own. Jetty's client sets an extension up from its own offer, not from the
 * server's answer, so its extension never hears {@code client_no_context_takeover} or a window
 * size; and it stops reading a connection's messages for good after a final deflate block. This one
 * does nothing until {@link JettyEndpoint} has read the answer and hands it the agreement.
 *
 * <p>Outgoing data frames are compressed here ({@link MessageDeflater}). Incoming frames pass
 * through as they are, RSV1 and all: {@link MessageAssembler} inflates them with this extension's
 * {@link MessageInflater}, where each message is counted against the size limit as it grows. The
 * extension claims RSV1, so Jetty's parser lets compressed frames through. Public only because
 * Jetty creates it by reflection, once per connection.
 */
public final class DeflateExtension extends AbstractExtension {
    private volatile MessageDeflater deflater;
    private volatile MessageInflater inflater;

    @Override
    public String getName() {
        return DeflateOffer.PERMESSAGE_DEFLATE;
    }

    @Override
    public boolean isRsv1User() {
        return true;
    }

    /** The session's instance, if permessage-deflate was set up on it. */
    static Optional<DeflateExtension> of(Session session) {
        if (session instanceof WebSocketSession jetty
                && jetty.getCoreSession() instanceof WebSocketCoreSession core) {
            for (Extension extension : core.getExtensionStack().getExtensions()) {
                if (extension instanceof DeflateExtension deflate) {
                    return Optional.of(deflate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The server's answer agreed these terms; called before any data frame either way.
     *
     * @return what inflates this session's compressed messages
     */
    MessageInflater agree(DeflateAgreement agreement) {
        deflater = new MessageDeflater(agreement, getDeflaterPool());
        inflater = new MessageInflater(agreement, getInflaterPool());
        return inflater;
    }

    /**
     * Compresses data frames, in the order they come: messages share one deflate stream, so one at
     * a time. Control frames pass.
     */
    @Override
    public void sendFrame(OutgoingEntry entry) {
        Frame frame = entry.getFrame();
        MessageDeflater agreed = deflater;
        if (!frame.isDataFrame()) {
            nextOutgoingFrame(entry);
            return;
        }
        if (agreed == null) {
            entry.getCallback()
                    .failed(
                            new IllegalStateException(
                                    "a message was sent before the server's permessage-deflate"
                                            + " answer was read"));
            return;
        }
        synchronized (agreed) {
            ByteBuffer compressed;
            try {
                compressed = agreed.deflate(frame.getPayload(), frame.isFin());
            } catch (RuntimeException e) {
                entry.getCallback().failed(e);
                return;
            }
            Frame out = new Frame(frame.getOpCode(), frame.isFin(), compressed);
            out.setRsv1(frame.getOpCode() != OpCode.CONTINUATION); // RFC 7692 6: the first only
            nextOutgoingFrame(new OutgoingEntry.Builder(entry).frame(out).build());
        }
    }

    /** Jetty closes its extensions when the session ends, on whichever thread ends it. */
    @Override
    public void close() {
        MessageDeflater out = deflater;
        MessageInflater in = inflater;
        if (out != null) {
            out.close();
        }
        if (in != null) {
            in.close();
        }
    }
}
