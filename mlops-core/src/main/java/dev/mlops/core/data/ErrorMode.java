package dev.mlops.core.data;

/**
 * What a reader does with a record it cannot accept (a ragged row, a value that does not parse as
 * its column's type, a missing value in a required column).
 *
 * @since 0.1
 */
public enum ErrorMode {
    /** Stop at the first bad record with a {@link dev.mlops.api.DataException} saying where and why. The default. */
    STRICT,
    /**
     * Keep going: leave bad records out of the frame and return each, with its line and reason, in
     * {@link CsvResult#rejected()}, so nothing is lost without a trace. Problems that make the rest of
     * the input unreadable (an unclosed quote, bytes that are not valid in the charset, a bad header)
     * still stop the read.
     */
    LENIENT
}
