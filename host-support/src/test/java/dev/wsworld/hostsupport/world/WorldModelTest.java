package dev.wsworld.hostsupport.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.world.ComponentBehaviour;
import dev.wsworld.api.world.ComponentContext;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.Field;
import dev.wsworld.api.world.FieldListener;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.api.world.FieldType;
import dev.wsworld.api.world.ReadOnlyFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The host stub's world model without any plugin: a probe component type records what the world
 * does.
 */
class WorldModelTest {
    private final SimpleWorld world = new SimpleWorld("probe world", 200);
    private final TickLoop loop = world.updateThread();
    private final List<String> updates = new CopyOnWriteArrayList<>();
    private final List<ComponentContext> contexts = new ArrayList<>();

    private final ComponentType probe =
            new ComponentType() {
                @Override
                public String name() {
                    return "Probe";
                }

                @Override
                public List<FieldSpec<?>> fields() {
                    return List.of(
                            FieldSpec.writable("Label", FieldType.STRING, ""),
                            FieldSpec.readOnly("Out", FieldType.INT, 0));
                }

                @Override
                public ComponentBehaviour attach(ComponentContext context) {
                    contexts.add(context);
                    return new ComponentBehaviour() {
                        @Override
                        public void onUpdate() {
                            updates.add(
                                    (String)
                                            context.component().field("Label").orElseThrow().get());
                        }

                        @Override
                        public void onDetach(DetachReason reason) {
                            updates.add("detached " + reason);
                        }
                    };
                }
            };

    @AfterEach
    void stop() {
        loop.stop();
    }

    private <T> T call(Callable<T> work) throws Exception {
        return loop.call(work, 10_000);
    }

    @Test
    void componentsThatAskAreUpdatedOnceInUpdateOrderAndIdleOnesNever() throws Exception {
        loop.start();
        world.componentTypes().register(probe);
        call(
                () -> {
                    SimpleSlot slot = world.addSlot(null, "s");
                    world.addComponent(slot, "Probe", Map.of("Label", "late", "UpdateOrder", 5));
                    world.addComponent(slot, "Probe", Map.of("Label", "first", "UpdateOrder", -1));
                    world.addComponent(slot, "Probe", Map.of("Label", "tie-a"));
                    world.addComponent(slot, "Probe", Map.of("Label", "tie-b"));
                    world.addComponent(slot, "Probe", Map.of("Label", "idle"));
                    return null;
                });
        call(
                () -> {
                    for (int i = 0; i < 4; i++) {
                        contexts.get(i).requestUpdate();
                        contexts.get(i).requestUpdate(); // asking twice still updates once
                    }
                    return null;
                });
        long tick = loop.tick();
        while (loop.tick() < tick + 5) {
            call(() -> null);
        }
        assertEquals(List.of("first", "tie-a", "tie-b", "late"), updates);
    }

