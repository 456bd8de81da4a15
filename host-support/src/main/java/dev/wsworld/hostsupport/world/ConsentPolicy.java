package dev.wsworld.hostsupport.world;

import java.util.List;
import java.util.Locale;

/**
 * How a user answers consent prompts, for hosts whose prompt decides per user: the host stub's
 * world file ({@code consent:}) sets it, and its prompt reads it. Other hosts may ignore it.
 */
public enum ConsentPolicy {
    /** Prompt on the console (local user, interactive); counts as ignore when headless. */
    ASK,
    /** Allow, once. */
    ALLOW,
    /** Deny (a lasting decision). */
    DENY,
    /** Dismiss without answering. */
    IGNORE;

    /** The names as files write them, in declaration order. */
    public static final List<String> NAMES = List.of("ask", "allow", "deny", "ignore");

    /**
     * The name as files write it.
     *
     * @return the constant's name in lower case
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The policy of that name.
     *
     * @param name one of {@link #NAMES}
     * @return the policy
     * @throws IllegalArgumentException for another name
     */
    public static ConsentPolicy of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
