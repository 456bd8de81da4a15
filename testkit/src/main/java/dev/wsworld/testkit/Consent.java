package dev.wsworld.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the users of a {@link WorldTest}'s world answer consent prompts; on a method it wins over the
 * class's. Without it every user says yes ({@link ConsentPolicy#ALLOW}). A test may change it as it
 * goes: {@code world.consent().policy(...)}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Consent {
    /**
     * The policy.
     *
     * @return how prompts are answered
     */
    ConsentPolicy value();
}
