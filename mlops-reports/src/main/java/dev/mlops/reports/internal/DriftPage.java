package dev.mlops.reports.internal;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.drift.ColumnDrift;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.reports.internal.Page.Cell;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A drift report as a page: the dataset's verdict on top, a table of every column's test, score,
 * threshold and decision, then per column the reference and current distributions side by side
 * (shares of each side's values, so sides of different sizes compare).
 */
public final class DriftPage {

    /** Bins of a numeric column's distributions, shared by both sides. */
    static final int BINS = 20;
    /** Labels a categorical column's chart shows; the rest are summed as one bar. */
    static final int TOP_LABELS = 15;

    private DriftPage() {
    }

    public static String html(String title, DriftReport report, Frame reference, Frame current) {
        Page page = new Page(title, "reference " + Numbers.count(reference.rowCount()) + " rows, current "
                + Numbers.count(current.rowCount()) + " rows, " + report.columns().size() + " columns compared");
        page.section("verdict", "Dataset");
        page.verdict(!report.datasetDrifted(), (report.datasetDrifted() ? "drift detected: " : "no dataset drift: ")
                + report.drifted().size() + " of " + report.columns().size() + " columns drifted ("
                + Numbers.percent(report.driftedShare()) + "; the dataset drifts from "
                + Numbers.percent(report.shareThreshold()) + ")");
        List<List<Cell>> summary = List.of(
                List.of(Cell.text("drifted share"), Cell.percent(report.driftedShare())),
                List.of(Cell.text("share threshold"), Cell.percent(report.shareThreshold())),
                List.of(Cell.text("dataset drifted"), Cell.status(report.datasetDrifted() ? "yes" : "no",
                        report.datasetDrifted() ? "bad" : "ok")));
        page.table("dataset", List.of("measure", "value"), summary);
        page.end();

        page.section("columns", "Columns");
        List<List<Cell>> rows = new ArrayList<>();
        for (ColumnDrift column : report.columns()) {
            rows.add(List.of(Cell.text(column.column()), Cell.text(column.method().displayName()),
                    Cell.number(column.score()), Cell.number(column.threshold()), Cell.number(column.statistic()),
                    Cell.status(column.drifted() ? "drifted" : "stable", column.drifted() ? "bad" : "ok"),
                    Cell.count(column.referenceCount()), Cell.count(column.currentCount())));
        }
        page.table("column-drift", List.of("column", "test", "score", "threshold", "statistic", "decision",
                "reference values", "current values"), rows);
        page.end();

        List<ColumnDrift> ordered = new ArrayList<>(report.columns());
        ordered.sort(Comparator.comparing((ColumnDrift c) -> !c.drifted())); // drifted first, stable order kept
        for (int i = 0; i < ordered.size(); i++) {
            ColumnDrift column = ordered.get(i);
            page.section("feature-" + i, column.column());
            page.paragraph(column.method().displayName() + " " + Numbers.display(column.score()) + " against "
                    + Numbers.display(column.threshold()) + ": " + (column.drifted() ? "drifted" : "stable"));
            if (reference.schema().names().contains(column.column()) && current.schema().names().contains(
                    column.column())) {
                page.chart(distributions(column.column(), reference.column(column.column()),
                        current.column(column.column())));
            } else {
                page.note("the frames given with the report do not hold this column");
            }
            page.end();
        }
        return page.html();
    }

    private static Markup distributions(String name, Column reference, Column current) {
        if (reference instanceof NumericColumn ref && current instanceof NumericColumn cur) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (NumericColumn column : List.of(ref, cur)) {
                for (int row = 0; row < column.size(); row++) {
                    double v = column.value(row);
                    if (!column.isMissing(row) && Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            if (min <= max) {
                List<String> labels = new ArrayList<>();
                double width = (max - min) / BINS;
                for (int b = 0; b < BINS; b++) {
                    labels.add(Numbers.display(min + b * width) + " \u2013 " + Numbers.display(b == BINS - 1 ? max
                            : min + (b + 1) * width));
                }
                return Charts.bars("Distributions of " + name, labels, List.of(
                        new Charts.Series("reference", binShares(ref, min, max)),
                        new Charts.Series("current", binShares(cur, min, max))), true);
            }
        }
        Map<String, Long> refCounts = labelCounts(reference);
        Map<String, Long> curCounts = labelCounts(current);
        List<String> labels = new ArrayList<>(refCounts.keySet());
        curCounts.keySet().stream().filter(l -> !refCounts.containsKey(l)).forEach(labels::add);
        labels.sort(Comparator.comparingLong((String l) -> refCounts.getOrDefault(l, 0L) + curCounts.getOrDefault(l,
                0L)).reversed());
        List<String> shown = new ArrayList<>(labels.subList(0, Math.min(TOP_LABELS, labels.size())));
        boolean rest = labels.size() > TOP_LABELS;
        List<Double> refShares = shares(refCounts, shown, rest);
        List<Double> curShares = shares(curCounts, shown, rest);
        if (rest) {
            shown.add("(" + (labels.size() - TOP_LABELS) + " others)");
        }
        return Charts.bars("Distributions of " + name, shown, List.of(new Charts.Series("reference", refShares),
                new Charts.Series("current", curShares)), true);
    }

    private static List<Double> binShares(NumericColumn column, double min, double max) {
        long[] counts = new long[BINS];
        long total = 0;
        for (int row = 0; row < column.size(); row++) {
            double v = column.value(row);
            if (column.isMissing(row) || !Double.isFinite(v)) {
                continue;
            }
            int bin = max == min ? 0 : (int) Math.min(BINS - 1, Math.floor((v - min) / (max - min) * BINS));
            counts[bin]++;
            total++;
        }
        List<Double> shares = new ArrayList<>();
        for (long count : counts) {
            shares.add(total == 0 ? 0 : count / (double) total);
        }
        return shares;
    }

    private static Map<String, Long> labelCounts(Column column) {
        Map<String, Long> counts = new HashMap<>();
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                counts.merge(String.valueOf(column.get(row)), 1L, Long::sum);
            }
        }
        return new LinkedHashMap<>(counts);
    }

    private static List<Double> shares(Map<String, Long> counts, List<String> shown, boolean rest) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<Double> shares = new ArrayList<>();
        long covered = 0;
        for (String label : shown) {
            long count = counts.getOrDefault(label, 0L);
            covered += count;
            shares.add(total == 0 ? 0 : count / (double) total);
        }
        if (rest) {
            shares.add(total == 0 ? 0 : (total - covered) / (double) total);
        }
        return shares;
    }
}
