package dev.wsworld.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class whose test methods get a world running the packaged WebsocketClient plugin. A test
 * method takes what it needs as parameters, each made fresh for it and stopped after it:
 *
 * <ul>
 *   <li>{@link TestWorld}: the world, loaded through PF4J from the plugin's artifact ({@link
 *       PluginArtifact}), with its config in a temporary directory ({@link WorldConfig}) and the
 *       kit's consent prompt ({@link Consent}).
 *   <li>{@link WorldEvents}: its component events, with waits and assertions.
 *   <li>{@link ManualClock}: asking for it makes the plugin's rules run on it instead of on real
 *       time.
 *   <li>{@link TestConsentPrompt}: the prompt the plugin asks, to answer from the test.
 *   <li>{@link ScriptedServer}: one server per parameter, ws, or wss when marked {@link Secure}.
 * </ul>
 *
 * <pre>{@code
 * @WorldTest
 * class ChatTest {
 *     @Test
 *     void greets(TestWorld world, WorldEvents events, ScriptedServer server) {
 *         server.enqueue(Script.accept().sendText("welcome"));
 *         world.joinAsHost("alice");
 *         world.addClient("Chat", server.uri());
 *         assertEquals("welcome", events.awaitEvent("Chat", TEXT).get(DATA));
 *     }
 * }
 * }</pre>
 *
 * Put on a method, it applies to that method only, and its tick rate wins over the class's.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(WorldExtension.class)
public @interface WorldTest {
    /**
     * The world's tick rate. The tick loop runs on real time at this rate; see {@link
     * TestWorld#awaitTicks}.
     *
     * @return ticks per second, from 1 to 10000
     */
    double ticksPerSecond() default 60;
}
