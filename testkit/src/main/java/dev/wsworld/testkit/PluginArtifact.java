package dev.wsworld.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the packaged WebsocketClient plugin is: the jar a {@link TestWorld} copies into its plugins
 * directory and loads through PF4J, as a host does. Never the plugin's classes on the test's class
 * path.
 */
public final class PluginArtifact {
    /** The system property naming the plugin jar. */
    public static final String PROPERTY = "wsworld.pluginJar";

    /**
     * Where the jar is looked for without the property, relative to the working directory (a Maven
     * module's base directory): where the {@code maven-dependency-plugin} lines of
     * docs/testing-your-service.md copy it.
     */
    public static final String DEFAULT = "target/wsworld/websocket-plugin.jar";

    private PluginArtifact() {}

    /**
     * The plugin jar: the file {@value #PROPERTY} names, else {@value #DEFAULT}.
     *
     * @return the jar
     * @throws IllegalStateException when there is no such file, saying where it looked and how to
     *     fix it
     */
    public static Path locate() {
        String property = System.getProperty(PROPERTY);
        Path jar = Path.of(property == null || property.isBlank() ? DEFAULT : property);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "the packaged WebsocketClient plugin is not at "
                            + jar.toAbsolutePath()
                            + (property == null
                                    ? " (the default; set the system property " + PROPERTY + ")"
                                    : " (system property " + PROPERTY + ")")
                            + ": copy the websocket-plugin jar there, or build it first");
        }
        return jar;
    }
}
