package dev.wsworld.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderLinesTest {
    @Test
    void linesSplitAtLineFeedsSkipBlankOnesAndKeepTheirNumbers() {
        assertEquals(
                List.of(
                        new HeaderLines.Line(1, "A", "1"),
                        new HeaderLines.Line(3, "B ", "x: y"),
                        new HeaderLines.Line(4, null, "no colon"),
                        new HeaderLines.Line(5, "C", "")),
                HeaderLines.lines("A: 1\n \nB : \tx: y \nno colon\nC:\n"));
        assertEquals(List.of(), HeaderLines.lines(""));
    }

    @Test
    void aLinesToStringLeavesTheValueOut() {
        String shown = new HeaderLines.Line(2, "Authorization", "Bearer s3cret").toString();
        assertFalse(shown.contains("s3cret"), shown);
        assertTrue(shown.contains("Authorization"), shown);
    }

    @Test
    void tokensAreRfc9110s() {
        assertTrue(HeaderLines.isToken("X-Api-Key"));
        assertTrue(HeaderLines.isToken("!#$%&'*+-.^_`|~09azAZ"));
        for (String not : List.of("", "X Key", "X:Key", "X(Key)", "X\"", "K\u00e9y", "X\tY")) {
            assertFalse(HeaderLines.isToken(not), not);
        }
    }
}
