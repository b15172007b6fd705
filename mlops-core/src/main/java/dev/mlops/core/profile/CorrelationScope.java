package dev.mlops.core.profile;

import java.util.List;
import java.util.Objects;

/**
 * Which columns a profile's pairwise matrices ({@link DataProfile#pearson()} and
 * {@link DataProfile#cramersV()}) cover. Each matrix covers at most {@link #limit()} columns of its
 * kind, so a frame of thousands of columns gets a profile whose cost and size grow linearly with its
 * columns rather than with their square. When a frame has more columns of a kind than the limit, the
 * columns kept are chosen by {@link #selection()}; the others still have their own
 * {@link ColumnProfile} and their target association.
 *
 * @param limit            the most columns of each kind a matrix covers ({@link Integer#MAX_VALUE} for
 *                         profiles written before the limit existed)
 * @param selection        how the columns were chosen
 * @param truncated        whether any numeric or categorical column was left out of its matrix
 * @param numeric          the numeric columns the Pearson matrix covers, in frame order
 * @param numericTotal     how many numeric columns the frame has
 * @param categorical      the categorical columns the Cramér's V matrix covers, in frame order
 * @param categoricalTotal how many categorical columns the frame has
 * @since 0.1
 */
public record CorrelationScope(int limit, Selection selection, boolean truncated, List<String> numeric,
        int numericTotal, List<String> categorical, int categoricalTotal) {

    /** How the columns of a matrix were chosen. */
    public enum Selection {
        /** Every column of the kind: there were no more than the limit. */
        ALL,
        /**
         * The target (when it is of the kind) and the columns most associated with it, as ranked in
         * {@link DataProfile#targetAssociations()}: the pairs most likely to matter for a model.
         */
        STRONGEST_TARGET_ASSOCIATION,
        /** Without a target: the first columns of the kind in frame order. */
        FRAME_ORDER
    }

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if it covers more columns than its limit, or says it is truncated when it left no column out (or the reverse)
     */
    public CorrelationScope {
        Objects.requireNonNull(selection, "selection");
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
        if (limit < 0 || numeric.size() > Math.min(limit, numericTotal)
                || categorical.size() > Math.min(limit, categoricalTotal)) {
            throw new IllegalArgumentException("a correlation scope covers at most its limit (" + limit
                    + ") and the columns there are: " + numeric.size() + " of " + numericTotal + " numeric, "
                    + categorical.size() + " of " + categoricalTotal + " categorical");
        }
        boolean left = numeric.size() < numericTotal || categorical.size() < categoricalTotal;
        if (truncated != left || (selection == Selection.ALL) == left) {
            throw new IllegalArgumentException("a correlation scope is truncated exactly when it left columns out,"
                    + " and then its selection is not ALL: truncated " + truncated + ", selection " + selection
                    + ", " + numeric.size() + " of " + numericTotal + " numeric, " + categorical.size() + " of "
                    + categoricalTotal + " categorical");
        }
    }
}
