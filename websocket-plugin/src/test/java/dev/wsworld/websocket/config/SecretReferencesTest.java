package dev.wsworld.websocket.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A credential's {@code ${env:NAME}} and {@code ${file:PATH}}, and why one cannot be used. */
class SecretReferencesTest {
    @TempDir Path dir;

    private final Function<String, String> environment =
            Map.of("API_TOKEN", "t0ken-s3cret", "EMPTY", "", "USER_2", "bob")::get;

    private String resolve(String written) throws Exception {
        return SecretReferences.resolve(written, environment, dir);
    }

    private String refusal(String written) {
        String message =
                assertThrows(SecretReferences.UnresolvedException.class, () -> resolve(written))
                        .getMessage();
        assertFalse(message.contains("s3cret"), message);
        return message;
    }

    @Test
    void referencesAreReplacedAndTheRestIsKeptAsWritten() throws Exception {
        Files.writeString(dir.resolve("key.txt"), "f1le-s3cret\n");
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/crlf"), "crlf-s3cret\r\n\r\n");
        assertEquals("Bearer t0ken-s3cret", resolve("Bearer ${env:API_TOKEN}"));
        assertEquals("bob:f1le-s3cret", resolve("${env:USER_2}:${file:key.txt}"));
        assertEquals("crlf-s3cret", resolve("${file:secrets/crlf}"), "the ending line breaks go");
        assertEquals("plain value, $ and {} too", resolve("plain value, $ and {} too"));
        Path absolute = dir.resolve("abs");
        Files.writeString(absolute, "abs-s3cret");
        assertEquals("abs-s3cret", resolve("${file:" + absolute + "}"));
    }

    @Test
    void aMissingOrEmptyVariableOrFileIsNamedWithoutAnyValue() throws Exception {
        assertEquals("environment variable NOT_SET is not set", refusal("Bearer ${env:NOT_SET}"));
        assertEquals("environment variable EMPTY is empty", refusal("${env:EMPTY}"));
        assertEquals(
                "'API-TOKEN' is not an environment variable name (letters, digits, _)",
                refusal("${env:API-TOKEN}"));
        String missing = refusal("${file:nowhere.txt}");
        assertTrue(
                missing.startsWith("file " + dir.resolve("nowhere.txt"))
                        && missing.endsWith(
                                "(from ${file:nowhere.txt}) does not exist or cannot be read"),
                missing);
        Files.writeString(dir.resolve("blank"), "\n");
        assertEquals("file " + dir.resolve("blank") + " is empty", refusal("${file:blank}"));
        Files.write(dir.resolve("big"), new byte[8 * 1024 + 1]);
        assertEquals(
                "file "
                        + dir.resolve("big")
                        + " is larger than 8 KiB, more than a header can carry",
                refusal("${file:big}"));
        Files.write(dir.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe});
        assertEquals(
                "file " + dir.resolve("binary") + " is not UTF-8 text", refusal("${file:binary}"));
    }

    @Test
    void aDollarBraceThatIsNoReferenceIsRefusedRatherThanSentAsItIs() {
        for (String written :
                new String[] {"${API_TOKEN}", "${ENV:API_TOKEN}", "${env:API_TOKEN", "x${"}) {
            assertEquals(
                    "'${' starts no reference; write ${env:NAME} or ${file:PATH}",
                    refusal(written),
                    written);
        }
    }
}
