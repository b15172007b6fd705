package dev.mlops.core.eval;

/**
 * One class's precision, recall and F1, treating it as the positive class. A ratio with a zero
 * denominator is 0 (as scikit-learn's {@code zero_division=0}).
 *
 * @param label     the class
 * @param precision true positives over predicted positives
 * @param recall    true positives over actual positives
 * @param f1        the harmonic mean of precision and recall
 * @param support   actual rows of the class
 * @since 0.1
 */
public record ClassMetrics(String label, double precision, double recall, double f1, int support) {
}
