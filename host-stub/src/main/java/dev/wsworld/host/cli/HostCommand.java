package dev.wsworld.host.cli;

import dev.wsworld.host.HostOptions;
import dev.wsworld.host.consent.ConsentPresets;
import dev.wsworld.hostsupport.world.TickLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The host stub's options, as picocli reads them: the one table of options, their defaults and
 * meanings, which {@code --help} prints. {@link #options(CommandLine)} turns them into the host's
 * {@link HostOptions}; the rest ({@code --no-history}, {@code --verbose}) belong to the console.
 */
@Command(
        name = "host-stub",
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "",
        synopsisHeading = "Usage: ",
        customSynopsis = "java -jar host-stub/target/host-stub.jar [OPTIONS]",
        description = {
            "A reference host for world plugins: loads the plugins in a directory through PF4J,"
                + " runs a world at a fixed tick rate, and takes commands from a console, a script"
                + " or piped input.",
            ""
        },
        optionListHeading = "Options:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the input or script ended, or quit",
            "1:a script or piped command failed",
            "2:bad input: an option, the configuration, the world file or a script line",
            "3:a wait command timed out"
        },
        footer = {"", "Type help at the console for its commands. See docs/host-stub.md."})
final class HostCommand {

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            defaultValue = "plugins",
            description = "plugins directory (default: ${DEFAULT-VALUE})")
    Path plugins;

    @Option(
            names = "--config",
            paramLabel = "DIR",
            defaultValue = "config",
            description =
                    "configuration directory: websocket-client.yaml, consent decisions, console"
                            + " history (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(
            names = "--world",
            paramLabel = "FILE",
            description =
                    "world file; repeat it for several worlds in one host (default: the embedded"
                            + " demo world)")
    List<Path> worlds = new ArrayList<>();

    @Option(
            names = "--script",
            paramLabel = "FILE",
            description =
                    "run these commands, every line checked before the first runs, then exit"
                            + " (default: read standard input)")
    Path script;

    @Option(
            names = "--events",
            paramLabel = "FILE|-",
            description =
                    "write every event as a JSON line to FILE, or - for standard output (default:"
                            + " none)")
    String events;

    @Option(
            names = "--consent",
            paramLabel = "USER=CHOICE",
            description =
                    "answer USER's consent prompts in advance: allow, deny, ignore or ask (the"
                            + " default); repeatable. Never taken from a world file")
    List<String> consent = new ArrayList<>();

    @Option(
            names = "--inspect",
            paramLabel = "PORT",
            description =
                    "serve the world inspector on 127.0.0.1:PORT (0: any free port; default: off)")
    Integer inspect;

    @Option(
            names = "--headless",
            description =
                    "no one at the console: a consent prompt counts as ignored (default: false)")
    boolean headless;

    @Option(
            names = "--tick-rate",
            paramLabel = "HZ",
            defaultValue = "60",
            description = "world updates per second, from 1 to 10000 (default: ${DEFAULT-VALUE})")
    double tickRate;

    @Option(
            names = "--no-history",
            description = "keep no console history file (default: kept in the config directory)")
    boolean noHistory;

    @Option(
            names = "--verbose",
            description = "show stack traces and debug logging (default: false)")
    boolean verbose;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    boolean help;

    @Option(
            names = {"-V", "--version"},
            versionHelp = true,
            description =
                    "show the versions of the host stub and the plugin API, and the plugins found,"
                            + " then exit")
    boolean version;

    /**
     * The host's options.
     *
     * @throws CommandLine.ParameterException for a value out of range, naming the option
     */
    HostOptions options(CommandLine line) {
        if (!(tickRate >= TickLoop.MIN_TICK_RATE && tickRate <= TickLoop.MAX_TICK_RATE)) {
            throw new CommandLine.ParameterException(
                    line, "--tick-rate: must be from 1 to 10000 Hz, not " + tickRate);
        }
        if (inspect != null && (inspect < 0 || inspect > 65535)) {
            throw new CommandLine.ParameterException(
                    line, "--inspect: a port from 0 (any free port) to 65535, not " + inspect);
        }
        ConsentPresets presets = ConsentPresets.NONE;
        for (String preset : consent) {
            try {
                presets = ConsentPresets.parse(presets, preset);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(line, "--consent: " + e.getMessage());
            }
        }
        return new HostOptions(
                plugins,
                config,
                worlds,
                Optional.ofNullable(script),
                Optional.ofNullable(events),
                headless,
                tickRate,
                presets,
                inspect == null ? OptionalInt.empty() : OptionalInt.of(inspect));
    }

    /** Whether {@code option} was given rather than defaulted. */
    static boolean given(CommandLine line, String option) {
        return line.getParseResult() != null && line.getParseResult().hasMatchedOption(option);
    }
}
