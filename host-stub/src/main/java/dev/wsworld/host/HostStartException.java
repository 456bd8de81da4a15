package dev.wsworld.host;

/** The host cannot start for a reason the user must fix (exit status 2). */
public final class HostStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public HostStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
