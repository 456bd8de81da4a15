package dev.wsworld.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings of the plugin for a {@link WorldTest}, as YAML in the form of {@code
 * websocket-client.yaml}. They are merged key by key over the kit's defaults ({@link
 * TestWorld#KIT_DEFAULTS}), the class's over those and the method's over the class's, so {@code
 * "network: { connectTimeout: 1s }"} keeps the kit's other network settings.
 *
 * <pre>{@code
 * @Test
 * @WorldConfig("defaults: { connectRetryInterval: 60s, keepAlivePing: 20s }")
 * void retries(TestWorld world, ManualClock clock) { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WorldConfig {
    /**
     * The settings.
     *
     * @return YAML mapping, such as {@code "defaults: { connectRetryInterval: 60s }"}
     */
    String value();
}
