package dev.mlops.core.internal;

import dev.mlops.api.NumericColumn;
import java.util.Arrays;

/**
 * The numeric basics shared by profiling, preparation and drift: a column's finite values, NumPy's
 * default quantile, the mean and the standard deviation. Not part of the public API.
 */
public final class NumericValues {

    private NumericValues() {
    }

    /** The column's present, finite values in row order (missing values, NaN and infinities left out). */
    public static double[] finite(NumericColumn column) {
        double[] values = new double[column.size()];
        int n = 0;
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                double v = column.value(row);
                if (Double.isFinite(v)) {
                    values[n++] = v;
                }
            }
        }
        return Arrays.copyOf(values, n);
    }

    /** {@link #finite} sorted ascending. */
    public static double[] finiteSorted(NumericColumn column) {
        double[] values = finite(column);
        Arrays.sort(values);
        return values;
    }

    /** NumPy's default (linear interpolation) quantile of sorted values, {@code q} in [0, 1]; values must not be empty. */
    public static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        if (low + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[low] + (sorted[low + 1] - sorted[low]) * (position - low);
    }

    /** The mean; values must not be empty. */
    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The sum of squared deviations from {@code mean}. */
    public static double squaredDeviations(double[] values, double mean) {
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return squares;
    }

    /** The population standard deviation (n in the denominator); values must not be empty. */
    public static double populationStd(double[] values) {
        return Math.sqrt(squaredDeviations(values, mean(values)) / values.length);
    }
}
