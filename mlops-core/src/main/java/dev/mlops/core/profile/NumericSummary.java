package dev.mlops.core.profile;

import dev.mlops.core.internal.NumericValues;
import java.util.List;

/**
 * Statistics of a numeric column's finite values (missing values and NaN/infinities are counted
 * apart, in {@link ColumnProfile}).
 *
 * @param min          the smallest value
 * @param max          the largest value
 * @param mean         the mean
 * @param std          the sample standard deviation (n - 1 in the denominator; NaN for one value)
 * @param quantiles    the values at {@link #QUANTILE_LEVELS}, by NumPy's default linear interpolation
 * @param histogram    counts in {@link #HISTOGRAM_BINS} equal-width bins over [min, max]
 * @param binEdges     the histogram's bin edges, one more than the bins
 * @param outliers     values below {@code q1 - 1.5 IQR} or above {@code q3 + 1.5 IQR}
 * @param nonFinite    NaN and infinite values, left out of every statistic here
 * @since 0.1
 */
public record NumericSummary(double min, double max, double mean, double std, List<Double> quantiles,
        List<Long> histogram, List<Double> binEdges, long outliers, long nonFinite) {

    /** The quantile levels reported, in order. */
    public static final List<Double> QUANTILE_LEVELS = List.of(0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0);
    /** The number of histogram bins. */
    public static final int HISTOGRAM_BINS = 10;

    public NumericSummary {
        quantiles = List.copyOf(quantiles);
        histogram = List.copyOf(histogram);
        binEdges = List.copyOf(binEdges);
    }

    /**
     * The quantile at {@code level}, which must be one of {@link #QUANTILE_LEVELS}.
     *
     * @throws IllegalArgumentException if the summary does not report that level
     */
    public double quantile(double level) {
        int index = QUANTILE_LEVELS.indexOf(level);
        if (index < 0) {
            throw new IllegalArgumentException("quantile level " + level + " is not reported; levels are "
                    + QUANTILE_LEVELS);
        }
        return quantiles.get(index);
    }

    /** The summary of sorted finite values; null when there are none. */
    static NumericSummary of(double[] sorted, long nonFinite) {
        int n = sorted.length;
        if (n == 0) {
            return null;
        }
        double mean = NumericValues.mean(sorted);
        double std = n > 1 ? Math.sqrt(NumericValues.squaredDeviations(sorted, mean) / (n - 1)) : Double.NaN;
        List<Double> quantiles = QUANTILE_LEVELS.stream().map(q -> quantile(sorted, q)).toList();
        double q1 = quantile(sorted, 0.25);
        double q3 = quantile(sorted, 0.75);
        double iqr = q3 - q1;
        long outliers = 0;
        for (double v : sorted) {
            if (v < q1 - 1.5 * iqr || v > q3 + 1.5 * iqr) {
                outliers++;
            }
        }
        double first = sorted[0];
        double last = sorted[n - 1];
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        Double[] edges = new Double[HISTOGRAM_BINS + 1];
        double step = (last - first) / HISTOGRAM_BINS;
        for (int e = 0; e < HISTOGRAM_BINS; e++) {
            edges[e] = e * step + first;
        }
        edges[HISTOGRAM_BINS] = last;
        long[] counts = new long[HISTOGRAM_BINS];
        for (double v : sorted) {
            int bin = java.util.Arrays.binarySearch(edges, v);
            bin = bin >= 0 ? bin : -bin - 2;
            counts[Math.min(Math.max(bin, 0), HISTOGRAM_BINS - 1)]++;
        }
        return new NumericSummary(sorted[0], sorted[n - 1], mean, std, quantiles,
                java.util.Arrays.stream(counts).boxed().toList(), List.of(edges), outliers, nonFinite);
    }

    private static double quantile(double[] sorted, double q) {
        return NumericValues.quantile(sorted, q);
    }
}
