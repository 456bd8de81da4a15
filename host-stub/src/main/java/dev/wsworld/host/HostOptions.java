package dev.wsworld.host;

import dev.wsworld.host.consent.ConsentPresets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a host is started with; the command line ({@code cli.HostCommand}) is one way to fill it in.
 *
 * @param plugins plugins directory
 * @param config configuration directory
 * @param worlds world files, each a world of its own; empty for the embedded demo world
 * @param script command script; empty to read standard input
 * @param events JSON Lines event log: a file, or {@code -} for standard output
 * @param headless no one at the console: a prompt no preset answers counts as ignored
 * @param tickRate updates per second
 * @param consent answers decided in advance by whoever runs the host, by user
 */
public record HostOptions(
        Path plugins,
        Path config,
        List<Path> worlds,
        Optional<Path> script,
        Optional<String> events,
        boolean headless,
        double tickRate,
        ConsentPresets consent) {
    /** Copies the list of worlds. */
    public HostOptions {
        worlds = List.copyOf(worlds);
    }
}
