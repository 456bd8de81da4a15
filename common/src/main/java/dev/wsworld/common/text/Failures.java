package dev.wsworld.common.text;

import dev.wsworld.api.config.ConfigException;
import java.lang.reflect.InvocationTargetException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.pf4j.PluginRuntimeException;

/** The one way a failure is put into words for a person: an event, a console line, a log line. */
public final class Failures {
    /** Exceptions whose message is written for people, so their type adds nothing. */
    private static final Set<Class<?>> SELF_EXPLAINING =
            Set.of(
                    IllegalArgumentException.class,
                    IllegalStateException.class,
                    PluginRuntimeException.class,
                    RuntimeException.class);

    private Failures() {}

    /**
     * A configuration mistake anywhere in the chain is said as it is (it names file, line and
     * column); otherwise wrappers without words of their own (completion, execution, reflection, no
     * message) are looked through, and the cause is given with its type when the type says
     * something ({@code ConnectException: Connection refused}).
     *
     * @param failure the failure, or null
     * @return one line for a user; {@code unknown reason} for null
     */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown reason";
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConfigException config) {
                return config.getMessage();
            }
        }
        Throwable cause = failure;
        while (cause.getCause() != null
                && cause.getCause() != cause
                && (cause.getMessage() == null
                        || cause.getMessage()
                                .equals(
                                        cause.getCause()
                                                .toString()) // new X(cause): no words of its own
                        || cause instanceof CompletionException
                        || cause instanceof ExecutionException
                        || cause instanceof InvocationTargetException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        return SELF_EXPLAINING.contains(cause.getClass()) ? message : type + ": " + message;
    }
}
