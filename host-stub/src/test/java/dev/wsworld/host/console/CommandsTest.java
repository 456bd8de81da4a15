package dev.wsworld.host.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {
    private static String problem(String line) {
        return ConsoleRunner.checkScript("s.txt", List.of(line));
    }

    @Test
    void everyDocumentedCommandIsAccepted() {
        for (String line :
                List.of(
                        "wait bridge connected",
                        "wait bridge text 2.5",
                        "sleep 0.1",
                        "connect bridge",
                        "connect bridge ws://127.0.0.1:9/ alice",
                        "disconnect bridge",
                        "send bridge text hello there",
                        "send bridge binary 00ff",
                        "set bridge URL ws://127.0.0.1:1/",
                        "add bridge WebsocketClient URL=ws://x/ AccessReason=\"a b\"",
                        "remove bridge",
                        "join bob",
                        "join bob host",
                        "leave bob",
                        "wear bridge bob",
                        "unwear bridge",
                        "grab bridge bob",
                        "release bridge",
                        "spawn bridge bob",
                        "answer bob allow",
                        "answer bob always",
                        "answer bob deny",
                        "answer bob ignore",
                        "answer bob 3 allow",
                        "prompts",
                        "grants",
                        "revoke bob 127.0.0.1:9",
                        "revoke bob [::1]",
                        "stats",
                        "plugins",
                        "plugin stop websocket-client",
                        "status",
                        "status bridge",
                        "reload",
                        "save w.yaml",
                        "quit",
                        "help",
                        "# a comment",
                        "   ",
                        "status # trailing comment")) {
            assertNull(problem(line), line);
        }
    }

    @Test
    void helpListsEveryCommandOfTheOneTableOnce() {
        String help =
                String.join(
                        "\n",
                        Commands.help().stream().map(dev.wsworld.host.output.Line::text).toList());
        for (Commands.Command command : Commands.all().values()) {
            assertEquals(
                    1,
                    help.lines().filter(line -> line.trim().startsWith(command.usage())).count(),
                    command.name());
        }
        assertEquals(
                Commands.all().size() + 1,
                help.lines().count(),
                "one line per command after the heading");
    }

    @Test
    void mistakesNameLineColumnAndWhy() {
        assertEquals(
                "s.txt:1:1: unknown command 'conect' (did you mean 'connect'?); try help",
                problem("conect bridge"));
        assertEquals("s.txt:1:1: usage: wait COMPONENT EVENT [SECONDS]", problem("wait bridge"));
        assertEquals(
                "s.txt:1:25: usage: wait COMPONENT EVENT [SECONDS]",
                problem("wait bridge connected 5 extra"));
        assertEquals(
                "s.txt:1:23: expected seconds (0 to 86400), not 'soon'",
                problem("wait bridge connected soon"));
        assertEquals(
                "s.txt:1:20: expected hex bytes like 00ff10, not '0g'",
                problem("send bridge binary 0g"));
        assertEquals(
                "s.txt:1:13: send takes text or binary, not 'json'",
                problem("send bridge json {}"));
        assertEquals(
                "s.txt:1:14: answer with allow, always, deny, ignore",
                problem("answer alice maybe"));
        assertEquals(
                "s.txt:1:28: expected FIELD=VALUE, not 'URL'",
                problem("add bridge WebsocketClient URL"));
        assertEquals("s.txt:1:18: unclosed quote", problem("send bridge text \"open"));
        assertEquals("s.txt:1:10: usage: join USER [host]", problem("join bob guest"));
    }

    @Test
    void scriptsReportTheFirstBadLine() {
        assertEquals(
                "s.txt:3:1: unknown command 'bogus'; try help",
                ConsoleRunner.checkScript("s.txt", List.of("status", "# fine", "bogus")));
    }

    @Test
    void freeTextKeepsItsSpacingAndQuotesGroupWords() {
        Tokens t = Tokens.split("send bridge text   hello   \"big\"  world ");
        assertEquals("hello   \"big\"  world", t.rest(3));
        Tokens quoted = Tokens.split("send bridge text \"  padded \\\"q\\\" \"");
        assertEquals("  padded \"q\" ", quoted.rest(3));
        Tokens add = Tokens.split("add s WebsocketClient AccessReason=\"two words\"");
        assertEquals("AccessReason=two words", add.get(3));
    }

    @Test
    void commentsStartAtAHashAfterSpaceOutsideQuotes() {
        assertEquals("send s text a#b ", CommandInterpreter.stripComment("send s text a#b # note"));
        assertEquals(
                "send s text \"# not a comment\"",
                CommandInterpreter.stripComment("send s text \"# not a comment\""));
        assertTrue(CommandInterpreter.stripComment("# all comment").isEmpty());
        assertFalse(CommandInterpreter.check("  # nothing"));
        assertThrows(IllegalArgumentException.class, () -> CommandInterpreter.check("nope"));
    }
}
