package dev.wsworld.host.cli;

import dev.wsworld.api.host.PluginApi;
import dev.wsworld.host.output.Line;
import dev.wsworld.host.output.Screen;
import dev.wsworld.host.output.Shown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * What {@code --version} prints: the host stub, the plugin API it offers, Java, and the plugins it
 * would load.
 */
final class Versions {
    private Versions() {}

    static void print(Screen out, Path plugins) {
        String own = Main.class.getPackage().getImplementationVersion();
        out.show(Line.of("host-stub {}", own == null ? "(development build)" : own));
        out.show(
                Line.of(
                        "plugin API {} (plugins' Plugin-Requires is checked against it)",
                        PluginApi.VERSION));
        out.show(Line.of("Java {} ({})", Runtime.version(), System.getProperty("java.vendor")));
        if (!Files.isDirectory(plugins)) {
            out.show(Line.of("plugins: directory {} does not exist", plugins));
            return;
        }
        // the descriptors only: nothing is loaded or started
        PluginDescriptorFinder finder =
                new CompoundPluginDescriptorFinder()
                        .add(new PropertiesPluginDescriptorFinder())
                        .add(new ManifestPluginDescriptorFinder());
        List<Path> candidates;
        try (Stream<Path> listed = Files.list(plugins)) {
            candidates = listed.sorted().toList();
        } catch (IOException e) {
            out.show(Line.of("plugins: cannot list {}: {}", plugins, e.getMessage()));
            return;
        }
        out.show(Line.of("plugins in {}:", plugins));
        int found = 0;
        for (Path candidate : candidates) {
            if (!finder.isApplicable(candidate)) {
                continue;
            }
            try {
                // a manifest is the jar's own text: every part of it is shown as foreign text
                PluginDescriptor descriptor = finder.find(candidate);
                boolean requires =
                        descriptor.getRequires() != null && !descriptor.getRequires().equals("*");
                out.show(
                        requires
                                ? Line.of(
                                        "  {} {} (requires {})  {}",
                                        Shown.name(descriptor.getPluginId()),
                                        Shown.name(descriptor.getVersion()),
                                        Shown.name(descriptor.getRequires()),
                                        Shown.name(candidate.getFileName().toString()))
                                : Line.of(
                                        "  {} {}  {}",
                                        Shown.name(descriptor.getPluginId()),
                                        Shown.name(descriptor.getVersion()),
                                        Shown.name(candidate.getFileName().toString())));
                found++;
            } catch (PluginRuntimeException e) {
                // not a plugin (a stray file): the host skips it too
            }
        }
        if (found == 0) {
            out.show(Line.of("  none"));
        }
    }
}
