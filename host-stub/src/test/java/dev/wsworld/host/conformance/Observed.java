package dev.wsworld.host.conformance;

import java.util.List;

/**
 * What a client's user (the world, for the plugin) heard during one case.
 *
 * @param opened it was told the connection opened
 * @param delivered the messages it received, {@code T:text} or {@code B:hex}, in order
 * @param closeCode the close code it was told, or null
 * @param failure what it was told instead of a close, or null
 */
record Observed(boolean opened, List<String> delivered, Integer closeCode, String failure) {
    @Override
    public String toString() {
        return (opened ? "opened" : "never opened")
                + ", delivered "
                + (delivered.isEmpty()
                        ? "nothing"
                        : delivered.size() + " message(s) " + Cases.shorten(delivered))
                + (closeCode == null ? "" : ", heard close " + closeCode)
                + (failure == null ? "" : ", heard failure: " + failure);
    }
}
