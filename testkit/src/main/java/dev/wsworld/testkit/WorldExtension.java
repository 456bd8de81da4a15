package dev.wsworld.testkit;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link WorldTest}: it resolves the kit's parameters of test methods
 * (and of their {@code @BeforeEach} methods), making the world when the first is asked for, and
 * stops the world, then the servers, after each test. Register it with {@link WorldTest}.
 */
public final class WorldExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(WorldExtension.class);

    private static final Set<Class<?>> RESOLVED =
            Set.of(
                    TestWorld.class,
                    WorldEvents.class,
                    ManualClock.class,
                    TestConsentPrompt.class,
                    ScriptedServer.class);

    /** Made by JUnit, once per test class that uses it. */
    public WorldExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException(
                    "a "
                            + parameter.getParameter().getType().getSimpleName()
                            + " lives for one test: take it in a test method or a @BeforeEach"
                            + " method, not in "
                            + parameter.getDeclaringExecutable().getName());
        }
        Class<?> type = parameter.getParameter().getType();
        PerTest test = perTest(context);
        if (type == ScriptedServer.class) {
            return test.server(parameter.isAnnotated(Secure.class));
        }
        TestWorld world = test.world();
        if (type == WorldEvents.class) {
            return world.events();
        }
        if (type == TestConsentPrompt.class) {
            return world.consent();
        }
        if (type == ManualClock.class) {
            return world.clock()
                    .orElseThrow(
                            () ->
                                    new ParameterResolutionException(
                                            "the world runs on real time: a ManualClock is made"
                                                    + " when the test method itself takes one"));
        }
        return world;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        PerTest test = context.getStore(NAMESPACE).get(PerTest.class, PerTest.class);
        if (test != null) {
            test.close();
        }
    }

    private static PerTest perTest(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(PerTest.class, key -> new PerTest(context), PerTest.class);
    }

    /**
     * One test's world and servers. JUnit closes it with the test's context if {@link #afterEach}
     * did not.
     */
    private static final class PerTest implements AutoCloseable {
        private final ExtensionContext context;
        private final List<ScriptedServer> servers = new ArrayList<>();
        private TestWorld world;
        private boolean closed;

        PerTest(ExtensionContext context) {
            this.context = context;
        }

        synchronized ScriptedServer server(boolean secure) {
            ScriptedServer server = secure ? ScriptedServer.startSecure() : ScriptedServer.start();
            servers.add(server);
            return server;
        }

        synchronized TestWorld world() {
            if (world == null) {
                try {
                    world = TestWorld.start(setup(context));
                } catch (IOException e) {
                    throw new ParameterResolutionException("cannot make the test's world: " + e, e);
                }
            }
            return world;
        }

        /** The world stops first, so its connections close while the servers still answer. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            RuntimeException failure = null;
            if (world != null) {
                try {
                    world.stop();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            for (ScriptedServer server : servers) {
                try {
                    server.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Reads the world's setup off the test method and its class; the method's settings win. */
    static TestWorld.Setup setup(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Class<?> testClass = context.getRequiredTestClass();
        WorldTest worldTest = method.getAnnotation(WorldTest.class);
        if (worldTest == null) {
            worldTest = testClass.getAnnotation(WorldTest.class);
        }
        Consent consent = method.getAnnotation(Consent.class);
        if (consent == null) {
            consent = testClass.getAnnotation(Consent.class);
        }
        List<String> config = new ArrayList<>();
        WorldConfig classConfig = testClass.getAnnotation(WorldConfig.class);
        if (classConfig != null) {
            config.add(classConfig.value());
        }
        WorldConfig methodConfig = method.getAnnotation(WorldConfig.class);
        if (methodConfig != null) {
            config.add(methodConfig.value());
        }
        boolean manualClock = false;
        boolean secureServer = false;
        for (Parameter parameter : method.getParameters()) {
            manualClock |= parameter.getType() == ManualClock.class;
            secureServer |=
                    parameter.getType() == ScriptedServer.class
                            && parameter.isAnnotationPresent(Secure.class);
        }
        return new TestWorld.Setup(
                method.getName(),
                worldTest == null ? 60 : worldTest.ticksPerSecond(),
                consent == null ? ConsentPolicy.ALLOW : consent.value(),
                config,
                manualClock,
                secureServer);
    }
}
