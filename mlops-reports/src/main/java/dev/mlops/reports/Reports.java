package dev.mlops.reports;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.check.ValidationReport;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.core.eval.Calibration;
import dev.mlops.core.eval.ClassificationMetrics;
import dev.mlops.core.eval.RegressionMetrics;
import dev.mlops.core.eval.SlicedEvaluation;
import dev.mlops.core.profile.DataProfile;
import dev.mlops.reports.internal.ComparisonPage;
import dev.mlops.reports.internal.DriftPage;
import dev.mlops.reports.internal.EvaluationPage;
import dev.mlops.reports.internal.ProfilePage;
import dev.mlops.reports.internal.ValidationPage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns results into {@link Report}s: one call, one self-contained HTML file.
 *
 * <pre>{@code
 * Reports.profile("Adult, training split", DataProfile.of(train, "income")).write(Path.of("profile.html"));
 * Reports.drift("Adult: test against train", DriftReference.of(train).compare(test), train, test)
 *        .write(Path.of("drift.html"));
 * }</pre>
 *
 * <p>Every number shown carries its exact value in a {@code data-value} attribute beside the rounded
 * text, and every chart mark its value in {@code data-*} attributes, so what the picture says can be
 * read back and checked against the result.
 *
 * @since 0.1
 */
public final class Reports {

    /** The most runs one comparison shows side by side. */
    public static final int MAX_COMPARED_RUNS = 50;

    private Reports() {
    }

    /**
     * A data profile: per column its type, missing share, distinct count, statistics and a histogram
     * or its most frequent values; the correlation matrices as heat maps; the strongest links to the
     * target.
     */
    public static Report profile(String title, DataProfile profile) {
        Objects.requireNonNull(profile, "profile");
        return new Report(title(title), ProfilePage.html(title, profile));
    }

    /** A validation report: the verdict, then each check with its severity, observation, failing rows and examples. */
    public static Report validation(String title, ValidationReport report) {
        Objects.requireNonNull(report, "report");
        return new Report(title(title), ValidationPage.html(title, report));
    }

    /**
     * A drift report: the dataset's verdict on top, each column's test, score, threshold and
     * decision, and per column the reference and current distributions side by side, drawn from the
     * two frames the report compared.
     */
    public static Report drift(String title, DriftReport report, Frame reference, Frame current) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(current, "current");
        return new Report(title(title), DriftPage.html(title, report, reference, current));
    }

    /** A classification's evaluation: metrics, confusion matrix, ROC and precision-recall curves. */
    public static Report evaluation(String title, ClassificationMetrics metrics) {
        return evaluation(title, metrics, null, List.of());
    }

    /**
     * A classification's evaluation with its calibration curve (when {@code calibration} is not
     * null) and metrics per slice with the fairness gaps.
     */
    public static Report evaluation(String title, ClassificationMetrics metrics, Calibration calibration,
            List<SlicedEvaluation> slices) {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(slices, "slices");
        return new Report(title(title), EvaluationPage.html(title, metrics, calibration, List.copyOf(slices)));
    }

    /** A regression's evaluation: metrics and the residuals' summary. */
    public static Report evaluation(String title, RegressionMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        return new Report(title(title), EvaluationPage.html(title, metrics));
    }

    /**
     * Runs side by side: their params, tags, latest metrics and artifacts in one table each, with a
     * row marked where the runs differ; every metric logged at more than one step as a line chart
     * with a line per run; the dataset versions each run used. Reads everything from
     * {@code tracker}; one run gives that run's page.
     *
     * @throws dev.mlops.api.tracking.NotFoundException if a run is not in the store
     * @throws IllegalArgumentException if {@code runIds} is empty, names a run twice, or names more
     *         than {@link #MAX_COMPARED_RUNS}
     */
    public static Report comparison(String title, Tracker tracker, List<String> runIds) {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(runIds, "run ids");
        if (runIds.isEmpty() || runIds.size() > MAX_COMPARED_RUNS) {
            throw new IllegalArgumentException("a comparison shows 1 to " + MAX_COMPARED_RUNS + " runs, not "
                    + runIds.size());
        }
        if (new HashSet<>(runIds).size() != runIds.size()) {
            throw new IllegalArgumentException("a comparison names each run once: " + runIds);
        }
        List<RunInfo> runs = runIds.stream().map(tracker::run).toList();
        Map<String, Map<String, List<MetricPoint>>> histories = new HashMap<>();
        for (RunInfo run : runs) {
            Map<String, List<MetricPoint>> byName = new HashMap<>();
            for (String metric : run.metrics().keySet()) {
                byName.put(metric, tracker.metricHistory(run.id(), metric));
            }
            histories.put(run.id(), byName);
        }
        return new Report(title(title), ComparisonPage.html(title, runs, histories));
    }

    private static String title(String title) {
        return Objects.requireNonNull(title, "title");
    }
}
