package dev.wsworld.websocket.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.websocket.connection.Lifecycle.Move;
import dev.wsworld.websocket.failure.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table of legal moves: every pair it forbids throws, naming both; every other one moves. */
class LifecycleTest {
    private final List<String> told = new ArrayList<>();

    /** A lifecycle that has reached {@code state} by legal moves from Idle. */
    private Lifecycle in(ConnectionState state) {
        Lifecycle lifecycle = new Lifecycle(new StateRecorder(told));
        switch (state) {
            case CONNECTED -> {
                lifecycle.move(Move.CONNECT, "");
                lifecycle.move(Move.OPEN, "");
            }
            case IDLE -> {}
            default -> lifecycle.move(Move.to(state), "");
        }
        assertEquals(state, lifecycle.state());
        return lifecycle;
    }

    @Test
    void everyMoveTheTableForbidsThrowsNamingTheStateAndTheMove() {
        int forbidden = 0;
        for (ConnectionState state : ConnectionState.values()) {
            for (Move move : Move.values()) {
                if (Lifecycle.LEGAL.get(state).contains(move)) {
                    continue;
                }
                forbidden++;
                Lifecycle lifecycle = in(state);
                IllegalStateException refused =
                        assertThrows(
                                IllegalStateException.class,
                                () -> lifecycle.move(move, "why"),
                                move + " from " + state);
                assertEquals("illegal move " + move + " in state " + state, refused.getMessage());
                assertEquals(state, lifecycle.state(), "an illegal move changes nothing");
            }
        }
        // Stopped allows only Stop (11 forbidden), Connected forbids five, and the nine states
        // left but Connecting forbid Open: 11 + 5 + 9
        assertEquals(25, forbidden);
    }

    @Test
    void everyMoveTheTableAllowsLeadsToItsState() {
        for (ConnectionState state : ConnectionState.values()) {
            for (Move move : Lifecycle.LEGAL.get(state)) {
                Lifecycle lifecycle = in(state);
                lifecycle.move(move, "after " + move);
                assertEquals(move.to(), lifecycle.state(), move + " from " + state);
                assertEquals("after " + move, lifecycle.lastError());
            }
        }
    }

    @Test
    void theRulesInWords() {
        assertEquals(List.of(Move.STOP), List.copyOf(Lifecycle.LEGAL.get(ConnectionState.STOPPED)));
        for (ConnectionState state : ConnectionState.values()) {
            assertEquals(
                    state == ConnectionState.CONNECTING,
                    Lifecycle.LEGAL.get(state).contains(Move.OPEN),
                    "a socket opens only from Connecting, not from " + state);
        }
        for (Move fresh : List.of(Move.RESOLVE, Move.ASK, Move.CONNECT, Move.REFUSE)) {
            assertEquals(
                    false,
                    Lifecycle.LEGAL.get(ConnectionState.CONNECTED).contains(fresh),
                    "an open socket closes before " + fresh);
        }
    }

    @Test
    void theSameStateAndErrorSayNothingButANewErrorIsTold() {
        Lifecycle lifecycle = in(ConnectionState.RETRY_WAITING);
        told.clear();
        lifecycle.move(Move.RETRY_LATER, "");
        assertEquals(List.of(), told);
        lifecycle.keepWith("dns: no such name; retrying in 10.0 s");
        assertEquals(List.of("RetryWaiting dns: no such name; retrying in 10.0 s"), told);
    }

    /** Records state changes only. */
    private record StateRecorder(List<String> told) implements ConnectionObserver {
        @Override
        public void stateChanged(ConnectionState state, String lastError) {
            told.add((state.displayName() + " " + lastError).trim());
        }

        @Override
        public void connected(String subprotocol, boolean compressed) {}

        @Override
        public void text(String data) {}

        @Override
        public void binary(byte[] data) {}

        @Override
        public void disconnected(int code, String reason, boolean clean) {}

        @Override
        public void connectFailed(Failure failure) {}

        @Override
        public void consentRequested(ConsentRequest request) {}

        @Override
        public void denied(String userId, ConsentAnswer answer) {}

        @Override
        public void consentWithdrawn(ConsentRequest request) {}

        @Override
        public void hostAccessGranted(HostAccessRequest request) {}

        @Override
        public void hostAccessDenied(HostAccessRequest request, String reason) {}

        @Override
        public void hostAccessIgnored(HostAccessRequest request, String reason) {}

        @Override
        public void retryScheduled(Duration delay) {}

        @Override
        public void sendStarted(long id, String kind, int length) {}

        @Override
        public void sent(long id) {}

        @Override
        public void sendFailed(long id, Failure failure) {}

        @Override
        public void error(Failure failure) {}
    }
}
