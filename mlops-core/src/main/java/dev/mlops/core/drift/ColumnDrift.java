package dev.mlops.core.drift;

/**
 * One column's drift between reference and current data.
 *
 * @param column         the column's name
 * @param method         the test used
 * @param score          the p-value or distance the decision is made on; NaN when a side has no values
 * @param statistic      the test statistic behind a p-value (K-S D, chi-squared, z), NaN for distances
 * @param threshold      the threshold the score was compared with
 * @param drifted        whether the column drifted
 * @param referenceCount the reference values tested (missing and non-finite values are left out); for a
 *                       {@link DriftBaseline}'s sketch, the full reference's count
 * @param currentCount   the current values tested
 * @since 0.1
 */
public record ColumnDrift(String column, DriftMethod method, double score, double statistic, double threshold,
        boolean drifted, int referenceCount, int currentCount) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s: %s %.4g (threshold %s) -> %s", column, method.displayName(),
                score, threshold, drifted ? "DRIFT" : "no drift");
    }
}
