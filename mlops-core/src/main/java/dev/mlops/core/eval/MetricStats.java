package dev.mlops.core.eval;

import java.util.List;

/**
 * One metric across folds (or repeats): each value, their mean and sample standard deviation
 * (n - 1; NaN for a single value). A NaN value makes mean and deviation NaN.
 *
 * @param name   the metric
 * @param values one value per fold, in fold order
 * @param mean   the mean
 * @param std    the sample standard deviation
 * @since 0.1
 */
public record MetricStats(String name, List<Double> values, double mean, double std) {

    public MetricStats {
        values = List.copyOf(values);
    }

    /**
     * The statistics of {@code values}.
     *
     * @throws IllegalArgumentException if there are no values
     */
    public static MetricStats of(String name, List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values for metric '" + name + "'");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : Double.NaN;
        return new MetricStats(name, values, mean, std);
    }
}
