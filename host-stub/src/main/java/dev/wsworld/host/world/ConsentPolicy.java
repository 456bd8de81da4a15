package dev.wsworld.host.world;

import java.util.List;
import java.util.Locale;

/** How a user of the host stub answers consent prompts (the world file's {@code consent:}). */
public enum ConsentPolicy {
    /** Prompt on the console (local user, interactive); counts as ignore when headless. */
    ASK,
    ALLOW,
    DENY,
    IGNORE;

    public static final List<String> NAMES = List.of("ask", "allow", "deny", "ignore");

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentPolicy of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
