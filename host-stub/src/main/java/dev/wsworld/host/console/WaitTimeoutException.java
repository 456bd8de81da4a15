package dev.wsworld.host.console;

/** A {@code wait} command saw no matching event in time (exit status 3 in scripts). */
public final class WaitTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    public WaitTimeoutException(String message) {
        super(message);
    }
}
