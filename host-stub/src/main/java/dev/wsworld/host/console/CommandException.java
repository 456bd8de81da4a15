package dev.wsworld.host.console;

/** A command could not be carried out; the message says why. */
public final class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }
}
