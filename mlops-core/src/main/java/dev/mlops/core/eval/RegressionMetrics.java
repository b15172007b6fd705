package dev.mlops.core.eval;

import dev.mlops.api.Prediction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regression metrics of predictions against actual values: RMSE, MAE, R², MAPE and a summary of the
 * residuals ({@code actual - predicted}).
 *
 * <p>R² is {@code 1 - SS_res / SS_tot}; with constant actual values it is 1 for a perfect fit and
 * 0 otherwise (scikit-learn's convention). MAPE is {@code mean(|actual - predicted| / max(|actual|,
 * eps))} with eps = 2.220446049250313e-16, the ulp of 1.0
 * (scikit-learn's definition), so a zero actual value makes it huge rather than infinite; it is a
 * fraction, not a percentage.
 *
 * @param rmse      root mean squared error
 * @param mae       mean absolute error
 * @param r2        coefficient of determination
 * @param mape      mean absolute percentage error, as a fraction
 * @param residuals summary of {@code actual - predicted}
 * @param rows      rows evaluated
 * @since 0.1
 */
public record RegressionMetrics(double rmse, double mae, double r2, double mape, ResidualSummary residuals, int rows) {

    private static final double EPS = Math.ulp(1.0);

    /**
     * Five-number summary of the residuals plus mean and sample standard deviation. Quantiles
     * interpolate linearly between order statistics (NumPy's default).
     *
     * @param mean   mean residual (the bias: positive means the model predicts too low)
     * @param std    sample standard deviation (n - 1)
     * @param min    smallest residual
     * @param q25    first quartile
     * @param median median
     * @param q75    third quartile
     * @param max    largest residual
     */
    public record ResidualSummary(double mean, double std, double min, double q25, double median, double q75,
            double max) {
    }

    /**
     * Metrics of {@code predicted} against {@code actual}.
     *
     * @throws IllegalArgumentException if the lengths differ, there are no rows, or a value is not
     *         finite
     */
    public static RegressionMetrics of(double[] actual, List<Prediction> predicted) {
        if (actual.length != predicted.size()) {
            throw new IllegalArgumentException(actual.length + " actual values but " + predicted.size() + " predictions");
        }
        double[] values = new double[actual.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Prediction.Regression) predicted.get(i)).value();
        }
        return of(actual, values);
    }

    /**
     * Metrics of {@code predicted} against {@code actual}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold a value that is not finite
     */
    public static RegressionMetrics of(double[] actual, double[] predicted) {
        int n = actual.length;
        if (n != predicted.length) {
            throw new IllegalArgumentException(n + " actual values but " + predicted.length + " predictions");
        }
        if (n == 0) {
            throw new IllegalArgumentException("no rows to evaluate");
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(actual[i]) || !Double.isFinite(predicted[i])) {
                throw new IllegalArgumentException("row " + i + " holds actual " + actual[i] + " and predicted "
                        + predicted[i] + "; metrics need finite numbers");
            }
            mean += actual[i];
        }
        mean /= n;
        double squares = 0;
        double absolute = 0;
        double total = 0;
        double percentage = 0;
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            double residual = actual[i] - predicted[i];
            residuals[i] = residual;
            squares += residual * residual;
            absolute += Math.abs(residual);
            total += (actual[i] - mean) * (actual[i] - mean);
            percentage += Math.abs(residual) / Math.max(Math.abs(actual[i]), EPS);
        }
        double r2 = total == 0 ? (squares == 0 ? 1 : 0) : 1 - squares / total;
        return new RegressionMetrics(Math.sqrt(squares / n), absolute / n, r2, percentage / n, summary(residuals), n);
    }

    /** The figures by name, for tracking. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("rmse", rmse);
        map.put("mae", mae);
        map.put("r2", r2);
        map.put("mape", mape);
        map.put("residualMean", residuals.mean());
        map.put("residualStd", residuals.std());
        return map;
    }

    private static ResidualSummary summary(double[] residuals) {
        int n = residuals.length;
        double mean = Arrays.stream(residuals).average().orElseThrow();
        double squares = 0;
        for (double r : residuals) {
            squares += (r - mean) * (r - mean);
        }
        double[] sorted = residuals.clone();
        Arrays.sort(sorted);
        return new ResidualSummary(mean, n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN, sorted[0],
                quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75), sorted[n - 1]);
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    /** The headline figures on one line. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "RMSE %.4f, MAE %.4f, R^2 %.4f, MAPE %.4f (%d rows)", rmse, mae, r2,
                mape, rows);
    }
}
