package dev.wsworld.host.conformance;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 1951 DEFLATE, decoded by hand so the judge can see what zlib hides: every back-reference's
 * distance, and whether it reaches back past the start of the message into an earlier one. One
 * instance reads one direction of one connection, message after message (RFC 7692 7.2.2: each
 * message's payload with {@code 00 00 FF FF} appended); the window carries over between messages,
 * as context takeover allows. Stored, fixed and dynamic Huffman blocks; a final block (BFINAL) ends
 * the stream, and what follows it starts a new one at the next byte.
 */
final class DeflateDecoder {
    /** RFC 1951 3.2.5. */
    private static final int[] LENGTH_BASE = {
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258
    };

    private static final int[] LENGTH_EXTRA = {
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
    };
    private static final int[] DISTANCE_BASE = {
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
        2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577
    };
    private static final int[] DISTANCE_EXTRA = {
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
        13, 13
    };

    /** RFC 1951 3.2.7: the order code length code lengths come in. */
    private static final int[] CODE_LENGTH_ORDER = {
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
    };

    private static final int WINDOW = 32 * 1024;
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    /**
     * One message, decoded.
     *
     * @param data what it inflates to
     * @param largestDistance the largest back-reference distance it uses; 0 for none
     * @param reachIntoEarlier how far its furthest back-reference reaches before the message's
     *     first byte, into earlier messages; 0 when none does
     * @param blocks each block as {@code stored}, {@code fixed} or {@code dynamic}, with {@code
     *     final} appended for BFINAL, in order (the appended empty block included)
     */
    record Message(byte[] data, int largestDistance, int reachIntoEarlier, List<String> blocks) {}

    /** A payload that is not valid DEFLATE. */
    static final class InvalidDeflate extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidDeflate(String message) {
            super(message);
        }
    }

    /** Everything decoded on this connection so far, the last {@link #WINDOW} bytes of it. */
    private byte[] history = new byte[0];

    /** Decodes the next message's payload (without its tail: it is appended here). */
    Message message(byte[] payload) throws InvalidDeflate {
        Bits in = new Bits(Frames.concat(payload, TAIL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Output output = new Output(history, out);
        List<String> blocks = new ArrayList<>();
        while (!in.atEnd()) {
            boolean last = in.bits(1) == 1;
            int type = in.bits(2);
            switch (type) {
                case 0 -> {
                    blocks.add("stored" + (last ? " final" : ""));
                    stored(in, output);
                }
                case 1 -> {
                    blocks.add("fixed" + (last ? " final" : ""));
                    huffman(in, output, Huffman.FIXED_LITERALS, Huffman.FIXED_DISTANCES);
                }
                case 2 -> {
                    blocks.add("dynamic" + (last ? " final" : ""));
                    Huffman[] codes = dynamicCodes(in);
                    huffman(in, output, codes[0], codes[1]);
                }
                default -> throw new InvalidDeflate("block type 3 is reserved (RFC 1951 3.2.3)");
            }
            if (last) {
                in.alignToByte(); // the stream ended; what follows starts a new one
            }
        }
        byte[] data = out.toByteArray();
        byte[] all = Frames.concat(history, data);
        history = Arrays.copyOfRange(all, Math.max(0, all.length - WINDOW), all.length);
        return new Message(
                data, output.largestDistance, output.reachIntoEarlier, List.copyOf(blocks));
    }

    private static void stored(Bits in, Output out) throws InvalidDeflate {
        in.alignToByte();
        int length = in.bits(16);
        int complement = in.bits(16);
        if ((length ^ 0xFFFF) != complement) {
            throw new InvalidDeflate("a stored block's LEN and NLEN do not match");
        }
        for (int i = 0; i < length; i++) {
            out.literal(in.bits(8));
        }
    }

    private static void huffman(Bits in, Output out, Huffman literals, Huffman distances)
            throws InvalidDeflate {
        while (true) {
            int symbol = literals.decode(in);
            if (symbol < 256) {
                out.literal(symbol);
            } else if (symbol == 256) {
                return;
            } else {
                int index = symbol - 257;
                if (index >= 29) {
                    throw new InvalidDeflate("length symbol " + symbol + " is not defined");
                }
                int length = LENGTH_BASE[index] + in.bits(LENGTH_EXTRA[index]);
                int code = distances.decode(in);
                if (code >= 30) {
                    throw new InvalidDeflate("distance symbol " + code + " is not defined");
                }
                out.copy(DISTANCE_BASE[code] + in.bits(DISTANCE_EXTRA[code]), length);
            }
        }
    }

    /** RFC 1951 3.2.7. */
    private static Huffman[] dynamicCodes(Bits in) throws InvalidDeflate {
        int literalCount = in.bits(5) + 257;
        int distanceCount = in.bits(5) + 1;
        int codeLengthCount = in.bits(4) + 4;
        int[] codeLengthLengths = new int[19];
        for (int i = 0; i < codeLengthCount; i++) {
            codeLengthLengths[CODE_LENGTH_ORDER[i]] = in.bits(3);
        }
        Huffman codeLengths = new Huffman(codeLengthLengths);
        int[] lengths = new int[literalCount + distanceCount];
        for (int i = 0; i < lengths.length; ) {
            int symbol = codeLengths.decode(in);
            if (symbol < 16) {
                lengths[i++] = symbol;
                continue;
            }
            int repeat;
            int value = 0;
            if (symbol == 16) {
                if (i == 0) {
                    throw new InvalidDeflate("code length 16 with no length to repeat");
                }
                value = lengths[i - 1];
                repeat = 3 + in.bits(2);
            } else if (symbol == 17) {
                repeat = 3 + in.bits(3);
            } else {
                repeat = 11 + in.bits(7);
            }
            if (i + repeat > lengths.length) {
                throw new InvalidDeflate("code lengths run past their count");
            }
            Arrays.fill(lengths, i, i + repeat, value);
            i += repeat;
        }
        if (lengths[256] == 0) {
            throw new InvalidDeflate("a dynamic block without an end-of-block code");
        }
        return new Huffman[] {
            new Huffman(Arrays.copyOfRange(lengths, 0, literalCount)),
            new Huffman(Arrays.copyOfRange(lengths, literalCount, lengths.length))
        };
    }

    /** Output of one message, with the connection's earlier output before it. */
    private static final class Output {
        private final ByteArrayOutputStream out;
        private byte[] window;
        private int size;
        private final int earlier;
        int largestDistance;
        int reachIntoEarlier;

        Output(byte[] history, ByteArrayOutputStream out) {
            this.out = out;
            this.window = Arrays.copyOf(history, Math.max(64, history.length * 2));
            this.size = history.length;
            this.earlier = history.length;
        }

        void literal(int b) {
            put((byte) b);
        }

        void copy(int distance, int length) throws InvalidDeflate {
            if (distance > size || distance > WINDOW) {
                throw new InvalidDeflate(
                        "a distance of "
                                + distance
                                + " reaches before the start of the data ("
                                + size
                                + " bytes so far, 32768 at most)");
            }
            largestDistance = Math.max(largestDistance, distance);
            reachIntoEarlier = Math.max(reachIntoEarlier, distance - (size - earlier));
            for (int i = 0; i < length; i++) {
                put(window[size - distance]);
            }
        }

        private void put(byte b) {
            if (size == window.length) {
                window = Arrays.copyOf(window, window.length * 2);
            }
            window[size++] = b;
            out.write(b);
        }
    }

    /** A canonical Huffman code (RFC 1951 3.2.2), decoded a bit at a time. */
    private static final class Huffman {
        static final Huffman FIXED_LITERALS;
        static final Huffman FIXED_DISTANCES;

        static {
            int[] literals = new int[288];
            Arrays.fill(literals, 0, 144, 8);
            Arrays.fill(literals, 144, 256, 9);
            Arrays.fill(literals, 256, 280, 7);
            Arrays.fill(literals, 280, 288, 8);
            FIXED_LITERALS = new Huffman(literals);
            int[] distances = new int[30];
            Arrays.fill(distances, 5);
            FIXED_DISTANCES = new Huffman(distances);
        }

        /** How many codes have each length, and the symbols in code order. */
        private final int[] counts = new int[16];

        private final int[] symbols;

        Huffman(int[] lengths) {
            symbols = new int[lengths.length];
            for (int length : lengths) {
                counts[length]++;
            }
            counts[0] = 0;
            int[] offsets = new int[16];
            for (int length = 1; length < 16; length++) {
                offsets[length] = offsets[length - 1] + counts[length - 1];
            }
            for (int symbol = 0; symbol < lengths.length; symbol++) {
                if (lengths[symbol] != 0) {
                    symbols[offsets[lengths[symbol]]++] = symbol;
                }
            }
        }

        int decode(Bits in) throws InvalidDeflate {
            int code = 0;
            int first = 0;
            int index = 0;
            for (int length = 1; length < 16; length++) {
                code |= in.bits(1);
                int count = counts[length];
                if (code - first < count) {
                    return symbols[index + code - first];
                }
                index += count;
                first = (first + count) << 1;
                code <<= 1;
            }
            throw new InvalidDeflate("a Huffman code that is not in the block's table");
        }
    }

    /** Bits of the input, least significant first (RFC 1951 3.1.1). */
    private static final class Bits {
        private final byte[] bytes;
        private int position;
        private int bit;

        Bits(byte[] bytes) {
            this.bytes = bytes;
        }

        int bits(int count) throws InvalidDeflate {
            int value = 0;
            for (int i = 0; i < count; i++) {
                if (position == bytes.length) {
                    throw new InvalidDeflate("the data ends inside a block");
                }
                value |= (bytes[position] >> bit & 1) << i;
                if (++bit == 8) {
                    bit = 0;
                    position++;
                }
            }
            return value;
        }

        void alignToByte() {
            if (bit != 0) {
                bit = 0;
                position++;
            }
        }

        /** At the end of the input, or only padding of the last byte is left. */
        boolean atEnd() {
            return position == bytes.length;
        }
    }
}
