package dev.wsworld.websocket.testing;

import dev.wsworld.api.world.Component;
import dev.wsworld.api.world.Slot;
import dev.wsworld.api.world.UpdateThread;
import dev.wsworld.api.world.User;
import dev.wsworld.api.world.World;
import dev.wsworld.api.world.WorldListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A minimal world for unit tests: users by id and one slot; everything runs on the test thread. */
public final class FakeWorld implements World {
    public final Map<String, FakeUser> users = new LinkedHashMap<>();
    public final FakeSlot slot = new FakeSlot(this, "gadget");

    public FakeUser user(String id, boolean present) {
        FakeUser user = new FakeUser(id, present);
        users.put(id, user);
        return user;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Collection<? extends User> users() {
        return users.values();
    }

    @Override
    public Optional<? extends User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public Optional<? extends Slot> slot(String path) {
        return path.equals(slot.path()) ? Optional.of(slot) : Optional.empty();
    }

    @Override
    public UpdateThread updateThread() {
        return new UpdateThread() {
            @Override
            public void post(Runnable task) {
                task.run();
            }

            @Override
            public boolean isCurrent() {
                return true;
            }

            @Override
            public long tick() {
                return 0;
            }
        };
    }

    @Override
    public void addListener(WorldListener listener) {}

    @Override
    public void removeListener(WorldListener listener) {}

    public static final class FakeUser implements User {
        private final String id;
        public boolean present;

        /** What {@link #isHost()} says. */
        public boolean host;

        FakeUser(String id, boolean present) {
            this.id = id;
            this.present = present;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String name() {
            return id;
        }

        @Override
        public String machineId() {
            return "m-" + id;
        }

        @Override
        public boolean isPresent() {
            return present;
        }

        @Override
        public boolean isHost() {
            return host;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    public record FakeSlot(FakeWorld world, String name) implements Slot {
        @Override
        public String path() {
            return name;
        }

        @Override
        public Optional<Slot> parent() {
            return Optional.empty();
        }

        @Override
        public List<Slot> children() {
            return List.of();
        }

        @Override
        public List<Component> components() {
            return new ArrayList<>();
        }

        @Override
        public boolean isRemoved() {
            return false;
        }
    }
}
