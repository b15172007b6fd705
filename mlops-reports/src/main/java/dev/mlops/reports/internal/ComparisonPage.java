package dev.mlops.reports.internal;

import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.DatasetInput;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.MetricSummary;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.reports.internal.Page.Cell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Runs side by side: one column per run, one row per param, tag, metric and artifact any of them
 * has. A row whose values are not all equal (a run without the entry counts as different) has its
 * cells marked {@code diff}; an entry a run lacks is a cell marked {@code missing}. Then each metric
 * logged at more than one step as a line chart with a line per run, and the dataset versions each
 * run used.
 */
public final class ComparisonPage {

    /** What a cell shows for an entry a run does not have. */
    static final String MISSING = "\u2014";

    private ComparisonPage() {
    }

    /**
     * The page.
     *
     * @param runs      the runs, in the order their columns are drawn
     * @param histories per run id, per metric name, every point the run logged
     */
    public static String html(String title, List<RunInfo> runs, Map<String, Map<String, List<MetricPoint>>> histories) {
        Page page = new Page(title, summary(runs));
        sections(page, runs, histories);
        return page.html();
    }

    /** A line saying which runs are compared. */
    public static String summary(List<RunInfo> runs) {
        return runs.size() + (runs.size() == 1 ? " run" : " runs") + " of "
                + String.join(", ", new TreeSet<>(runs.stream().map(RunInfo::experiment).toList()));
    }

    /** Adds the comparison's sections to {@code page}. */
    public static void sections(Page page, List<RunInfo> runs, Map<String, Map<String, List<MetricPoint>>> histories) {
        List<String> header = new ArrayList<>();
        header.add("");
        runs.forEach(run -> header.add(label(run)));

        page.section("runs", "Runs");
        List<List<Cell>> overview = new ArrayList<>();
        overview.add(row("id", runs, run -> Cell.text(run.id())));
        overview.add(row("experiment", runs, run -> Cell.text(run.experiment())));
        overview.add(row("status", runs, run -> Cell.status(run.status().name().toLowerCase(java.util.Locale.ROOT),
                switch (run.status()) {
                    case FINISHED -> "ok";
                    case RUNNING -> null;
                    default -> "bad";
                })));
        overview.add(row("started", runs, run -> Cell.text(run.started().toString())));
        overview.add(row("duration (s)", runs, run -> run.duration().map(d -> Cell.number(seconds(d)))
                .orElse(missing())));
        overview.add(row("parent", runs, run -> run.parentId() == null ? missing() : Cell.text(run.parentId())));
        overview.add(row("error", runs, run -> run.error() == null ? missing() : Cell.text(run.error())));
        page.table("overview", header, overview);
        page.end();

        page.section("params", "Parameters");
        entries(page, "param-table", header, runs, RunInfo::params, "no run has params");
        page.end();

        page.section("metrics", "Metrics (latest value)");
        TreeSet<String> metricNames = new TreeSet<>();
        runs.forEach(run -> metricNames.addAll(run.metrics().keySet()));
        List<List<Cell>> metricRows = new ArrayList<>();
        for (String name : metricNames) {
            List<MetricSummary> summaries = runs.stream().map(run -> run.metrics().get(name)).toList();
            boolean differs = differs(summaries.stream().map(s -> s == null ? null : s.latest()).toList());
            List<Cell> cells = new ArrayList<>();
            cells.add(differs ? Cell.text(name).marked("diff") : Cell.text(name));
            for (MetricSummary summary : summaries) {
                Cell cell = summary == null ? missing() : Cell.number(summary.latest());
                cells.add(differs ? cell.marked("diff") : cell);
            }
            metricRows.add(cells);
        }
        page.tableOrNote("metric-table", header, metricRows, "no run logged a metric");
        page.end();

        page.section("histories", "Metric histories");
        int chart = 0;
        for (String name : metricNames) {
            List<Charts.Line> lines = new ArrayList<>();
            boolean anyHistory = false;
            for (RunInfo run : runs) {
                List<MetricPoint> points = histories.getOrDefault(run.id(), Map.of()).getOrDefault(name, List.of());
                if (points.isEmpty()) {
                    continue;
                }
                anyHistory |= points.size() > 1;
                double[] steps = new double[points.size()];
                double[] values = new double[points.size()];
                for (int i = 0; i < points.size(); i++) {
                    steps[i] = points.get(i).step();
                    values[i] = points.get(i).value();
                }
                lines.add(new Charts.Line(label(run), steps, values));
            }
            if (anyHistory) {
                page.markup(new Markup().open("div", "id", "history-" + chart++, "data-metric", name));
                page.subheading(name);
                page.chart(Charts.lines(name + " by step, one line per run", lines, "step", name, Charts.Axes.FIT));
                page.markup(new Markup().close("div"));
            }
        }
        if (chart == 0) {
            page.note("no metric was logged at more than one step");
        }
        page.end();

        page.section("inputs", "Dataset versions used");
        List<List<Cell>> inputs = new ArrayList<>();
        for (RunInfo run : runs) {
            for (DatasetInput input : run.inputs()) {
                inputs.add(List.of(Cell.text(label(run)), Cell.text(input.dataset().reference()),
                        Cell.text(input.role().name().toLowerCase(java.util.Locale.ROOT)),
                        Cell.text(input.dataset().fingerprint().sha256().substring(0, 12)),
                        Cell.count(input.dataset().fingerprint().rowCount())));
            }
        }
        page.tableOrNote("input-table", List.of("run", "dataset version", "role", "content (SHA-256)", "rows"), inputs, "no run recorded a dataset");
        page.end();

        page.section("tags", "Tags");
        entries(page, "tag-table", header, runs, RunInfo::tags, "no run has tags");
        page.end();

        page.section("artifacts", "Artifacts (SHA-256)");
        entries(page, "artifact-table", header, runs, run -> artifacts(run.artifacts()), "no run logged an artifact");
        page.end();
    }

