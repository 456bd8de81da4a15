package dev.wsworld.bench;

import java.util.Arrays;

/** Percentiles of recorded samples. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] samples, int count) {
        sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    long at(double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
