package dev.wsworld.api.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class FieldTypeTest {
    @Test
    void parsesAndFormatsEachType() {
        assertEquals(true, FieldType.BOOL.parse("TRUE"));
        assertEquals(42, FieldType.INT.parse(" 42 "));
        assertEquals(2.5f, FieldType.FLOAT.parse("2.5"));
        assertEquals(URI.create("ws://h/"), FieldType.URI_TYPE.parse("ws://h/"));
        assertEquals("2.5", FieldType.FLOAT.format(2.5f));
        assertEquals("null", FieldType.INT.format(null));
    }

    @Test
    void emptyAndNullMeanNoValueExceptForText() {
        assertNull(FieldType.INT.parse(""));
        assertNull(FieldType.URI_TYPE.parse("null"));
        assertNull(FieldType.USER_REF.parse(""));
        assertEquals("", FieldType.STRING.parse(""));
        assertEquals("null", FieldType.STRING.parse("null"));
        assertNull(FieldType.STRING.parse(null));
    }

    @Test
    void badTextSaysWhatWasExpected() {
        assertEquals(
                "expected true or false but got 'yes'",
                assertThrows(IllegalArgumentException.class, () -> FieldType.BOOL.parse("yes"))
                        .getMessage());
        assertEquals(
                "expected a finite number but got 'NaN'",
                assertThrows(IllegalArgumentException.class, () -> FieldType.FLOAT.parse("NaN"))
                        .getMessage());
        assertEquals(
                "expected a whole number but got '1.5'",
                assertThrows(IllegalArgumentException.class, () -> FieldType.INT.parse("1.5"))
                        .getMessage());
    }

    @Test
    void castWidensNumbersAndRefusesOtherTypes() {
        assertEquals(3f, FieldType.FLOAT.cast(3));
        assertEquals(3, FieldType.INT.cast((short) 3));
        assertEquals(
                "expected a Bool but got String 'true'",
                assertThrows(IllegalArgumentException.class, () -> FieldType.BOOL.cast("true"))
                        .getMessage());
    }

    @Test
    void aFieldSpecDefaultMustFitItsType() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        FieldType<Object> untyped = (FieldType) FieldType.INT;
        assertThrows(
                IllegalArgumentException.class,
                () -> new FieldSpec<>("X", untyped, "1", false, true));
    }

    @Test
    void headersAreTextShownWithEveryValueHiddenWhileTheValueKeepsTheText() {
        String written =
                "Authorization: Bearer s3cret\n\n"
                        + "X-Api-Key:k3y\n"
                        + "not a header s3cret\n"
                        + "Bad Name: s3cret";
        assertEquals(written, FieldType.HEADERS.parse(written), "the value is the text as written");
        assertEquals("", FieldType.HEADERS.parse(""));
        assertEquals("null", FieldType.HEADERS.parse("null"));
        assertEquals(
                "Authorization: (hidden)\n\nX-Api-Key: (hidden)\n(hidden)\n(hidden)",
                FieldType.HEADERS.display(written));
        assertEquals("", FieldType.HEADERS.display(""));
        assertEquals(written, FieldType.HEADERS.format(written), "a world file keeps the text");
    }

    @Test
    void aUrisUserInfoIsShownMaskedAndWrittenWhole() {
        java.net.URI url = java.net.URI.create("ws://bob:s3cret@127.0.0.1:9/x?y#z");
        assertEquals("ws://***@127.0.0.1:9/x?y#z", FieldType.URI_TYPE.display(url));
        assertEquals("ws://bob:s3cret@127.0.0.1:9/x?y#z", FieldType.URI_TYPE.format(url));
        assertEquals(
                "ws://127.0.0.1:9/",
                FieldType.URI_TYPE.display(java.net.URI.create("ws://127.0.0.1:9/")));
        assertEquals("null", FieldType.URI_TYPE.display(null));
    }
}
