package dev.wsworld.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ScriptedServer} does with one connection: accept the upgrade or refuse it with an
 * HTTP status, hold the handshake until the test releases it, then run steps in order (send, wait
 * for the client's next message, close) and, when told, echo what comes after. Immutable: each
 * method returns a new script, so one can be enqueued many times.
 *
 * <pre>{@code
 * server.enqueue(Script.accept()
 *         .sendText("welcome")       // on open
 *         .awaitMessage()            // the client's next text or binary message
 *         .sendText("got it")        // in reply
 *         .close(4000, "done"));
 * }</pre>
 *
 * A ping from the client is answered with a pong, as by any server.
 */
public final class Script {
    /** One thing the server does, in order. */
    sealed interface Step {}

    /** Sends a text message. */
    record SendText(String text) implements Step {}

    /** Sends a binary message. */
    @SuppressWarnings("ArrayRecordComponent") // a step to take, never compared
    record SendBinary(byte[] data) implements Step {}

    /** Waits for the client's next text or binary message. */
    record AwaitMessage() implements Step {}

    /** Starts the closing handshake. */
    record Close(int code, String reason) implements Step {}

    /** Drops the connection without a close frame. */
    record Abort() implements Step {}

    private final int refuseStatus;
    private final boolean hold;
    private final String subprotocol;
    private final List<Step> steps;
    private final boolean echo;

    private Script(
            int refuseStatus, boolean hold, String subprotocol, List<Step> steps, boolean echo) {
        this.refuseStatus = refuseStatus;
        this.hold = hold;
        this.subprotocol = subprotocol;
        this.steps = List.copyOf(steps);
        this.echo = echo;
    }

    /**
     * Accepts the upgrade and does nothing until told: the script to add steps to.
     *
     * @return a script that accepts
     */
    public static Script accept() {
        return new Script(0, false, null, List.of(), false);
    }

    /**
     * Refuses the upgrade with an HTTP status, as a server that does not want this client.
     *
     * @param httpStatus the status, from 300 to 599 (such as 403 or 503)
     * @return a script that refuses
     * @throws IllegalArgumentException for a status outside 300 to 599
     */
    public static Script refuse(int httpStatus) {
        if (httpStatus < 300 || httpStatus > 599) {
            throw new IllegalArgumentException(
                    "refuse with a status from 300 to 599, not " + httpStatus);
        }
        return new Script(httpStatus, false, null, List.of(), false);
    }

    /**
     * Holds the handshake: the server reads the upgrade request and answers nothing until {@link
     * ScriptedServer#releaseHandshakes()}, then goes on with this script. The client waits as for a
     * slow server (its {@code connectTimeout} runs on real time).
     *
     * @return a new script
     */
    public Script holdHandshake() {
        return new Script(refuseStatus, true, subprotocol, steps, echo);
    }

    /**
     * Accepts this subprotocol when the client offers it.
     *
     * @param name such as {@code chat.v2}
     * @return a new script
     */
    public Script acceptSubprotocol(String name) {
        return new Script(refuseStatus, hold, Objects.requireNonNull(name), steps, echo);
    }

    /**
     * Sends a text message (on open, or after the previous step).
     *
     * @param text the message
     * @return a new script
     */
    public Script sendText(String text) {
        return then(new SendText(Objects.requireNonNull(text)));
    }

    /**
     * Sends a binary message (on open, or after the previous step).
     *
     * @param data the message; copied
     * @return a new script
     */
    public Script sendBinary(byte[] data) {
        return then(new SendBinary(data.clone()));
    }

    /**
     * Waits for the client's next text or binary message before the next step: what follows is the
     * reply to it.
     *
     * @return a new script
     */
    public Script awaitMessage() {
        return then(new AwaitMessage());
    }

    /**
     * Closes the connection with a code and reason (the closing handshake).
     *
     * @param code a close code a server may send, such as 1000, 1001, 1011 or 4000 to 4999
     * @param reason the reason, at most 123 bytes of UTF-8
     * @return a new script
     */
    public Script close(int code, String reason) {
        return then(new Close(code, Objects.requireNonNull(reason)));
    }

    /**
     * Drops the TCP connection without a close frame, as a crashed server: the client sees 1006.
     *
     * @return a new script
     */
    public Script abort() {
        return then(new Abort());
    }

    /**
     * After the steps, sends every text or binary message the client sends back to it.
     *
     * @return a new script
     */
    public Script echo() {
        return new Script(refuseStatus, hold, subprotocol, steps, true);
    }

    private Script then(Step step) {
        if (refuseStatus != 0) {
            throw new IllegalStateException("a refused upgrade has no connection to script");
        }
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new Script(refuseStatus, hold, subprotocol, more, echo);
    }

    int refuseStatus() {
        return refuseStatus;
    }

    boolean holdsHandshake() {
        return hold;
    }

    String subprotocol() {
        return subprotocol;
    }

    List<Step> steps() {
        return steps;
    }

    boolean echoes() {
        return echo;
    }

    @Override
    public String toString() {
        return refuseStatus != 0
                ? "refuse " + refuseStatus
                : "accept"
                        + (hold ? ", held" : "")
                        + (subprotocol == null ? "" : ", subprotocol " + subprotocol)
                        + ", "
                        + steps
                        + (echo ? ", then echo" : "");
    }
}
