package dev.wsworld.host.console;

import dev.wsworld.common.text.Failures;
import dev.wsworld.host.Host;
import dev.wsworld.host.HostedWorld;
import dev.wsworld.host.output.Line;
import dev.wsworld.host.output.Screen;
import dev.wsworld.host.output.Shown;
import dev.wsworld.host.worldfile.WorldFileWriter;
import dev.wsworld.hostsupport.yaml.YamlConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The commands about the host rather than one world: plugins, configuration, lasting consent
 * decisions, and saving a world to a file. Run on the console's thread.
 */
final class HostCommands {
    private final Host host;
    private final Screen out;

    HostCommands(Host host, Screen out) {
        this.host = host;
        this.out = out;
    }

    CommandInterpreter.Flow plugins() {
        var all = host.plugins().getPlugins();
        if (all.isEmpty()) {
            out.show(Line.of("no plugins in {}", host.options().plugins().toAbsolutePath()));
        }
        for (PluginWrapper plugin : all) {
            // the manifest is the jar's text, not ours: shown like any other foreign text
            out.show(
                    Line.of(
                            "{} {} {} {}",
                            Shown.name(plugin.getPluginId()),
                            Shown.name(plugin.getDescriptor().getVersion()),
                            plugin.getPluginState(),
                            plugin.getPluginPath()));
        }
        host.plugins().problems().forEach(problem -> out.show(Line.of("problem: {}", problem)));
        return CommandInterpreter.Flow.CONTINUE;
    }

    CommandInterpreter.Flow plugin(String action, String id) throws CommandException {
        try {
            switch (action) {
                case "stop" -> {
                    requirePlugin(id);
                    out.show(Line.of("{} {}", Shown.name(id), host.plugins().stopPlugin(id)));
                }
                case "start" -> {
                    requirePlugin(id);
                    PluginState state = host.plugins().startPlugin(id);
                    if (state != PluginState.STARTED) {
                        throw new CommandException(
                                "plugin "
                                        + Shown.quoted(id)
                                        + " did not start: "
                                        + Failures.describe(
                                                host.plugins().getPlugin(id).getFailedException()));
                    }
                    out.show(Line.of("{} {}", Shown.name(id), state));
                }
                default -> {
                    PluginWrapper reloaded = host.plugins().reloadPlugin(id);
                    out.show(
                            Line.of(
                                    "{} {} {} from {}",
                                    Shown.name(reloaded.getPluginId()),
                                    Shown.name(reloaded.getDescriptor().getVersion()),
                                    reloaded.getPluginState(),
                                    reloaded.getPluginPath()));
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | PluginRuntimeException e) {
            throw new CommandException(e.getMessage());
        }
        return CommandInterpreter.Flow.CONTINUE;
    }

    private void requirePlugin(String id) {
        if (host.plugins().getPlugin(id) == null) {
            throw new IllegalArgumentException("no plugin " + Shown.quoted(id) + " is loaded");
        }
    }

    CommandInterpreter.Flow reload() {
        host.reloadConfiguration().forEach(line -> out.show(Line.of("{}", line)));
        return CommandInterpreter.Flow.CONTINUE;
    }

    CommandInterpreter.Flow grants() {
        var decisions = host.consentDecisions().decisions();
        if (decisions.isEmpty()) {
            out.show(Line.of("no lasting consent decisions"));
        }
        decisions.forEach(
                (scope, answer) ->
                        out.show(
                                Line.of(
                                        "{} {}",
                                        Shown.text(scope.toString()),
                                        answer.fileWord().orElse(answer.eventWord()))));
        return CommandInterpreter.Flow.CONTINUE;
    }

    CommandInterpreter.Flow revoke(String user, String hostPort) throws CommandException {
        Matcher m = Commands.HOST_PORT.matcher(hostPort);
        if (!m.matches()) {
            throw new CommandException("revoke: expected HOST or HOST:PORT");
        }
        Integer port = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        try {
            int removed = host.consentDecisions().revoke(user, m.group(1), port);
            out.show(
                    Line.of(
                            "revoked {} decision(s) of {} for {}",
                            removed,
                            Shown.name(user),
                            Shown.name(hostPort)));
        } catch (IllegalArgumentException e) {
            throw new CommandException("revoke: " + e.getMessage());
        }
        return CommandInterpreter.Flow.CONTINUE;
    }

    /**
     * Written whole to a temporary file beside the target, then moved into place: never half a
     * world. A world too large for the host to load again is not written.
     */
    void save(HostedWorld world, String fileName) throws CommandException {
        Path file = Path.of(fileName);
        String yaml = CommandInterpreter.call(world, () -> WorldFileWriter.write(world.world()));
        long bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > YamlConfigLoader.MAX_FILE_BYTES) {
            throw new CommandException(
                    "cannot save: the world file would be "
                            + bytes
                            + " bytes, over the "
                            + YamlConfigLoader.MAX_FILE_BYTES
                            + " every YAML file the host reads may have; nothing was written");
        }
        Path target = file.toAbsolutePath();
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Path temporary =
                    Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, yaml, StandardCharsets.UTF_8);
                Files.move(
                        temporary,
                        target,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new CommandException("cannot save to " + file + ": " + e.getMessage());
        }
        out.show(Line.of("saved world {} to {}", Shown.quoted(world.name()), file));
    }
}
