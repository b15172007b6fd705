package dev.mlops.api.tracking;

/**
 * What a run logged for one metric, in brief: the latest point (highest step, then latest logged)
 * and the extremes.
 *
 * @param latest     the value at the highest step; among equal steps the last logged
 * @param latestStep that step
 * @param min        the smallest value logged, ignoring NaN (NaN when every value was NaN)
 * @param max        the largest value logged, ignoring NaN (NaN when every value was NaN)
 * @param count      how many points were logged
 * @since 0.1
 */
public record MetricSummary(double latest, long latestStep, double min, double max, long count) {

    /** The summary of a single point. */
    public static MetricSummary of(double value, long step) {
        return new MetricSummary(value, step, Double.isNaN(value) ? Double.NaN : value,
                Double.isNaN(value) ? Double.NaN : value, 1);
    }

    /** This summary with one more point folded in, logged after every point already in it. */
    public MetricSummary plus(double value, long step) {
        boolean newer = step >= latestStep;
        return new MetricSummary(newer ? value : latest, newer ? step : latestStep, lower(min, value),
                higher(max, value), count + 1);
    }

    private static double lower(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double higher(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
