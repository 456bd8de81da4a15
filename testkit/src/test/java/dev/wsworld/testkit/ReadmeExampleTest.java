package dev.wsworld.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's test for service authors is the one this build runs, word for word. */
class ReadmeExampleTest {
    private static final Path README = Path.of("../README.md");
    private static final Path EXAMPLE =
            Path.of("src/test/java/dev/wsworld/testkit/examples/ServiceAuthorExampleTest.java");

    @Test
    void theReadmesTestingSectionShowsTheExampleTestAsItIs() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Testing your service\n");
        assertTrue(section >= 0, "README.md has no '## Testing your service' section");
        int start = readme.indexOf("```java\n", section);
        int nextSection = readme.indexOf("\n## ", section + 1);
        assertTrue(
                start >= 0 && (nextSection < 0 || start < nextSection),
                "the section has no java code block");
        start += "```java\n".length();
        int end = readme.indexOf("```\n", start);
        assertEquals(Files.readString(EXAMPLE), readme.substring(start, end));
    }
}
