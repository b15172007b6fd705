package dev.mlops.api;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A served prediction's identifier, 128 bits written as 32 lowercase hex digits: 64 random bits
 * drawn once per JVM, then a counter. Each thread takes counter values in blocks of 1,024 from one
 * shared counter, so making an id costs a thread-local increment and threads do not contend; no
 * two ids made in one JVM are equal (they are not in time order across threads); ids from different JVMs collide only if their random halves do (one chance in
 * 2<sup>64</sup> per pair of JVMs).
 *
 * @param jvm   the random half, the same for every id of this JVM
 * @param count the counter half
 * @since 0.1
 */
public record PredictionId(long jvm, long count) {

    private static final long THIS_JVM = new SecureRandom().nextLong();
    private static final AtomicLong BLOCKS = new AtomicLong();
    private static final int BLOCK = 1_024;
    private static final ThreadLocal<long[]> RESERVED = ThreadLocal.withInitial(() -> new long[] {0, 0});

    /** A new id, never returned before in this JVM. */
    public static PredictionId next() {
        long[] reserved = RESERVED.get(); // {next, end} of this thread's block
        if (reserved[0] == reserved[1]) {
            reserved[0] = BLOCKS.getAndIncrement() * BLOCK + 1;
            reserved[1] = reserved[0] + BLOCK;
        }
        return new PredictionId(THIS_JVM, reserved[0]++);
    }

    /**
     * The id {@link #toString()} wrote.
     *
     * @throws IllegalArgumentException if {@code text} is not 32 hex digits
     */
    public static PredictionId parse(String text) {
        if (text == null || text.length() != 32) {
            throw new IllegalArgumentException("a prediction id is 32 hex digits: " + text);
        }
        try {
            return new PredictionId(HexFormat.fromHexDigitsToLong(text, 0, 16),
                    HexFormat.fromHexDigitsToLong(text, 16, 32));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a prediction id is 32 hex digits: " + text, e);
        }
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(jvm) + hex.toHexDigits(count);
    }
}
