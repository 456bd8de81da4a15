package dev.wsworld.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void controlsAndBidiOverridesBecomeVisibleEscapes() {
        assertEquals("ev\\e[2Jil\\u202EX", TerminalText.escape("ev\u001b[2Jil\u202eX"));
        assertEquals("a\\rAllow? [y/n]\\n\\a", TerminalText.escape("a\rAllow? [y/n]\n\u0007"));
        assertEquals("\\x7f\\x85\\x9b\\0\\t", TerminalText.escape("\u007f\u0085\u009b\u0000\t"));
        assertEquals(
                "\\u2066x\\u2069\\u2028\\u2029\\u200F\\u061C",
                TerminalText.escape("\u2066x\u2069\u2028\u2029\u200f\u061c"));
        assertEquals("lone \\uD800 surrogate", TerminalText.escape("lone \ud800 surrogate"));
    }

    @Test
    void ordinaryTextIsShownAsItIsAndNotCopied() {
        String text = "héllo wörld € 😀 \\e stays";
        assertSame(text, TerminalText.escape(text));
        assertTrue(TerminalText.isSafe(text));
        assertFalse(TerminalText.isSafe("x\u001b"));
        assertEquals("null", TerminalText.escape((String) null));
    }
}
