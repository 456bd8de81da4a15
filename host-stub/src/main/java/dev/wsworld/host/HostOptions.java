package dev.wsworld.host;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The host stub's command line.
 *
 * @param plugins  plugins directory
 * @param config   configuration directory
 * @param world    world file; empty for the embedded demo world
 * @param script   command script; empty to read standard input
 * @param events   JSON Lines event log: a file, or {@code -} for standard output
 * @param headless no one at the console: {@code consent: ask} counts as ignore
 * @param tickRate updates per second
 */
public record HostOptions(Path plugins, Path config, Optional<Path> world, Optional<Path> script,
                          Optional<String> events, boolean headless, double tickRate) {

    public static final String USAGE = "usage: java -jar host-stub/target/host-stub.jar [--plugins DIR] [--config DIR] "
            + "[--world FILE] [--script FILE] [--events FILE|-] [--headless] [--tick-rate HZ]";

    public static HostOptions defaults() {
        return new HostOptions(Path.of("plugins"), Path.of("config"), Optional.empty(), Optional.empty(),
                Optional.empty(), false, 60);
    }

    /** @throws IllegalArgumentException naming the offending argument */
    public static HostOptions parse(String... args) {
        HostOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--headless" -> o = new HostOptions(o.plugins, o.config, o.world, o.script, o.events, true, o.tickRate);
                case "--plugins" -> o = new HostOptions(Path.of(value(args, ++i, arg)), o.config, o.world, o.script, o.events, o.headless, o.tickRate);
                case "--config" -> o = new HostOptions(o.plugins, Path.of(value(args, ++i, arg)), o.world, o.script, o.events, o.headless, o.tickRate);
                case "--world" -> o = new HostOptions(o.plugins, o.config, Optional.of(Path.of(value(args, ++i, arg))), o.script, o.events, o.headless, o.tickRate);
                case "--script" -> o = new HostOptions(o.plugins, o.config, o.world, Optional.of(Path.of(value(args, ++i, arg))), o.events, o.headless, o.tickRate);
                case "--events" -> o = new HostOptions(o.plugins, o.config, o.world, o.script, Optional.of(value(args, ++i, arg)), o.headless, o.tickRate);
                case "--tick-rate" -> {
                    String text = value(args, ++i, arg);
                    double hz;
                    try {
                        hz = Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--tick-rate: '" + text + "' is not a number");
                    }
                    if (!(hz > 0 && hz <= 10_000)) {
                        throw new IllegalArgumentException("--tick-rate: must be above 0 and at most 10000, not " + text);
                    }
                    o = new HostOptions(o.plugins, o.config, o.world, o.script, o.events, o.headless, hz);
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return o;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
