package dev.wsworld.websocket.connection;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A connection's state and LastError, and the one table of the moves it may make. A move names the
 * state it leads to; {@link #move} makes it, or throws {@link IllegalStateException} naming the
 * state and the move when the table forbids it. Moving to the state it is in with the same error
 * changes nothing and says nothing.
 *
 * <p>The table's rules, in words: {@link ConnectionState#STOPPED} is final (only {@link Move#STOP}
 * again); a socket opens only from {@link ConnectionState#CONNECTING}; an open socket must start
 * closing before anything new is resolved, asked or connected, so from {@link
 * ConnectionState#CONNECTED} there is no {@link Move#RESOLVE}, {@link Move#ASK}, {@link
 * Move#CONNECT} or {@link Move#REFUSE}. Everything else may follow anything: a world can change a
 * component's fields at any moment.
 *
 * <p>World thread only, but {@link #state()} may be read anywhere.
 */
final class Lifecycle {
    /** The moves, each leading to one state. */
    enum Move {
        RESOLVE(ConnectionState.RESOLVING),
        ASK(ConnectionState.AWAITING_CONSENT),
        CONNECT(ConnectionState.CONNECTING),
        OPEN(ConnectionState.CONNECTED),
        CLOSE(ConnectionState.CLOSING),
        RETRY_LATER(ConnectionState.RETRY_WAITING),
        REFUSE(ConnectionState.DENIED),
        BLOCK(ConnectionState.BLOCKED),
        IDLE(ConnectionState.IDLE),
        DISABLE(ConnectionState.DISABLED),
        WAIT_FOR_USER(ConnectionState.WAITING_FOR_USER),
        STOP(ConnectionState.STOPPED);

        private final ConnectionState to;

        Move(ConnectionState to) {
            this.to = to;
        }

        /** The state this move leads to. */
        ConnectionState to() {
            return to;
        }

        /** The move that settles in {@code state}. */
        static Move to(ConnectionState state) {
            for (Move move : values()) {
                if (move.to == state) {
                    return move;
                }
            }
            throw new IllegalArgumentException("no move leads to " + state);
        }
    }

    /** Which moves each state allows. */
    static final Map<ConnectionState, Set<Move>> LEGAL = legalMoves();

    private static Map<ConnectionState, Set<Move>> legalMoves() {
        Map<ConnectionState, Set<Move>> table = new EnumMap<>(ConnectionState.class);
        for (ConnectionState state : ConnectionState.values()) {
            table.put(state, EnumSet.complementOf(EnumSet.of(Move.OPEN)));
        }
        table.put(ConnectionState.CONNECTING, EnumSet.allOf(Move.class));
        table.put(
                ConnectionState.CONNECTED,
                EnumSet.complementOf(
                        EnumSet.of(Move.RESOLVE, Move.ASK, Move.CONNECT, Move.OPEN, Move.REFUSE)));
        table.put(ConnectionState.STOPPED, EnumSet.of(Move.STOP));
        return table;
    }

    private final ConnectionObserver observer;

    /** Written on the world thread only; volatile so diagnostics can read it from elsewhere. */
    private volatile ConnectionState state = ConnectionState.IDLE;

    private String lastError = "";

    Lifecycle(ConnectionObserver observer) {
        this.observer = observer;
    }

    ConnectionState state() {
        return state;
    }

    String lastError() {
        return lastError;
    }

    /** Whether the connection is inert for good. */
    boolean stopped() {
        return state == ConnectionState.STOPPED;
    }

    /**
     * Makes a move and tells the observer, unless nothing changes.
     *
     * @param error the new LastError; null for none
     * @throws IllegalStateException when the table forbids the move in the current state
     */
    void move(Move move, @Nullable String error) {
        if (!LEGAL.getOrDefault(state, Set.of()).contains(move)) {
            throw new IllegalStateException("illegal move " + move + " in state " + state);
        }
        String nextError = error == null ? "" : error;
        if (move.to() == state && nextError.equals(lastError)) {
            return;
        }
        state = move.to();
        lastError = nextError;
        observer.stateChanged(state, nextError);
    }

    /** The same state, a new LastError (legal wherever the state's own move is). */
    void keepWith(String error) {
        move(Move.to(state), error);
    }
}
