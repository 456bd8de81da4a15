package dev.wsworld.api.config;

/**
 * A configuration or world file is wrong. The message reads
 * {@code file:line:column: key.path: why}, so a user can go straight to the spot.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Location location;
    private final String keyPath;
    private final String reason;

    public ConfigException(Location location, String keyPath, String reason) {
        super(format(location, keyPath, reason));
        this.location = location;
        this.keyPath = keyPath;
        this.reason = reason;
    }

    public Location location() {
        return location;
    }

    /** Dotted path of the offending key, e.g. {@code defaults.idleTimeout}; may be empty. */
    public String keyPath() {
        return keyPath;
    }

    public String reason() {
        return reason;
    }

    private static String format(Location location, String keyPath, String reason) {
        StringBuilder text = new StringBuilder();
        if (location != null) {
            text.append(location).append(": ");
        }
        if (keyPath != null && !keyPath.isEmpty()) {
            text.append(keyPath).append(": ");
        }
        return text.append(reason).toString();
    }
}