    @Test
    void theWorldRefusesChangesOffItsUpdateThread() throws Exception {
        loop.start();
        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> world.addSlot(null, "x"));
        assertTrue(
                error.getMessage()
                        .startsWith("adding a slot must run on the world's update thread"),
                error.getMessage());
    }

    @Test
    void fieldListenersHearRealChangesOnlyAndMayComeAndGoWhileBeingTold() throws Exception {
        loop.start();
        world.componentTypes().register(probe);
        List<String> heard = new ArrayList<>();
        call(
                () -> {
                    SimpleComponent component =
                            world.addComponent(world.addSlot(null, "s"), "Probe", Map.of());
                    Field<String> label =
                            component.field(FieldSpec.writable("Label", FieldType.STRING, ""));
                    FieldListener<String> second =
                            (field, before, after) -> heard.add("second " + after);
                    FieldListener<String> first =
                            new FieldListener<>() {
                                @Override
                                public void changed(
                                        Field<? extends String> field,
                                        String before,
                                        String after) {
                                    heard.add("first " + before + "->" + after);
                                    label.removeListener(
                                            this); // once only, removing itself while being told
                                }
                            };
                    label.addListener(first);
                    label.set("a");
                    label.addListener(first);
                    label.addListener(second);
                    label.set("a"); // the value it holds: nobody is told
                    label.set("b");
                    label.set("c");
                    label.removeListener(second);
                    label.set("d");
                    return null;
                });
        assertEquals(List.of("first ->a", "first a->b", "second b", "second c"), heard);
    }

    @Test
    void aFieldAskedForTwiceIsTheSameFieldAndANewerTypeKeepsItsValueAndListeners()
            throws Exception {
        loop.start();
        world.componentTypes().register(probe);
        List<String> heard = new ArrayList<>();
        call(
                () -> {
                    SimpleComponent component =
                            world.addComponent(world.addSlot(null, "s"), "Probe", Map.of());
                    component.restoreField("Label", "kept");
                    Field<?> once = component.field("Label").orElseThrow();
                    assertEquals(once, component.field("Label").orElseThrow());
                    assertTrue(component.fields().contains(once));
                    component
                            .field(FieldSpec.writable("Label", FieldType.STRING, ""))
                            .addListener(
                                    (field, before, after) -> heard.add(before + "->" + after));
                    // a newer version of the type: Label gets another default, Extra is new
                    component.adoptFields(
                            List.of(
                                    FieldSpec.writable("Label", FieldType.STRING, "new default"),
                                    FieldSpec.writable("Extra", FieldType.INT, 7)));
                    assertEquals("kept", once.get(), "the value survives the newer spec");
                    assertEquals(
                            "new default",
                            component.field("Label").orElseThrow().spec().defaultValue());
                    assertEquals(7, component.field("Extra").orElseThrow().get());
                    component
                            .field(FieldSpec.writable("Label", FieldType.STRING, "new default"))
                            .set("changed");
                    return null;
                });
        assertEquals(List.of("kept->changed"), heard, "the listener survives too");
    }

    @Test
    void readOnlyFieldsRefuseBuildersButNotTheirBehaviour() throws Exception {
        loop.start();
        world.componentTypes().register(probe);
        SimpleComponent component =
                call(() -> world.addComponent(world.addSlot(null, "s"), "Probe", Map.of()));
        ReadOnlyFieldException refused =
                assertThrows(
                        ReadOnlyFieldException.class,
                        () ->
                                call(
                                        () -> {
                                            component
                                                    .field(
                                                            FieldSpec.readOnly(
                                                                    "Out", FieldType.INT, 0))
                                                    .set(3);
                                            return null;
                                        }));
        assertEquals(
                "field Probe.Out is read-only: the component sets it itself", refused.getMessage());
        call(
                () -> {
                    contexts.get(0).write(FieldSpec.readOnly("Out", FieldType.INT, 0), 7);
                    return null;
                });
        assertEquals(7, call(() -> component.field("Out").orElseThrow().get()));
    }

    @Test
    void unregisteringATypeDetachesItsBehavioursAndKeepsTheData() throws Exception {
        loop.start();
        world.componentTypes().register(probe);
        SimpleComponent component =
                call(
                        () ->
                                world.addComponent(
                                        world.addSlot(null, "s"),
                                        "Probe",
                                        Map.of("Label", "kept")));
        world.componentTypes().unregister(probe);
        assertEquals(List.of("detached TYPE_UNREGISTERED"), updates);
        assertTrue(call(() -> component.behaviour().isEmpty()));
        assertEquals("kept", call(() -> component.field("Label").orElseThrow().get()));
        UnknownComponentTypeException unknown =
                assertThrows(
                        UnknownComponentTypeException.class,
                        () ->
                                call(
                                        () ->
                                                world.addComponent(
                                                        world.requireSlot("s"),
                                                        "Probe",
                                                        Map.of())));
        assertTrue(unknown.getMessage().contains("unknown component type 'Probe'"));
        world.componentTypes().register(probe);
        assertTrue(call(() -> component.behaviour().isPresent()), "re-registering reattaches");
    }
}
