package dev.wsworld.host;

import dev.wsworld.host.consent.ConsentPresets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

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
 * @param inspect the port of the browser inspector to start with the host (0: any free port); empty
 *     for none, the default
 */
public record HostOptions(
        Path plugins,
        Path config,
        List<Path> worlds,
        Optional<Path> script,
        Optional<String> events,
        boolean headless,
        double tickRate,
        ConsentPresets consent,
        OptionalInt inspect) {
    /** Copies the list of worlds; checks the inspector's port. */
    public HostOptions {
        worlds = List.copyOf(worlds);
        if (inspect.isPresent() && (inspect.getAsInt() < 0 || inspect.getAsInt() > 65535)) {
            throw new IllegalArgumentException(
                    "the inspector's port is from 0 (any free port) to 65535, not "
                            + inspect.getAsInt());
        }
    }

    /** Options without the inspector. */
    public HostOptions(
            Path plugins,
            Path config,
            List<Path> worlds,
            Optional<Path> script,
            Optional<String> events,
            boolean headless,
            double tickRate,
            ConsentPresets consent) {
        this(
                plugins,
                config,
                worlds,
                script,
                events,
                headless,
                tickRate,
                consent,
                OptionalInt.empty());
    }
}
