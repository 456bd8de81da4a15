package dev.wsworld.api.world;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The type of a component field: the Java type of its values, how a value is written as text
 * (console commands and world files use text) and how it is shown to people.
 *
 * @param <T> the Java type of the values
 */
public final class FieldType<T> {
    /** {@code true} or {@code false}. */
    public static final FieldType<Boolean> BOOL =
            new FieldType<>("Bool", Boolean.class, FieldType::parseBool);

    /** A 32-bit integer. */
    public static final FieldType<Integer> INT =
            new FieldType<>("Int", Integer.class, FieldType::parseInt);

    /** A 32-bit floating-point number, such as a retry interval in seconds. */
    public static final FieldType<Float> FLOAT =
            new FieldType<>("Float", Float.class, FieldType::parseFloat);

    /** Text; empty text and {@code null} are text too. */
    public static final FieldType<String> STRING =
            new FieldType<>("String", String.class, text -> text, true, text -> text);

    /** An absolute URI, such as {@code ws://127.0.0.1:9000/}. */
    public static final FieldType<URI> URI_TYPE =
            new FieldType<>(
                    "Uri", URI.class, FieldType::parseUri, false, FieldType::withoutUserInfo);

    /** A reference to a user, held as the user's id. */
    public static final FieldType<String> USER_REF =
            new FieldType<>("UserRef", String.class, text -> text);

    /**
     * HTTP header lines, {@code Name: value} one a line: text, like {@link #STRING}, but {@link
     * #display shown} with every value hidden, as values may be secrets. The value itself (what a
     * world file saves) is the text as written.
     */
    public static final FieldType<String> HEADERS =
            new FieldType<>("Headers", String.class, text -> text, true, HiddenHeaderValues::hide);

    /** What a hidden value is shown as. */
    public static final String HIDDEN = "(hidden)";

    private final String name;
    private final Class<T> javaType;
    private final Function<String, T> parser;

    /** Empty text and the word {@code null} are values of the type, not the absence of one. */
    private final boolean text;

    private final Function<T, String> shown;

    private FieldType(String name, Class<T> javaType, Function<String, T> parser) {
        this(name, javaType, parser, false, Object::toString);
    }

    private FieldType(
            String name,
            Class<T> javaType,
            Function<String, T> parser,
            boolean text,
            Function<T, String> shown) {
        this.name = name;
        this.javaType = javaType;
        this.parser = parser;
        this.text = text;
        this.shown = shown;
    }

    /**
     * The type's name as world builders see it.
     *
     * @return such as {@code Bool} or {@code Uri}
     */
    public String name() {
        return name;
    }

    /**
     * The Java type of the values.
     *
     * @return the class
     */
    public Class<T> javaType() {
        return javaType;
    }

    /**
     * Parses text into a value. {@code null} is no value; so are empty text and the word {@code
     * null}, except for String and Headers fields, where they are the text itself.
     *
     * @param written the value as written
     * @return the value, or null for no value
     * @throws IllegalArgumentException saying why the text is not a value of this type
     */
    public @Nullable T parse(@Nullable String written) {
        if (written == null || (!text && (written.isEmpty() || written.equals("null")))) {
            return null;
        }
        return parser.apply(written);
    }

    /**
     * Checks that {@code value} (possibly {@code null}) is of this type and returns it typed. A
     * Float field takes any number; an Int field takes Byte and Short.
     *
     * @param value the value
     * @return the value, typed
     * @throws IllegalArgumentException when the value is of another type
     */
    public @Nullable T cast(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (this == FLOAT && value instanceof Number number) {
            return javaType.cast(number.floatValue());
        }
        if (this == INT
                && (value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            return javaType.cast(((Number) value).intValue());
        }
        if (!javaType.isInstance(value)) {
            throw new IllegalArgumentException(
                    "expected a "
                            + name
                            + " but got "
                            + value.getClass().getSimpleName()
                            + " '"
                            + value
                            + "'");
        }
        return javaType.cast(value);
    }

    /**
     * Text form of a value, the inverse of {@link #parse}: exactly what the world holds, for a
     * world file. Never show it to people: use {@link #display}.
     *
     * @param value the value, or null
     * @return its text; {@code null} for no value
     */
    public String format(@Nullable T value) {
        return value == null ? "null" : value.toString();
    }

    /**
     * The value as people may see it: as {@link #format} writes it, with secrets masked (the user
     * info of a URI, {@code ws://user:secret@host/}, shows as {@code ws://***@host/}; every value
     * of a {@link #HEADERS} field is hidden). Every status, event, log line, prompt and error shows
     * field values this way: the one place that decides what of a value people see.
     *
     * @param value the value, or null
     * @return its text, masked; {@code null} for no value
     */
    public String display(@Nullable T value) {
        return value == null ? "null" : shown.apply(value);
    }

    /**
     * A URI as people may see it: its user info (a name and often a password) masked.
     *
     * @param uri the URI, or null
     * @return its text with {@code ***} for the user info; {@code null} for null
     */
    public static String withoutUserInfo(@Nullable URI uri) {
        if (uri == null) {
            return "null";
        }
        String text = uri.toString();
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            // an opaque or unparsed authority can still hold one: mask up to an '@' after "//"
            int start = text.indexOf("//");
            int at = start < 0 ? -1 : text.indexOf('@', start + 2);
            int end = start < 0 ? -1 : firstOf(text, start + 2, "/?#");
            return at > 0 && (end < 0 || at < end)
                    ? text.substring(0, start + 2) + "***" + text.substring(at)
                    : text;
        }
        return text.replace(userInfo + "@", "***@");
    }

    private static int firstOf(String text, int from, String characters) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return name;
    }

    private static Boolean parseBool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default ->
                    throw new IllegalArgumentException(
                            "expected true or false but got '" + text + "'");
        };
    }

    private static Integer parseInt(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number but got '" + text + "'");
        }
    }

    private static Float parseFloat(String text) {
        try {
            float value = Float.parseFloat(text.trim());
            if (Float.isNaN(value) || Float.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a finite number but got '" + text + "'");
        }
    }

    private static URI parseUri(String text) {
        try {
            return new URI(Objects.requireNonNull(text).trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URI: " + e.getMessage());
        }
    }
}
