package dev.mlops.core.bundle;

/**
 * Bounds a bundle must stay within to be read, so that a zip bomb or a hostile file cannot exhaust
 * memory: entries are counted and their bytes are counted while inflating, whatever sizes the zip
 * headers claim.
 *
 * @param maxEntries    most entries in the zip; default 32 (a bundle has 6)
 * @param maxEntryBytes most uncompressed bytes of one entry; default 1 GiB
 * @param maxTotalBytes most uncompressed bytes in all; default 2 GiB
 * @since 0.1
 */
public record BundleLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {

    public BundleLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("bundle limits must be positive: " + maxEntries + ", " + maxEntryBytes
                    + ", " + maxTotalBytes);
        }
    }

    /** The defaults. */
    public static BundleLimits defaults() {
        return new BundleLimits(32, 1L << 30, 2L << 30);
    }
}
