package dev.wsworld.host.plugins;

import dev.wsworld.api.text.Failures;
import dev.wsworld.api.world.ComponentTypeRegistry;
import dev.wsworld.api.config.ConfigLoader;
import dev.wsworld.api.host.PluginApi;
import dev.wsworld.api.host.WorldPlugin;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.Collections;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * PF4J over the host's plugins directory. Binds the {@link dev.wsworld.api.host.HostContext} to
 * every {@link WorldPlugin} before it starts, and reports plugins that failed by id and reason
 * instead of stopping the host.
 */
public final class HostPluginManager extends DefaultPluginManager {

    private static final Logger LOG = LoggerFactory.getLogger(HostPluginManager.class);

    private final HostServices context;
    private final Map<Class<?>, Object> extensionServices;
    /** Why each artifact that PF4J could not load was refused, by path. */
    private final Map<Path, String> loadFailures = new ConcurrentHashMap<>();

    /**
     * @param extensionServices host objects the host's own extensions may take in their constructor
     * @param vouched           destinations the host vouches for (its own services)
     */
    public HostPluginManager(Path pluginsDirectory, ComponentTypeRegistry types, Path configDirectory,
                             ConfigLoader configLoader, Map<Class<?>, Object> extensionServices, List<String> vouched) {
        super(List.of(pluginsDirectory));
        this.extensionServices = Map.copyOf(extensionServices);
        this.context = new HostServices(types, configDirectory, configLoader, () -> this, List.copyOf(vouched));
        setSystemVersion(PluginApi.VERSION); // Plugin-Requires names the API a plugin needs, not a host
        // the factories were created by the super constructor, before our fields were set
        this.extensionFactory = createExtensionFactory();
        this.pluginFactory = createPluginFactory();
    }

