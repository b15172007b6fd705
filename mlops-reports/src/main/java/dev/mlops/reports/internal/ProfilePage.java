package dev.mlops.reports.internal;

import dev.mlops.core.profile.ColumnProfile;
import dev.mlops.core.profile.DataProfile;
import dev.mlops.core.profile.NumericSummary;
import dev.mlops.reports.internal.Page.Cell;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A data profile as a page: the columns at a glance, each column in detail, correlations, the target's links. */
public final class ProfilePage {

    private ProfilePage() {
    }

    public static String html(String title, DataProfile profile) {
        Page page = new Page(title, summary(profile));
        sections(page, profile);
        return page.html();
    }

    /** A line saying what was profiled. */
    public static String summary(DataProfile profile) {
        return Numbers.count(profile.rowCount()) + " rows, " + profile.columns().size() + " columns"
                + (profile.target() == null ? "" : ", target " + profile.target());
    }

    /** Adds the profile's sections to {@code page}. */
    public static void sections(Page page, DataProfile profile) {
        overview(page, profile);
        for (int i = 0; i < profile.columns().size(); i++) {
            column(page, profile.columns().get(i), i);
        }
        correlations(page, "Pearson correlation of numeric columns", "pearson", profile.pearson(), true);
        correlations(page, "Cram\u00e9r's V of categorical columns", "cramers-v", profile.cramersV(), false);
        target(page, profile);
    }

    private static void overview(Page page, DataProfile profile) {
        page.section("overview", "Columns");
        List<List<Cell>> rows = new ArrayList<>();
        for (ColumnProfile column : profile.columns()) {
            NumericSummary n = column.numeric();
            rows.add(List.of(Cell.text(column.name()), Cell.text(column.type().name().toLowerCase(java.util.Locale.ROOT)),
                    Cell.percent(column.missingRatio()), Cell.count(column.missing()), Cell.count(column.distinct()),
                    n == null ? Cell.text("") : Cell.number(n.mean()), n == null ? Cell.text("") : Cell.number(n.std()),
                    n == null ? Cell.text("") : Cell.number(n.min()), n == null ? Cell.text("") : Cell.number(n.max()),
                    Cell.text(mostFrequent(column))));
        }
        page.table("columns", List.of("column", "type", "missing", "missing rows", "distinct", "mean", "std", "min",
                "max", "most frequent"), rows);
        page.end();
    }

    private static String mostFrequent(ColumnProfile column) {
        return column.topCategories().entrySet().stream().findFirst()
                .map(e -> e.getKey() + " (" + Numbers.count(e.getValue()) + ")").orElse("");
    }

    private static void column(Page page, ColumnProfile column, int index) {
        page.section("column-" + index, column.name());
        page.columns().column();
        List<List<Cell>> stats = new ArrayList<>();
        stats.add(List.of(Cell.text("type"), Cell.text(column.type().name().toLowerCase(java.util.Locale.ROOT))));
        stats.add(List.of(Cell.text("rows"), Cell.count(column.count())));
        stats.add(List.of(Cell.text("missing"), Cell.count(column.missing())));
        stats.add(List.of(Cell.text("missing share"), Cell.percent(column.missingRatio())));
        stats.add(List.of(Cell.text("distinct"), Cell.count(column.distinct())));
        NumericSummary n = column.numeric();
        if (n != null) {
            stats.add(List.of(Cell.text("mean"), Cell.number(n.mean())));
            stats.add(List.of(Cell.text("std"), Cell.number(n.std())));
            for (int q = 0; q < n.quantiles().size(); q++) {
                double level = NumericSummary.QUANTILE_LEVELS.get(q);
                String name = level == 0 ? "min" : level == 1 ? "max" : "p" + Numbers.display(level * 100);
                stats.add(List.of(Cell.text(name), Cell.number(n.quantiles().get(q))));
            }
            stats.add(List.of(Cell.text("outliers (1.5 IQR)"), Cell.count(n.outliers())));
            stats.add(List.of(Cell.text("NaN and infinite"), Cell.count(n.nonFinite())));
        }
        page.table("stats-" + index, List.of("statistic", "value"), stats);
        page.endColumn().column();
        if (n != null && !n.histogram().isEmpty()) {
            List<String> labels = new ArrayList<>();
            List<Double> counts = new ArrayList<>();
            for (int b = 0; b < n.histogram().size(); b++) {
                labels.add(Numbers.display(n.binEdges().get(b)) + " \u2013 " + Numbers.display(n.binEdges().get(b + 1)));
                counts.add((double) n.histogram().get(b));
            }
            page.chart(Charts.bars("Histogram of " + column.name(), labels, List.of(new Charts.Series("rows", counts)),
                    false));
        } else if (!column.topCategories().isEmpty()) {
            List<String> labels = new ArrayList<>(column.topCategories().keySet());
            List<Double> counts = column.topCategories().values().stream().map(Long::doubleValue).toList();
            page.chart(Charts.bars("Most frequent values of " + column.name(), labels,
                    List.of(new Charts.Series("rows", counts)), false));
        }
        page.endColumn().endColumns();
        page.end();
    }

    private static void correlations(Page page, String heading, String id, Map<String, Map<String, Double>> matrix,
            boolean diverging) {
        if (matrix.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(matrix.keySet());
        double[][] values = new double[names.size()][names.size()];
        for (int r = 0; r < names.size(); r++) {
            for (int c = 0; c < names.size(); c++) {
                Double value = matrix.get(names.get(r)).get(names.get(c));
                values[r][c] = value == null ? Double.NaN : value;
            }
        }
        page.section(id, heading);
        page.chart(Charts.heatMap(heading, names, names, values, diverging ? -1 : 0, 1, diverging));
        page.end();
    }

    private static void target(Page page, DataProfile profile) {
        if (profile.target() == null || profile.targetAssociations().isEmpty()) {
            return;
        }
        List<Map.Entry<String, Double>> links = new ArrayList<>(profile.targetAssociations().entrySet());
        links.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> Double.isNaN(e.getValue()) ? -1
                : Math.abs(e.getValue())).reversed());
        page.section("target", "Strongest links to " + profile.target());
        page.note("Pearson correlation for numeric pairs, Cram\u00e9r's V for categorical pairs, the correlation"
                + " ratio between a categorical and a numeric column; strongest first.");
        List<List<Cell>> rows = new ArrayList<>();
        for (Map.Entry<String, Double> link : links) {
            rows.add(List.of(Cell.text(link.getKey()), Cell.number(link.getValue())));
        }
        page.table("target-links", List.of("column", "association"), rows);
        List<Map.Entry<String, Double>> strongest = links.subList(0, Math.min(20, links.size()));
        page.chart(Charts.bars("Association with " + profile.target(), strongest.stream().map(Map.Entry::getKey)
                .toList(), List.of(new Charts.Series("strength (absolute value)", strongest.stream().map(e -> Math.abs(e.getValue()))
                .toList())), false));
        page.end();
    }
}
