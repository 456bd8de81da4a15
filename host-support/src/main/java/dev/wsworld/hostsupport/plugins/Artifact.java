package dev.wsworld.hostsupport.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A plugin jar's identity as its manifest states it, read before PF4J loads it, so the host can
 * pick the newest of several versions and say why one was not loaded.
 *
 * @param path the jar
 * @param id its {@code Plugin-Id}
 * @param version its {@code Plugin-Version}, or "0.0.0" when the manifest names none
 */
record Artifact(Path path, String id, String version) {

    /**
     * The plugin a jar holds, or empty for a directory, a file that is not a readable jar, or a jar
     * whose manifest names no {@code Plugin-Id}.
     */
    static Optional<Artifact> read(Path path) {
        if (!Files.isRegularFile(path) || !path.getFileName().toString().endsWith(".jar")) {
            return Optional.empty();
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return Optional.empty();
            }
            Attributes attributes = manifest.getMainAttributes();
            String id = attributes.getValue("Plugin-Id");
            if (id == null || id.isBlank()) {
                return Optional.empty();
            }
            String version = attributes.getValue("Plugin-Version");
            return Optional.of(
                    new Artifact(path, id.strip(), version == null ? "0.0.0" : version.strip()));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
