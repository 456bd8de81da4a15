package dev.wsworld.host;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a host is started with; the command line ({@code cli.HostCommand}) is one way to fill it in.
 *
 * @param plugins plugins directory
 * @param config configuration directory
 * @param world world file; empty for the embedded demo world
 * @param script command script; empty to read standard input
 * @param events JSON Lines event log: a file, or {@code -} for standard output
 * @param headless no one at the console: {@code consent: ask} counts as ignore
 * @param tickRate updates per second
 */
public record HostOptions(
        Path plugins,
        Path config,
        Optional<Path> world,
        Optional<Path> script,
        Optional<String> events,
        boolean headless,
        double tickRate) {}
