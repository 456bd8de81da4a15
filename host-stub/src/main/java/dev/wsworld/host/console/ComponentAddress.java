package dev.wsworld.host.console;

import dev.wsworld.host.output.Shown;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleWorld;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which component a command means. {@code SLOT#N} names the component numbered N on a slot (its id,
 * as every event and log line shows it); {@code SLOT} names the one component on the slot that fits
 * the command, and is refused, listing them, when several do. Update thread only.
 */
final class ComponentAddress {
    private static final Pattern NUMBERED = Pattern.compile("(.+)#([0-9]{1,9})");

    private ComponentAddress() {}

    /**
     * The component {@code address} names among those {@code fits} accepts.
     *
     * @param what what the command needs, for messages: {@code WebsocketClient}, {@code component
     *     with a field 'URL'}
     * @throws IllegalArgumentException naming the slot and the components there are
     */
    static SimpleComponent resolve(
            SimpleWorld world, String address, Predicate<SimpleComponent> fits, String what) {
        Matcher numbered = NUMBERED.matcher(address);
        if (numbered.matches() && world.slot(numbered.group(1)).isPresent()) {
            SimpleSlot slot = world.requireSlot(numbered.group(1));
            int number = Integer.parseInt(numbered.group(2));
            SimpleComponent component =
                    slot.simpleComponents().stream()
                            .filter(c -> c.number() == number)
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "slot "
                                                            + Shown.quoted(slot.path())
                                                            + " has no component #"
                                                            + number
                                                            + listed(slot.simpleComponents())));
            if (!fits.test(component)) {
                throw new IllegalArgumentException(
                        Shown.quoted(component.id())
                                + " is a "
                                + Shown.name(component.typeName())
                                + ", not a "
                                + what);
            }
            return component;
        }
        SimpleSlot slot = slot(world, address);
        List<SimpleComponent> fitting = slot.simpleComponents().stream().filter(fits).toList();
        if (fitting.isEmpty()) {
            throw new IllegalArgumentException(
                    "no " + what + " on slot " + Shown.quoted(slot.path()));
        }
        if (fitting.size() > 1) {
            throw new IllegalArgumentException(
                    "slot "
                            + Shown.quoted(slot.path())
                            + " has "
                            + fitting.size()
                            + " of them ("
                            + what
                            + "): name one as SLOT#N"
                            + listed(fitting));
        }
        return fitting.get(0);
    }

    /** The slot {@code address} names, ignoring a component number. */
    static SimpleSlot slot(SimpleWorld world, String address) {
        Matcher numbered = NUMBERED.matcher(address);
        if (numbered.matches() && world.slot(numbered.group(1)).isPresent()) {
            return world.requireSlot(numbered.group(1));
        }
        return world.slot(address)
                .orElseThrow(
                        () -> new IllegalArgumentException("no slot " + Shown.quoted(address)));
    }

    /** The components at {@code address}: the one it numbers, or every one on its slot. */
    static List<SimpleComponent> all(SimpleWorld world, String address) {
        Matcher numbered = NUMBERED.matcher(address);
        if (numbered.matches() && world.slot(numbered.group(1)).isPresent()) {
            return List.of(resolve(world, address, c -> true, "component"));
        }
        return slot(world, address).simpleComponents();
    }

    private static String listed(List<SimpleComponent> components) {
        if (components.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        int shown = 0;
        for (SimpleComponent component : components) {
            if (shown == 10) {
                text.append(", and ").append(components.size() - shown).append(" more");
                break;
            }
            text.append(shown++ == 0 ? "" : ", ").append(Shown.name(component.id()));
        }
        return text.append(')').toString();
    }
}