    /** How a run is named in a column: its name and the start of its id, which tells apart runs of one name. */
    public static String label(RunInfo run) {
        return run.name() + " (" + run.id().substring(0, Math.min(8, run.id().length())) + ")";
    }

    private static Map<String, String> artifacts(List<ArtifactInfo> artifacts) {
        Map<String, String> byPath = new java.util.TreeMap<>();
        artifacts.forEach(a -> byPath.put(a.path(), a.sha256().substring(0, 12) + " \u00b7 " + Numbers.count(a.size())
                + " bytes"));
        return byPath;
    }

    /** A table of one row per key any run has, its value per run, differing rows marked. */
    private static void entries(Page page, String id, List<String> header, List<RunInfo> runs,
            Function<RunInfo, Map<String, String>> entries, String none) {
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(run -> keys.addAll(entries.apply(run).keySet()));
        if (keys.isEmpty()) {
            page.note(none);
            return;
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (String key : keys) {
            List<String> values = runs.stream().map(run -> entries.apply(run).get(key)).toList();
            boolean differs = differs(values);
            List<Cell> cells = new ArrayList<>();
            cells.add(differs ? Cell.text(key).marked("diff") : Cell.text(key));
            for (String value : values) {
                Cell cell = value == null ? missing() : Cell.text(value);
                cells.add(differs ? cell.marked("diff") : cell);
            }
            rows.add(cells);
        }
        page.table(id, header, rows);
        int differing = (int) rows.stream().filter(r -> r.get(0).css() != null).count();
        page.note(differing + " of " + rows.size() + " differ between the runs (marked)");
    }

    private static boolean differs(List<?> values) {
        return values.stream().distinct().count() > 1; // a run without the entry differs from one with it
    }

    private static List<Cell> row(String name, List<RunInfo> runs, Function<RunInfo, Cell> cell) {
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.text(name));
        runs.forEach(run -> cells.add(cell.apply(run)));
        return cells;
    }

    private static Cell missing() {
        return new Cell(MISSING, null, "missing");
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
