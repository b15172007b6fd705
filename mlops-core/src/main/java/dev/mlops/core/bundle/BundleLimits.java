package dev.mlops.core.bundle;

/**
 * Bounds a bundle must stay within to be read, so that a zip bomb, a huge file or a device cannot
 * exhaust memory. The entry count and every entry's inflated size are checked against these bounds
 * from the zip's central directory before anything is inflated; each entry is then inflated into an
 * array of exactly its declared size, and an entry that inflates to more than it declares is refused
 * as soon as the array is full. The file itself may be at most {@link #maxFileBytes()}.
 *
 * <p>The {@linkplain #defaults() defaults} come from measured bundles. The largest model entry a
 * realistic training in this project makes is a Tribuo random forest (100 trees of unbounded depth)
 * on the 32,561 Adult rows: {@code model.bin} inflates to 173 MB (a 9.9 MB file) and the loaded model
 * retains 173 MB of heap. For comparison, on Adult, XGBoost with 300 trees gives 1.7 MB, a Smile
 * random forest of 200 trees 9.2 MB and Smile gradient boosting with 300 trees 0.17 MB; the JSON
 * entries are tens of kilobytes. The fixed cap, {@value #CAP_BYTES} bytes (512 MiB), is three times
 * the largest. Decoding takes far more heap than the entry: that forest loads with {@code -Xmx1536m}
 * but runs out of heap inside Tribuo with {@code -Xmx1280m}, about nine times its model entry. So the
 * default is further bounded by a tenth of the heap ({@code Runtime.maxMemory() / 10}), and a model
 * too large for this heap is refused by its declared size, before anything is inflated, rather than
 * failing half-way through decoding. With {@code -Xmx2g} the default is 204 MiB, enough for that
 * forest; with {@code -Xmx1g}, 102 MiB; the cap is reached from {@code -Xmx5g}. A larger model needs
 * a larger heap or explicit limits.
 *
 * @param maxEntries    most entries in the zip; default 32 (a bundle has 7)
 * @param maxEntryBytes most uncompressed bytes of one entry, at most {@value #MAX_ARRAY_BYTES} (one
 *                      array); default: the same as {@code maxTotalBytes}
 * @param maxTotalBytes most uncompressed bytes in all; default {@code min(512 MiB, maxMemory / 10)}
 * @since 0.1
 */
public record BundleLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {

    /** The fixed cap of the default limits: 512 MiB. */
    public static final long CAP_BYTES = 512L << 20;

    /** The largest array the JVM allocates, so the largest entry or file that can be held. */
    public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private static final int DEFAULT_ENTRIES = 32;
    private static final int HEAP_SHARE = 10;

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException if a bound is not positive, or one entry may exceed an array
     */
    public BundleLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("bundle limits must be positive: " + maxEntries + ", " + maxEntryBytes
                    + ", " + maxTotalBytes);
        }
        if (maxEntryBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("an entry is held in one array, so at most " + MAX_ARRAY_BYTES
                    + " bytes: " + maxEntryBytes);
        }
    }

    /** The defaults for this JVM's heap: see the class description. */
    public static BundleLimits defaults() {
        long bytes = Math.min(CAP_BYTES, Runtime.getRuntime().maxMemory() / HEAP_SHARE);
        return new BundleLimits(DEFAULT_ENTRIES, bytes, bytes);
    }

    /**
     * The largest bundle file read: the inflated total, plus 1/64 for deflate's worst-case growth of
     * incompressible data and 1 MiB for the zip's headers, at most one array.
     */
    public long maxFileBytes() {
        if (maxTotalBytes >= MAX_ARRAY_BYTES) {
            return MAX_ARRAY_BYTES;
        }
        return Math.min(MAX_ARRAY_BYTES, maxTotalBytes + maxTotalBytes / 64 + (1L << 20));
    }
}
