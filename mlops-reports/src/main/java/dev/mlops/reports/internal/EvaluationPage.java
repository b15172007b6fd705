package dev.mlops.reports.internal;

import dev.mlops.core.eval.Calibration;
import dev.mlops.core.eval.ClassMetrics;
import dev.mlops.core.eval.ClassificationMetrics;
import dev.mlops.core.eval.ConfusionMatrix;
import dev.mlops.core.eval.CurvePoint;
import dev.mlops.core.eval.Fairness;
import dev.mlops.core.eval.RegressionMetrics;
import dev.mlops.core.eval.SlicedEvaluation;
import dev.mlops.reports.internal.Page.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An evaluation as a page: the headline metrics, per-class metrics, the confusion matrix, ROC and
 * precision-recall curves, the calibration curve, and metrics per slice with the fairness gaps.
 */
public final class EvaluationPage {

    private EvaluationPage() {
    }

    public static String html(String title, ClassificationMetrics metrics, Calibration calibration,
            List<SlicedEvaluation> slices) {
        Page page = new Page(title, Numbers.count(metrics.rows()) + " rows, " + metrics.labels().size() + " classes"
                + (metrics.positiveLabel() == null ? "" : ", positive class " + metrics.positiveLabel()));
        page.section("metrics", "Metrics");
        List<List<Cell>> rows = new ArrayList<>();
        for (Map.Entry<String, Double> metric : metrics.asMap().entrySet()) {
            if (!metric.getKey().contains(".")) {
                rows.add(List.of(Cell.text(metric.getKey()), Cell.number(metric.getValue())));
            }
        }
        page.table("headline", List.of("metric", "value"), rows);
        List<List<Cell>> classes = new ArrayList<>();
        for (ClassMetrics c : metrics.classes()) {
            classes.add(List.of(Cell.text(c.label()), Cell.number(c.precision()), Cell.number(c.recall()),
                    Cell.number(c.f1()), Cell.count(c.support())));
        }
        page.subheading("Per class");
        page.table("per-class", List.of("class", "precision", "recall", "F1", "support"), classes);
        page.end();

        ConfusionMatrix confusion = metrics.confusion();
        int[][] counts = confusion.counts();
        double[][] values = new double[counts.length][];
        double max = 0;
        for (int r = 0; r < counts.length; r++) {
            values[r] = new double[counts[r].length];
            for (int c = 0; c < counts[r].length; c++) {
                values[r][c] = counts[r][c];
                max = Math.max(max, counts[r][c]);
            }
        }
        page.section("confusion", "Confusion matrix");
        page.note("Rows are the actual classes, columns the predicted ones.");
        page.chart(Charts.heatMap("Confusion matrix", confusion.labels(), confusion.labels(), values, 0, max, false));
        page.end();

        List<String> curveLabels = metrics.positiveLabel() != null ? List.of(metrics.positiveLabel())
                : metrics.labels();
        page.section("curves", "ROC and precision-recall curves");
        page.columns().column();
        page.chart(Charts.lines("ROC curve", curves(metrics, curveLabels, true), "false positive rate",
                "true positive rate", Charts.Axes.UNIT_WITH_DIAGONAL));
        page.endColumn().column();
        page.chart(Charts.lines("Precision-recall curve", curves(metrics, curveLabels, false), "recall", "precision",
                Charts.Axes.UNIT));
        page.endColumn().endColumns();
        List<List<Cell>> aucs = new ArrayList<>();
        for (String label : curveLabels) {
            aucs.add(List.of(Cell.text(label), Cell.number(metrics.rocAuc(label))));
        }
        page.table("roc-auc", List.of("class", "ROC AUC"), aucs);
        page.end();

        if (calibration != null) {
            calibration(page, calibration);
        }
        for (int i = 0; i < slices.size(); i++) {
            slices(page, slices.get(i), i);
        }
        return page.html();
    }

    public static String html(String title, RegressionMetrics metrics) {
        Page page = new Page(title, Numbers.count(metrics.rows()) + " rows");
        page.section("metrics", "Metrics");
        List<List<Cell>> rows = new ArrayList<>();
        metrics.asMap().forEach((name, value) -> rows.add(List.of(Cell.text(name), Cell.number(value))));
        page.table("headline", List.of("metric", "value"), rows);
        RegressionMetrics.ResidualSummary r = metrics.residuals();
        page.subheading("Residuals (actual - predicted)");
        page.table("residuals", List.of("mean", "std", "min", "q25", "median", "q75", "max"), List.of(List.of(
                Cell.number(r.mean()), Cell.number(r.std()), Cell.number(r.min()), Cell.number(r.q25()),
                Cell.number(r.median()), Cell.number(r.q75()), Cell.number(r.max()))));
        page.end();
        return page.html();
    }

