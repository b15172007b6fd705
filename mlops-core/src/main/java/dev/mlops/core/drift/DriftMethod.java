package dev.mlops.core.drift;

/**
 * A drift test with its default threshold and decision rule, as in Evidently: p-value tests drift
 * when the p-value is below the threshold (at or below for K-S), distances when the distance is at
 * or above it.
 *
 * @since 0.1
 */
public enum DriftMethod {
    /** Two-sample Kolmogorov–Smirnov test on numeric values; drift when p ≤ 0.05. */
    KS("K-S p-value", 0.05, true),
    /** First Wasserstein distance divided by the reference's standard deviation (at least 0.001); drift when ≥ 0.1. */
    WASSERSTEIN("Wasserstein distance (normed)", 0.1, false),
    /** Population stability index over shared bins; drift when ≥ 0.1. */
    PSI("PSI", 0.1, false),
    /** Chi-squared goodness of fit of current counts to reference proportions; drift when p &lt; 0.05. */
    CHI_SQUARED("chi-square p-value", 0.05, true),
    /** Two-proportion z-test for a column with two values; drift when p &lt; 0.05. */
    Z_TEST("Z-test p-value", 0.05, true),
    /** Jensen–Shannon distance (base 2) over shared bins; drift when ≥ 0.1. */
    JENSEN_SHANNON("Jensen-Shannon distance", 0.1, false);

    /** References with more rows than this get the distance tests by default. */
    public static final int SMALL_REFERENCE_ROWS = 1_000;
    /** Numeric columns with at most this many distinct values are tested as categorical by default. */
    public static final int LOW_CARDINALITY = 5;

    private final String displayName;
    private final double defaultThreshold;
    private final boolean pValue;

    DriftMethod(String displayName, double defaultThreshold, boolean pValue) {
        this.displayName = displayName;
        this.defaultThreshold = defaultThreshold;
        this.pValue = pValue;
    }

    /** The name reports show, such as "K-S p-value". */
    public String displayName() {
        return displayName;
    }

    /** The threshold used when none is given. */
    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** Whether the score is a p-value (small means drift) rather than a distance (large means drift). */
    public boolean isPValue() {
        return pValue;
    }

    /** Whether {@code score} means drift at {@code threshold}; a NaN score never does. */
    public boolean drifted(double score, double threshold) {
        if (Double.isNaN(score)) {
            return false;
        }
        if (this == KS) {
            return score <= threshold;
        }
        return pValue ? score < threshold : score >= threshold;
    }

    /**
     * Evidently's default test: on references of at most {@value #SMALL_REFERENCE_ROWS} rows, K-S for
     * numeric columns with more than {@value #LOW_CARDINALITY} distinct values, else chi-squared, or the
     * z-test for at most two values; on larger references, the normed Wasserstein distance for such
     * numeric columns and Jensen–Shannon otherwise.
     *
     * @param numeric        whether the column holds numbers
     * @param referenceRows  the reference sample's size
     * @param distinctValues distinct values across reference and current together
     */
    public static DriftMethod defaultFor(boolean numeric, int referenceRows, int distinctValues) {
        boolean continuous = numeric && distinctValues > LOW_CARDINALITY;
        if (referenceRows <= SMALL_REFERENCE_ROWS) {
            if (continuous) {
                return KS;
            }
            return distinctValues > 2 ? CHI_SQUARED : Z_TEST;
        }
        return continuous ? WASSERSTEIN : JENSEN_SHANNON;
    }
}
