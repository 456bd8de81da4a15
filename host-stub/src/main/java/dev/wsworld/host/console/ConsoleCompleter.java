package dev.wsworld.host.console;

import dev.wsworld.api.world.Field;
import dev.wsworld.host.Host;
import dev.wsworld.host.HostedWorld;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import dev.wsworld.hostsupport.world.SimpleUser;
import dev.wsworld.hostsupport.world.SimpleWorld;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.pf4j.PluginWrapper;

/**
 * Tab completion read off the command table: the first word is a command; after it, each position
 * completes what the command's usage names there ({@code SLOT}, {@code USER}, {@code FIELD}, {@code
 * FIELD=VALUE}, {@code TYPE}, a plugin {@code ID}, or literal choices such as {@code
 * allow|always|deny|ignore}). Optional positions ({@code [ID]}) also offer what follows them. The
 * world is read on its update thread; completing never touches it from the console's thread.
 */
final class ConsoleCompleter implements Completer {
    /** Null until the host has started: then only commands complete. */
    private volatile Host host;

    /** The world the console's commands act on now. */
    private volatile Supplier<Optional<HostedWorld>> world = Optional::empty;

    void attach(Host started, Supplier<Optional<HostedWorld>> currentWorld) {
        world = currentWorld;
        host = started;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        Host host = this.host;
        int index = line.wordIndex();
        if (index == 0) {
            Commands.all().keySet().forEach(name -> candidates.add(new Candidate(name)));
            return;
        }
        Commands.Command command = Commands.all().get(words.get(0));
        if (command == null || host == null) {
            return;
        }
        Optional<HostedWorld> current = world.get();
        for (String token : tokensAt(command, index - 1)) {
            for (String value : values(host, current, command.name(), token, words)) {
                boolean open = value.endsWith("=");
                candidates.add(new Candidate(value, value, null, null, null, null, !open));
            }
        }
    }

    /**
     * The usage's tokens that argument {@code position} may stand for: the token at that place, or
     * a later one when optional tokens before it were left out. Alternatives ({@code a | b}) are
     * merged.
     */
    static Set<String> tokensAt(Commands.Command command, int position) {
        Set<String> result = new LinkedHashSet<>();
        for (String alternative : command.usage().split(" \\| ", -1)) {
            String[] words = alternative.trim().split("\\s+", -1);
            List<String> tokens = new ArrayList<>();
            List<Boolean> optional = new ArrayList<>();
            boolean repeats = false;
            int depth = 0;
            for (int i = 1; i < words.length; i++) {
                String word = words[i];
                int opens = word.length() - word.replace("[", "").length();
                boolean isOptional = depth + opens > 0;
                depth += opens - (word.length() - word.replace("]", "").length());
                String token = word.replace("[", "").replace("]", "").replace("...", "");
                repeats = word.contains("...");
                if (!token.isEmpty()) {
                    tokens.add(token);
                    optional.add(isOptional);
                }
            }
            int skippable = 0;
            for (int j = 0; j < tokens.size(); j++) {
                boolean last = j == tokens.size() - 1;
                if ((j >= position || (last && repeats)) && j - position <= skippable) {
                    result.add(tokens.get(j));
                }
                if (optional.get(j)) {
                    skippable++;
                }
            }
        }
        return result;
    }

    /** What a usage token stands for, now. */
    private static List<String> values(
            Host host,
            Optional<HostedWorld> current,
            String command,
            String token,
            List<String> words) {
        String address = words.size() > 1 ? words.get(1) : "";
        if (token.contains("|")) {
            return List.of(token.split("\\|"));
        }
        if (token.equals(token.toLowerCase(Locale.ROOT))) {
            return List.of(token); // a literal word such as text, binary or host
        }
        if (token.equals("NAME")) {
            return host.worlds().stream().map(HostedWorld::name).toList();
        }
        if (token.equals("ID")) {
            return command.equals("plugin")
                    ? host.plugins().getPlugins().stream().map(PluginWrapper::getPluginId).toList()
                    : List.of();
        }
        if (current.isEmpty()) {
            return List.of();
        }
        HostedWorld hosted = current.get();
        SimpleWorld world = hosted.world();
        try {
            return switch (token) {
                case "SLOT" ->
                        hosted.call(() -> world.slots().stream().map(SimpleSlot::path).toList());
                case "COMPONENT" -> hosted.call(() -> addresses(world));
                case "USER" ->
                        hosted.call(() -> world.users().stream().map(SimpleUser::id).toList());
                case "TYPE" -> List.copyOf(world.componentTypes().names());
                case "FIELD" -> hosted.call(() -> fields(world, address));
                case "FIELD=VALUE" ->
                        world.componentTypes()
                                .find(words.size() > 2 ? words.get(2) : "")
                                .map(
                                        type ->
                                                type.fields().stream()
                                                        .filter(spec -> !spec.readOnly())
                                                        .map(spec -> spec.name() + "=")
                                                        .toList())
                                .orElse(List.of());
                default -> List.of();
            };
        } catch (Exception e) {
            return List.of(); // the world is stopping: nothing to offer
        }
    }

    /** Every slot, and SLOT#N for each component of a slot that holds several. Update thread. */
    private static List<String> addresses(SimpleWorld world) {
        List<String> addresses = new ArrayList<>();
        for (SimpleSlot slot : world.slots()) {
            addresses.add(slot.path());
            if (slot.simpleComponents().size() > 1) {
                slot.simpleComponents().forEach(component -> addresses.add(component.id()));
            }
        }
        return addresses;
    }

    /** The field names of the components at {@code address}. Update thread. */
    private static List<String> fields(SimpleWorld world, String address) {
        List<String> names = new ArrayList<>();
        try {
            for (SimpleComponent component : ComponentAddress.all(world, address)) {
                for (Field<?> field : component.fields()) {
                    names.add(field.name());
                }
            }
        } catch (IllegalArgumentException e) {
            // not an address yet: nothing to offer
        }
        return names;
    }
}
