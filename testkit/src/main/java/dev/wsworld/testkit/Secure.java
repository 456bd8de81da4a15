package dev.wsworld.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link ScriptedServer} parameter of a {@link WorldTest} method: the server serves wss
 * with the kit's certificate ({@link KitCertificates}), and the test's world trusts it ({@code
 * network.trustStore}, added to the JDK's own trust).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Secure {}
