package dev.mlops.core.profile;

import dev.mlops.api.Frame;

/**
 * Makes {@link DataProfile}s with chosen settings; immutable, each setting returns a new profiler.
 *
 * <pre>{@code
 * DataProfile profile = DataProfile.profiler().target("income").correlationColumns(50).profile(frame);
 * }</pre>
 *
 * <h2>Cost</h2>
 * For a frame of n rows and c columns, per-column statistics cost O(c n log n) time (quantiles sort
 * each numeric column) and O(c) space in the profile; target associations O(c n). The pairwise
 * matrices cover at most k = {@link #correlationColumns(int) correlationColumns} columns of each kind,
 * so they cost O(k<sup>2</sup> n) time and O(k<sup>2</sup>) space: with the default k of
 * {@value DataProfile#DEFAULT_CORRELATION_COLUMNS}, at most 40,000 entries per matrix whatever c is.
 * See {@link CorrelationScope} for which columns are kept.
 *
 * @since 0.1
 */
public final class Profiler {

    private final String target;
    private final int correlationColumns;

    Profiler(String target, int correlationColumns) {
        this.target = target;
        this.correlationColumns = correlationColumns;
    }

    /**
     * Profiles every column's association with {@code target}, which must be a numeric or categorical
     * column of the frame profiled; the matrices then keep the columns most associated with it.
     */
    public Profiler target(String target) {
        return new Profiler(java.util.Objects.requireNonNull(target, "target"), correlationColumns);
    }

    /**
     * The most numeric columns the Pearson matrix covers, and the most categorical columns the
     * Cramér's V matrix covers; 0 leaves the matrices out. Default
     * {@value DataProfile#DEFAULT_CORRELATION_COLUMNS}.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public Profiler correlationColumns(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("correlation columns must not be negative: " + limit);
        }
        return new Profiler(target, limit);
    }

    /**
     * The profile of {@code frame}.
     *
     * @throws IllegalArgumentException if the target is absent or neither numeric nor categorical
     */
    public DataProfile profile(Frame frame) {
        return ProfileBuilder.build(frame, target, correlationColumns);
    }
}
