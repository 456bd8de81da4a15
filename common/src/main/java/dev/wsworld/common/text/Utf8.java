package dev.wsworld.common.text;

/** Sizes of text in UTF-8, counted without encoding it. */
public final class Utf8 {
    private Utf8() {}

    /**
     * Bytes of {@code text} in UTF-8, as {@code getBytes(UTF_8)} gives them (an unpaired surrogate
     * becomes {@code '?'}, one byte), without encoding it.
     *
     * @param text any text
     * @return its size in bytes
     */
    public static int length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
