package dev.wsworld.api.config;

/**
 * A configuration or world file is wrong. The message reads {@code file:line:column: key.path:
 * why}, so a user can go straight to the spot.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Location location;

    /**
     * @serial dotted path of the offending key; may be empty
     */
    private final String keyPath;

    /**
     * @serial why, without the location
     */
    private final String reason;

    /**
     * Says what is wrong, and where.
     *
     * @param location where in the file; null when there is no file position
     * @param keyPath dotted path of the offending key; may be empty
     * @param reason why, in words a user can act on
     */
    public ConfigException(Location location, String keyPath, String reason) {
        super(format(location, keyPath, reason));
        this.location = location;
        this.keyPath = keyPath;
        this.reason = reason;
    }

    /**
     * Where the mistake is.
     *
     * @return file, line and column, or null
     */
    public Location location() {
        return location;
    }

    /**
     * The key the mistake is at.
     *
     * @return its dotted path, e.g. {@code defaults.idleTimeout}; may be empty
     */
    public String keyPath() {
        return keyPath;
    }

    /**
     * Why the value is wrong, without the location.
     *
     * @return the reason
     */
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
