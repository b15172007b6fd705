package dev.mlops.serving.monitor;

import java.util.Locale;

/**
 * A version's performance in one window, measured on the labels that arrived in it for its answers
 * ({@code Deployment.label}, or a reviewer's label). A label joins the exact version and role that
 * answered, so a challenger's, canary's or shadow's answers are measured on their own.
 *
 * @param labels   the labels that arrived in the window
 * @param accuracy the share of a classifier's answers that were right; NaN for a regression
 * @param mae      a regression's mean absolute error; NaN for a classifier
 * @param rmse     a regression's root mean squared error; NaN for a classifier
 * @since 0.1
 */
public record MeasuredPerformance(long labels, double accuracy, double mae, double rmse) {

    @Override
    public String toString() {
        return Double.isNaN(accuracy) ? String.format(Locale.ROOT, "measured on %,d labels: MAE %.4g, RMSE %.4g",
                labels, mae, rmse) : String.format(Locale.ROOT, "measured accuracy %.4f on %,d labels", accuracy, labels);
    }
}
