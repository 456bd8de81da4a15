package dev.wsworld.hostsupport.yaml;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.Location;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the host's text files (YAML, scripts) as UTF-8, strictly: bytes that are not UTF-8 are a
 * mistake named by their offset, never replaced or guessed at.
 */
public final class Utf8 {
    private Utf8() {}

    /**
     * The file's text.
     *
     * @param file the file
     * @return the text, or empty when the file does not exist
     * @throws ConfigException when it cannot be read, or is not UTF-8 ({@code not UTF-8 at byte
     *     offset N})
     */
    public static Optional<String> read(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigException(
                    new Location(file.toString(), 1, 1), "", "cannot read: " + e.getMessage());
        }
        return Optional.of(decode(file.toString(), bytes));
    }

    /**
     * Decodes UTF-8 strictly.
     *
     * @param source the name errors show
     * @param bytes what to decode
     * @return the text
     * @throws ConfigException naming the byte offset of the first malformed or unmappable byte, and
     *     its line and column
     */
    public static String decode(String source, byte[] bytes) throws ConfigException {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            out.flip();
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw new ConfigException(
                    new Location(source, line, column),
                    "",
                    "not UTF-8 at byte offset " + offset + "; save the file as UTF-8");
        }
        try {
            CoderResult flushed = decoder.flush(out);
            if (flushed.isError()) {
                flushed.throwException();
            }
        } catch (CharacterCodingException e) {
            throw new ConfigException(
                    new Location(source, 1, 1), "", "not UTF-8 at byte offset " + bytes.length);
        }
        out.flip();
        return out.toString();
    }
}
