package dev.wsworld.api.nodes;

import java.util.List;
import java.util.Locale;

/** Which schemes a Request Host Access asks for. */
public enum HostAccessScope {
    WS(List.of("ws")),
    WSS(List.of("wss")),
    BOTH(List.of("ws", "wss"));

    private final List<String> schemes;

    HostAccessScope(List<String> schemes) {
        this.schemes = schemes;
    }

    /** The schemes it covers: a grant is remembered for each of them. */
    public List<String> schemes() {
        return schemes;
    }

    /** {@code ws}, {@code wss} or {@code both}: how events and the console name it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a name other than ws, wss or both */
    public static HostAccessScope byName(String name) {
        for (HostAccessScope scope : values()) {
            if (scope.configName().equals(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("scope is ws, wss or both, not '" + name + "'");
    }
}
