package dev.wsworld.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The test for service authors shown in {@code docs/testing-your-service.md} is the one this build
 * runs, word for word.
 */
class ReadmeExampleTest {
    private static final Path GUIDE = Path.of("../docs/testing-your-service.md");
    private static final Path EXAMPLE =
            Path.of("src/test/java/dev/wsworld/testkit/examples/ServiceAuthorExampleTest.java");

    @Test
    void theGuideShowsTheExampleTestAsItIs() throws IOException {
        String guide = Files.readString(GUIDE);
        int section = guide.indexOf("\n## A whole test\n");
        assertTrue(section >= 0, GUIDE + " has no '## A whole test' section");
        int start = guide.indexOf("```java\n", section);
        int nextSection = guide.indexOf("\n## ", section + 1);
        assertTrue(
                start >= 0 && (nextSection < 0 || start < nextSection),
                "the section has no java code block");
        start += "```java\n".length();
        int end = guide.indexOf("```\n", start);
        assertEquals(Files.readString(EXAMPLE), guide.substring(start, end));
    }
}