    private static List<Charts.Line> curves(ClassificationMetrics metrics, List<String> labels, boolean roc) {
        List<Charts.Line> lines = new ArrayList<>();
        for (String label : labels) {
            List<CurvePoint> points = roc ? metrics.rocCurve(label) : metrics.precisionRecallCurve(label);
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                x[i] = points.get(i).x();
                y[i] = points.get(i).y();
            }
            lines.add(new Charts.Line(label, x, y));
        }
        return lines;
    }

    private static void calibration(Page page, Calibration calibration) {
        page.section("calibration", "Calibration");
        List<Double> confidence = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        for (Calibration.Bin bin : calibration.bins()) {
            rows.add(List.of(Cell.text("(" + Numbers.display(bin.lower()) + ", " + Numbers.display(bin.upper()) + "]"),
                    Cell.count(bin.count()), Cell.number(bin.meanConfidence()), Cell.number(bin.accuracy())));
            if (bin.count() > 0) {
                confidence.add(bin.meanConfidence());
                accuracy.add(bin.accuracy());
            }
        }
        page.paragraph("expected calibration error " + Numbers.display(calibration.expectedCalibrationError())
                + ", largest gap " + Numbers.display(calibration.maxCalibrationError()) + ", over "
                + Numbers.count(calibration.rows()) + " predictions");
        page.table("calibration-summary", List.of("measure", "value"), List.of(
                List.of(Cell.text("expected calibration error"), Cell.number(calibration.expectedCalibrationError())),
                List.of(Cell.text("maximum calibration error"), Cell.number(calibration.maxCalibrationError())),
                List.of(Cell.text("predictions"), Cell.count(calibration.rows()))));
        page.chart(Charts.lines("Calibration curve", List.of(new Charts.Line("model",
                confidence.stream().mapToDouble(Double::doubleValue).toArray(),
                accuracy.stream().mapToDouble(Double::doubleValue).toArray())), "mean confidence", "accuracy",
                Charts.Axes.UNIT_WITH_DIAGONAL));
        page.table("calibration-bins", List.of("bin", "predictions", "mean confidence", "accuracy"), rows);
        page.end();
    }

    private static void slices(Page page, SlicedEvaluation sliced, int index) {
        page.section("slices-" + index, "By " + sliced.column());
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(sliceRow("(all rows)", sliced.overall()));
        sliced.slices().forEach((group, metrics) -> rows.add(sliceRow(group, metrics)));
        page.table("slices-" + index + "-metrics", List.of("group", "rows", "accuracy", "macro F1", "ROC AUC"), rows);
        Fairness fairness = sliced.fairness();
        if (fairness != null) {
            page.subheading("Fairness (favourable label " + fairness.positive() + ")");
            List<List<Cell>> groups = new ArrayList<>();
            fairness.sizes().forEach((group, size) -> groups.add(List.of(Cell.text(group), Cell.count(size),
                    Cell.number(fairness.selectionRates().getOrDefault(group, Double.NaN)),
                    Cell.number(fairness.truePositiveRates().getOrDefault(group, Double.NaN)))));
            page.table("slices-" + index + "-fairness", List.of("group", "rows", "selection rate",
                    "true positive rate"), groups);
            page.table("slices-" + index + "-gaps", List.of("gap", "value"), List.of(
                    List.of(Cell.text("demographic parity difference"), Cell.number(
                            fairness.demographicParityDifference())),
                    List.of(Cell.text("demographic parity ratio"), Cell.number(fairness.demographicParityRatio())),
                    List.of(Cell.text("equal opportunity difference"), Cell.number(
                            fairness.equalOpportunityDifference()))));
            List<String> names = new ArrayList<>(fairness.selectionRates().keySet());
            page.chart(Charts.bars("Selection and true positive rates by " + sliced.column(), names, List.of(
                    new Charts.Series("selection rate", names.stream().map(fairness.selectionRates()::get).toList()),
                    new Charts.Series("true positive rate", names.stream()
                            .map(n -> fairness.truePositiveRates().getOrDefault(n, Double.NaN)).toList())), true));
        }
        page.end();
    }

    private static List<Cell> sliceRow(String group, ClassificationMetrics metrics) {
        return List.of(Cell.text(group), Cell.count(metrics.rows()), Cell.number(metrics.accuracy()),
                Cell.number(metrics.macroF1()), Cell.number(metrics.rocAuc()));
    }
}
