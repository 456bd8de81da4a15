package dev.wsworld.host.cli;

import dev.wsworld.api.host.PluginApi;
import java.io.IOException;
import java.io.PrintStream;
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

    static void print(PrintStream out, Path plugins) {
        String own = Main.class.getPackage().getImplementationVersion();
        out.println("host-stub " + (own == null ? "(development build)" : own));
        out.println(
                "plugin API "
                        + PluginApi.VERSION
                        + " (plugins' Plugin-Requires is checked against it)");
        out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        if (!Files.isDirectory(plugins)) {
            out.println("plugins: directory " + plugins + " does not exist");
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
            out.println("plugins: cannot list " + plugins + ": " + e.getMessage());
            return;
        }
        out.println("plugins in " + plugins + ":");
        int found = 0;
        for (Path candidate : candidates) {
            if (!finder.isApplicable(candidate)) {
                continue;
            }
            try {
                PluginDescriptor descriptor = finder.find(candidate);
                out.println(
                        "  "
                                + descriptor.getPluginId()
                                + " "
                                + descriptor.getVersion()
                                + (descriptor.getRequires() == null
                                                || descriptor.getRequires().equals("*")
                                        ? ""
                                        : " (requires " + descriptor.getRequires() + ")")
                                + "  "
                                + candidate.getFileName());
                found++;
            } catch (PluginRuntimeException e) {
                // not a plugin (a stray file): the host skips it too
            }
        }
        if (found == 0) {
            out.println("  none");
        }
    }
}
