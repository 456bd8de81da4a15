package dev.wsworld.websocket.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccessReasonsTest {
    @Test
    void lineBreaksAndControlsBecomeSingleSpaces() {
        assertEquals(
                "Chat bridge Allow? yes",
                AccessReasons.sanitise("  Chat\r\nbridge\t\u0007Allow?\u2028 yes \n"));
    }

    @Test
    void bidiOverridesAndInvisibleCharactersAreRemoved() {
        assertEquals("evilmoc.exe", AccessReasons.sanitise("evil\u202Emoc.exe"));
        assertEquals("ab", AccessReasons.sanitise("a\u200B\u2066\u2069\uFEFFb"));
    }

    @Test
    void lengthIsCappedWithAnEllipsis() {
        String result = AccessReasons.sanitise("x".repeat(1000));
        assertEquals(AccessReasons.MAX_LENGTH, result.codePointCount(0, result.length()));
        assertTrue(result.endsWith("\u2026"));
        String emoji = AccessReasons.sanitise("\uD83D\uDE00".repeat(300));
        assertEquals(AccessReasons.MAX_LENGTH, emoji.codePointCount(0, emoji.length()));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", AccessReasons.sanitise(null));
    }
}
