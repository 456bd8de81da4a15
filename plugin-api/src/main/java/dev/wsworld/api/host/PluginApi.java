package dev.wsworld.api.host;

/**
 * The version of this plugin API. A host passes it to PF4J as the system version ({@code
 * pluginManager.setSystemVersion(PluginApi.VERSION)}), so a plugin's {@code Plugin-Requires} (for
 * this plugin {@code >=0.2.0}) is checked against the API the host offers, not against the host's
 * own version: a host at 2.3.0 offering API 0.1.0 still refuses a plugin built for API 0.2.0. It
 * follows semantic versioning; while the major version is 0, a minor version may take away.
 *
 * <p>0.2.0: a {@link dev.wsworld.api.extension.ConsentRequest} names its world, {@link
 * dev.wsworld.api.world.User#id()} names one person across a host's worlds, and a behaviour can be
 * detached because its world closed.
 */
public final class PluginApi {
    /** This API's version. */
    public static final String VERSION = "0.2.0";

    private PluginApi() {}
}
