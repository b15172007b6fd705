package dev.mlops.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What identifies a dataset's content: a SHA-256 over a canonical encoding of its field names,
 * types and values, plus its schema and row count for display. Two frames with the same names,
 * types and values have the same hash however they were read or built (dictionary order, slicing
 * and nullability flags do not count).
 *
 * <p>The canonical encoding (version 1): the text {@code mlops-frame-v1}, the column count, the
 * row count, then per column its UTF-8 name and type name, then per column, per row, a byte 0 for
 * missing or 1 followed by the value: a double's IEEE bits (one NaN for all NaNs; -0.0 and 0.0
 * differ), a string's UTF-8 bytes, a boolean byte, or a timestamp's epoch microseconds. Integers
 * are big-endian; strings are prefixed with their byte length.
 *
 * @param sha256   the content hash, 64 lower-case hex digits
 * @param schema   the frame's schema
 * @param rowCount the number of rows
 * @since 0.1
 */
public record DatasetFingerprint(String sha256, Schema schema, long rowCount) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code sha256} is not 64 lower-case hex digits or the row count is negative
     */
    public DatasetFingerprint {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(schema, "schema");
        if (!HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: '" + sha256 + "'");
        }
        if (rowCount < 0) {
            throw new IllegalArgumentException("row count must not be negative: " + rowCount);
        }
    }

    /** Whether both fingerprints describe the same content. */
    public boolean sameContentAs(DatasetFingerprint other) {
        return sha256.equals(other.sha256);
    }

    @Override
    public String toString() {
        return "sha256:" + sha256 + " (" + rowCount + " rows x " + schema.size() + " columns)";
    }
}
