package dev.wsworld.api.websocketclient;

import java.util.List;
import java.util.Locale;

/** Which schemes a Request Host Access asks for. */
public enum HostAccessScope {
    /** Plain {@code ws} only. */
    WS(List.of("ws")),
    /** {@code wss} only. */
    WSS(List.of("wss")),
    /** Both schemes. */
    BOTH(List.of("ws", "wss"));

    @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
    private final List<String> schemes;

    HostAccessScope(List<String> schemes) {
        this.schemes = schemes;
    }

    /**
     * The schemes it covers: a grant is remembered for each of them.
     *
     * @return {@code ws}, {@code wss} or both
     */
    public List<String> schemes() {
        return schemes;
    }

    /**
     * How events and the console name it.
     *
     * @return {@code ws}, {@code wss} or {@code both}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The scope of that name.
     *
     * @param name {@code ws}, {@code wss} or {@code both}
     * @return the scope
     * @throws IllegalArgumentException for a name other than ws, wss or both
     */
    public static HostAccessScope byName(String name) {
        for (HostAccessScope scope : values()) {
            if (scope.configName().equals(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("scope is ws, wss or both, not '" + name + "'");
    }
}
