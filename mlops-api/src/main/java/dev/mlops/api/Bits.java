package dev.mlops.api;

/** Bit-set helpers over {@code long[]} words, used for missing-value masks. */
final class Bits {

    private Bits() {
    }

    static long[] words(int bits) {
        return new long[(bits + 63) >>> 6];
    }

    static boolean get(long[] words, int index) {
        return (words[index >>> 6] & (1L << index)) != 0;
    }

    static void set(long[] words, int index) {
        words[index >>> 6] |= 1L << index;
    }

    /** The number of set bits in {@code [from, to)}. */
    static int count(long[] words, int from, int to) {
        int count = 0;
        for (int i = from; i < to; ) {
            if ((i & 63) == 0 && to - i >= 64) {
                count += Long.bitCount(words[i >>> 6]);
                i += 64;
            } else {
                if (get(words, i)) {
                    count++;
                }
                i++;
            }
        }
        return count;
    }
}