    /** Remembers why an artifact could not be loaded, so {@link #problems()} can say it in one line. */
    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            PluginWrapper loaded = super.loadPluginFromPath(pluginPath);
            loadFailures.remove(pluginPath.toAbsolutePath().normalize());
            return loaded;
        } catch (RuntimeException e) {
            loadFailures.put(pluginPath.toAbsolutePath().normalize(), Failures.describe(e));
            LOG.debug("cannot load plugin {}", pluginPath, e);
            throw e;
        }
    }

    /** Starts every plugin; one that fails is reported in one line (its trace at debug level), and the host goes on. */
    @Override
    public void startPlugins() {
        super.startPlugins();
        for (PluginWrapper plugin : getPlugins()) {
            if (plugin.getPluginState() == PluginState.FAILED) {
                LOG.debug("plugin '{}' failed to start", plugin.getPluginId(), plugin.getFailedException());
            }
        }
    }

    @Override
    protected PluginFactory createPluginFactory() {
        HostServices bound = context;
        return new DefaultPluginFactory() {
            @Override
            public Plugin create(PluginWrapper wrapper) {
                Plugin plugin = super.create(wrapper);
                if (plugin instanceof WorldPlugin worldPlugin && bound != null) {
                    worldPlugin.bind(bound);
                }
                return plugin;
            }
        };
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new HostExtensionFactory(extensionServices == null ? Map.of() : extensionServices);
    }

    /**
     * Stops started plugins in reverse start order. PF4J 3.15's own loop removes from the list it
     * iterates and fails with a ConcurrentModificationException (pf4j/pf4j issue 656), so each
     * plugin is stopped by id from a copy; one plugin failing to stop does not keep the others
     * running.
     */
    @Override
    public void stopPlugins() {
        List<PluginWrapper> started = new ArrayList<>(getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper plugin : started) {
            try {
                stopPlugin(plugin.getPluginId());
            } catch (RuntimeException e) {
                LOG.error("plugin '{}' failed to stop: {}", plugin.getPluginId(), Failures.describe(e));
                LOG.debug("plugin '{}' failed to stop", plugin.getPluginId(), e);
            }
        }
    }

    /**
     * Unloads a plugin and loads it again from the plugins directory, then starts it: the newest
     * artifact there with the same Plugin-Id wins, so dropping in a newer version upgrades in place.
     *
     * @return the started plugin
     * @throws IllegalArgumentException when no such plugin is loaded
     * @throws IllegalStateException    when the artifact cannot be loaded or started
     */
    public PluginWrapper reloadPlugin(String pluginId) {
        PluginWrapper old = getPlugin(pluginId);
        if (old == null) {
            throw new IllegalArgumentException("no plugin '" + pluginId + "' is loaded (plugins: "
                    + getPlugins().stream().map(PluginWrapper::getPluginId).toList() + ")");
        }
        Path previous = old.getPluginPath();
        String previousVersion = old.getDescriptor().getVersion();
        Path artifact = newestArtifact(pluginId).orElse(previous);
        if (old.getPluginState().isStarted()) {
            stopPlugin(pluginId);
        }
        unloadPlugin(pluginId);
        String failure;
        try {
            String loaded = loadPlugin(artifact);
            if (startPlugin(loaded) == PluginState.STARTED) {
                return getPlugin(loaded);
            }
            failure = "plugin '" + loaded + "' from " + artifact + " did not start: "
                    + Failures.describe(getPlugin(loaded).getFailedException());
            unloadPlugin(loaded);
        } catch (RuntimeException e) {
            failure = "cannot load " + artifact + ": " + Failures.describe(e);
        }
        throw new IllegalStateException(failure + "; " + restore(pluginId, previous, previousVersion, artifact));
    }

    /** After a failed reload: loads and starts the version that ran before, and says how that went. */
    private String restore(String pluginId, Path previous, String previousVersion, Path tried) {
        if (previous.toAbsolutePath().normalize().equals(tried.toAbsolutePath().normalize())) {
            return "the previous version's file was replaced by the one that failed, so there is nothing to go back to";
        }
        try {
            String loaded = loadPlugin(previous);
            if (startPlugin(loaded) == PluginState.STARTED) {
                return "the previous version " + previousVersion + " is running again";
            }
            return "the previous version " + previousVersion + " did not start again either: "
                    + Failures.describe(getPlugin(loaded).getFailedException());
        } catch (RuntimeException e) {
            return "the previous version " + previousVersion + " could not be loaded again: " + Failures.describe(e);
        }
    }

    /** The artifact in the plugins directories with this Plugin-Id and the highest Plugin-Version. */
    private Optional<Path> newestArtifact(String pluginId) {
        Path best = null;
        String bestVersion = null;
        for (Path root : getPluginsRoots()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.list(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                    try (JarFile jar = new JarFile(file.toFile())) {
                        Manifest manifest = jar.getManifest();
                        if (manifest == null || !pluginId.equals(manifest.getMainAttributes().getValue("Plugin-Id"))) {
                            continue;
                        }
                        String version = manifest.getMainAttributes().getValue("Plugin-Version");
                        if (bestVersion == null || getVersionManager().compareVersions(version, bestVersion) > 0) {
                            best = file;
                            bestVersion = version;
                        }
                    } catch (IOException | RuntimeException e) {
                        // not a readable plugin jar: problems() reports it
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(best);
    }

    /** One line per problem: plugins that failed to start, and artifacts PF4J could not load. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<Path> loaded = new HashSet<>();
        for (PluginWrapper plugin : getPlugins()) {
            loaded.add(plugin.getPluginPath().toAbsolutePath().normalize());
            if (plugin.getPluginState() == PluginState.FAILED) {
                Throwable failure = plugin.getFailedException();
                problems.add("plugin '" + plugin.getPluginId() + "' failed to start: " + Failures.describe(failure));
            }
        }
        for (Path root : getPluginsRoots()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.list(root)) {
                files.filter(f -> f.toString().endsWith(".jar") || f.toString().endsWith(".zip"))
                        .filter(f -> !loaded.contains(f.toAbsolutePath().normalize())
                                && !loaded.contains(unzippedDirectory(f)))
                        .forEach(f -> problems.add("plugin file '" + f + "' was not loaded: "
                                + loadFailures.getOrDefault(f.toAbsolutePath().normalize(), "PF4J found no plugin in it")));
            } catch (IOException e) {
                problems.add("cannot list plugins directory " + root + ": " + e.getMessage());
            }
        }
        return problems;
    }


    private static Path unzippedDirectory(Path zip) {
        String name = zip.getFileName().toString();
        return zip.resolveSibling(name.substring(0, name.length() - 4)).toAbsolutePath().normalize();
    }
}
