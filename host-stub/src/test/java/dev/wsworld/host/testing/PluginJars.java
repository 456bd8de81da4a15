package dev.wsworld.host.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Plugin jars as a plugins directory may hold them: other versions, other manifests, empty ones.
 */
public final class PluginJars {
    private PluginJars() {}

    /** Changes attributes of a jar's manifest in place, keeping every other entry. */
    public static void rewriteManifest(Path artifact, Map<String, String> attributes)
            throws IOException {
        Path copy = artifact.resolveSibling(artifact.getFileName() + ".tmp");
        try (JarFile jar = new JarFile(artifact.toFile())) {
            Manifest manifest = new Manifest(jar.getManifest());
            attributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
            try (JarOutputStream target =
                    new JarOutputStream(Files.newOutputStream(copy), manifest)) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    target.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = jar.getInputStream(entry)) {
                        in.transferTo(target);
                    }
                    target.closeEntry();
                }
            }
        }
        Files.move(copy, artifact, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A copy of {@code artifact} at {@code copy} with another Plugin-Version. */
    public static Path copyAsVersion(Path artifact, Path copy, String version) throws IOException {
        Files.copy(artifact, copy, StandardCopyOption.REPLACE_EXISTING);
        rewriteManifest(copy, Map.of("Plugin-Version", version));
        return copy;
    }

    /** A jar holding nothing but a manifest with these attributes. */
    public static Path manifestOnly(Path jar, Map<String, String> attributes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }
}
