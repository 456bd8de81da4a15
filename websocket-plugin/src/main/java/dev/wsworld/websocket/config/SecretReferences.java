package dev.wsworld.websocket.config;

import dev.wsworld.websocket.headers.HeaderRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credential's value with its references replaced: {@code ${env:NAME}} by an environment
 * variable, {@code ${file:PATH}} by a file's content (relative to the config directory), so the
 * secret itself need not stand in the configuration file. A reference that cannot be resolved is
 * refused, naming the variable or the file and never a value.
 */
final class SecretReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SecretReferences() {}

    /** The value could not be resolved; the message says why, without any value. */
    static final class UnresolvedException extends Exception {
        private static final long serialVersionUID = 1L;

        UnresolvedException(String message) {
            super(message);
        }
    }

    /**
     * The value with its {@code ${env:NAME}} and {@code ${file:PATH}} references replaced.
     *
     * @param written the value as written in the file
     * @param environment the environment's variables, null for one that is not set
     * @param baseDirectory what a relative {@code ${file:PATH}} is relative to
     * @return the value with every reference replaced
     */
    static String resolve(String written, Function<String, String> environment, Path baseDirectory)
            throws UnresolvedException {
        StringBuilder resolved = new StringBuilder();
        int from = 0;
        for (int at = written.indexOf("${"); at >= 0; at = written.indexOf("${", from)) {
            resolved.append(written, from, at);
            Matcher reference = REFERENCE.matcher(written).region(at, written.length());
            if (!reference.lookingAt()) {
                throw new UnresolvedException(
                        "'${' starts no reference; write ${env:NAME} or ${file:PATH}");
            }
            resolved.append(
                    reference.group(1).equals("env")
                            ? variable(reference.group(2), environment)
                            : file(reference.group(2), baseDirectory));
            from = reference.end();
        }
        return resolved.append(written.substring(from)).toString();
    }

    /** Whether {@code written} takes any part of its value from elsewhere. */
    static boolean refers(String written) {
        return written.contains("${");
    }

    private static String variable(String name, Function<String, String> environment)
            throws UnresolvedException {
        if (!VARIABLE.matcher(name).matches()) {
            throw new UnresolvedException(
                    "'" + name + "' is not an environment variable name (letters, digits, _)");
        }
        String value = environment.apply(name);
        if (value == null) {
            throw new UnresolvedException("environment variable " + name + " is not set");
        }
        if (value.isEmpty()) {
            throw new UnresolvedException("environment variable " + name + " is empty");
        }
        return value;
    }

    /**
     * The file's text without the line break(s) that end it ({@code echo token > file} writes one);
     * bounded before it is read.
     */
    private static String file(String path, Path baseDirectory) throws UnresolvedException {
        if (path.isBlank()) {
            throw new UnresolvedException("${file:} needs a path");
        }
        Path file = baseDirectory.resolve(path);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UnresolvedException(
                    "file "
                            + file
                            + " (from ${file:"
                            + path
                            + "}) does not exist or cannot be read");
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(HeaderRules.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UnresolvedException("file " + file + " cannot be read");
        }
        if (content.length > HeaderRules.MAX_BYTES) {
            throw new UnresolvedException(
                    "file " + file + " is larger than 8 KiB, more than a header can carry");
        }
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(content))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new UnresolvedException("file " + file + " is not UTF-8 text");
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new UnresolvedException("file " + file + " is empty");
        }
        return text.substring(0, end);
    }
}
