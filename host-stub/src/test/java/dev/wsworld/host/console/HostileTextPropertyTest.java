package dev.wsworld.host.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsworld.host.output.StreamScreen;
import dev.wsworld.host.testing.HostFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * A world's author writes whatever characters they like into slot names and fields. Through load,
 * status, the consent prompt, save and load again: no raw control character, bidi control or line
 * separator reaches the terminal, and the world round-trips exactly.
 */
class HostileTextPropertyTest {
    private Path dir;

    @BeforeTry
    void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("hostile");
    }

    @AfterTry
    void removeDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<Character> nasty =
                Arbitraries.of(
                        '\u001b', '\r', '\n', '\t', '\u0007', '\u0000', '\u007f', '\u0085',
                        '\u009b', '\u202e', '\u202a', '\u2066', '\u2069', '\u2028', '\u2029',
                        '\u200f', '\u061c');
        Arbitrary<Character> plain = Arbitraries.chars().range(' ', '~').filter(c -> c != '/');
        Arbitrary<Character> unicode = Arbitraries.chars().range('\u00a0', '\ud7ff');
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, nasty),
                        net.jqwik.api.Tuple.of(5, plain),
                        net.jqwik.api.Tuple.of(2, unicode))
                .list()
                .ofMinSize(1)
                .ofMaxSize(24)
                .map(
                        chars -> {
                            StringBuilder text = new StringBuilder();
                            chars.forEach(text::append);
                            return text.toString();
                        })
                .filter(text -> !text.isBlank());
    }

    @Property(tries = 30)
    void hostileNamesAndReasonsNeverReachTheTerminalRawAndRoundTripExactly(
            @ForAll("hostile") String name, @ForAll("hostile") String reason) throws Exception {
        String world =
                """
                users: [ { id: alice, host: true, local: true } ]
                slots:
                  - name: %s
                    components:
                      - type: WebsocketClient
                        fields: { URL: "ws://127.0.0.1:9/", HandlingUser: alice, AccessReason: %s }
                """
                        .formatted(quoted(name), quoted(reason));
        Path saved = dir.resolve("saved.yaml");
        List<String> terminal = new ArrayList<>();
        try (HostFixture host = HostFixture.in(dir).world(world).interactive().start()) {
            host.await(name, "consentRequested");
            terminal.addAll(host.display());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CommandInterpreter console =
                    new CommandInterpreter(
                            host.host(),
                            new StreamScreen(new PrintStream(out, true, StandardCharsets.UTF_8)));
            console.execute("status");
            console.execute("prompts");
            console.execute("save \"" + saved + "\"");
            terminal.addAll(out.toString(StandardCharsets.UTF_8).lines().toList());
        }
        for (String line : terminal) {
            line.codePoints()
                    .filter(HostileTextPropertyTest::unsafe)
                    .findFirst()
                    .ifPresent(
                            cp ->
                                    fail(
                                            String.format(
                                                    "U+%04X reached the terminal raw in: %s",
                                                    cp, line.replaceAll("\\p{Cntrl}", "?"))));
        }
        try (HostFixture again =
                HostFixture.in(dir.resolve("again")).world(Files.readString(saved)).start()) {
            var slot = again.world().requireSlot(name);
            assertEquals(name, slot.name(), "the slot name round-trips");
            assertEquals(
                    reason,
                    again.call(
                            () ->
                                    slot.simpleComponents()
                                            .get(0)
                                            .field("AccessReason")
                                            .orElseThrow()
                                            .get()),
                    "the AccessReason round-trips");
        }
    }

    private static boolean unsafe(int cp) {
        return cp < 0x20
                || (cp >= 0x7f && cp <= 0x9f)
                || cp == 0x061c
                || cp == 0x200e
                || cp == 0x200f
                || (cp >= 0x202a && cp <= 0x202e)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x2028
                || cp == 0x2029;
    }

    /**
     * A YAML double-quoted scalar with everything but printable ASCII escaped: any author's tool
     * can write it.
     */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints()
                .forEach(
                        cp -> {
                            if (cp == '"' || cp == '\\') {
                                out.append('\\').appendCodePoint(cp);
                            } else if (cp >= 0x20 && cp < 0x7f) {
                                out.appendCodePoint(cp);
                            } else {
                                out.append(
                                        cp <= 0xFFFF
                                                ? String.format("\\u%04x", cp)
                                                : String.format("\\U%08x", cp));
                            }
                        });
        return out.append('"').toString();
    }
}
