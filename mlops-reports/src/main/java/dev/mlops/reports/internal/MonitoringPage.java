package dev.mlops.reports.internal;

import dev.mlops.core.drift.ColumnDrift;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.reports.internal.Page.Cell;
import dev.mlops.serving.DeploymentStats;
import dev.mlops.serving.ErrorKind;
import dev.mlops.serving.ShadowStats;
import dev.mlops.serving.VersionStats;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.WindowReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deployment's monitoring snapshot as a page: the alarms standing now on top, then per version
 * and role its requests, errors and latency, the shadows' agreement, and per monitored version its
 * windows as a table and as lines over the windows (accuracy estimated, held out and measured; the
 * share of inputs drifted; failures and latency), with the latest window's per-feature drift.
 */
public final class MonitoringPage {

    /** Windows listed per monitor in the table, the most recent; the charts draw every one given. */
    static final int TABLE_WINDOWS = 50;

    private MonitoringPage() {
    }

    public static String html(String title, DeploymentStats stats, List<WindowReport> windows, List<Alarm> standing) {
        Page page = new Page(title, stats.reference() + ": version " + stats.serving() + " serving; snapshot at "
                + stats.at() + "; " + Numbers.count(stats.swaps()) + " swaps, " + Numbers.count(stats.loadFailures())
                + " load failures");
        alarms(page, standing);
        versions(page, stats);
        Map<Alarm.Source, List<WindowReport>> bySource = new LinkedHashMap<>();
        for (WindowReport window : windows) {
            bySource.computeIfAbsent(window.source(), s -> new ArrayList<>()).add(window);
        }
        if (bySource.isEmpty()) {
            page.section("monitors", "Monitors");
            page.note("no monitoring window has closed yet, or the deployment does not monitor");
            page.end();
        }
        int index = 0;
        for (Map.Entry<Alarm.Source, List<WindowReport>> monitor : bySource.entrySet()) {
            monitor(page, index++, monitor.getKey(), monitor.getValue());
        }
        return page.html();
    }

    private static void alarms(Page page, List<Alarm> standing) {
        page.section("alarms", "Alarms standing");
        page.verdict(standing.isEmpty(), standing.isEmpty() ? "no alarm standing" : standing.size()
                + (standing.size() == 1 ? " alarm standing" : " alarms standing"));
        List<List<Cell>> rows = new ArrayList<>();
        for (Alarm alarm : standing) {
            rows.add(List.of(Cell.status(alarm.kind().name().toLowerCase(Locale.ROOT), "bad"), Cell.text(alarm.subject()),
                    Cell.text(alarm.source().toString()), Cell.count(alarm.window()), Cell.text(instant(alarm.at())),
                    Cell.number(alarm.value()), Cell.number(alarm.threshold()), Cell.text(alarm.message())));
        }
        if (!rows.isEmpty()) {
            page.table("alarm-table", List.of("kind", "subject", "version", "window", "at", "value", "threshold",
                    "message"), rows);
        }
        page.end();
    }

    private static void versions(Page page, DeploymentStats stats) {
        page.section("versions", "Versions served");
        List<List<Cell>> rows = new ArrayList<>();
        List<List<Cell>> errors = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (VersionStats version : stats.versions()) {
            String role = version.role().name().toLowerCase(Locale.ROOT);
            rows.add(List.of(Cell.count(version.version()), Cell.text(role), Cell.count(version.requests()),
                    Cell.count(version.errorCount()), Cell.percent(version.requests() == 0 ? 0
                            : (double) version.errorCount() / version.requests()), Cell.count(version.remembered()),
                    Cell.number(version.p50Micros()), Cell.number(version.p95Micros()), Cell.number(version.p99Micros()),
                    Cell.number(version.maxMicros()), Cell.number(version.perSecond())));
            for (Map.Entry<ErrorKind, Long> kind : version.errors().entrySet()) {
                if (kind.getValue() > 0) {
                    errors.add(List.of(Cell.count(version.version()), Cell.text(role),
                            Cell.text(kind.getKey().name().toLowerCase(Locale.ROOT)), Cell.count(kind.getValue())));
                }
            }
            labels.add("v" + version.version() + " " + role);
            p50.add(version.p50Micros());
            p95.add(version.p95Micros());
            p99.add(version.p99Micros());
        }
        page.tableOrNote("version-table", List.of("version", "role", "requests", "errors", "error share",
                "from memory", "p50 µs", "p95 µs", "p99 µs", "max µs", "per second"), rows,
                "no version has served yet");
        if (!labels.isEmpty()) {
            page.chart(Charts.bars("Latency percentiles per version (µs)", labels, List.of(
                    new Charts.Series("p50", p50), new Charts.Series("p95", p95), new Charts.Series("p99", p99)), false));
        }
        page.subheading("Errors by kind");
        page.tableOrNote("error-table", List.of("version", "role", "kind", "requests"), errors, "no request failed");
        if (!stats.shadows().isEmpty()) {
            page.subheading("Shadows");
            List<List<Cell>> shadows = new ArrayList<>();
            for (ShadowStats shadow : stats.shadows()) {
                shadows.add(List.of(Cell.count(shadow.version()), Cell.count(shadow.compared()),
                        Cell.count(shadow.agreed()), Cell.percent(shadow.compared() == 0 ? 0
                                : (double) shadow.agreed() / shadow.compared()),
                        Cell.number(shadow.meanAbsoluteDifference()), Cell.count(shadow.dropped()),
                        Cell.count(shadow.timedOut())));
            }
            page.table("shadow-table", List.of("version", "compared", "agreed", "agreement", "mean absolute difference",
                    "dropped", "timed out"), shadows);
        }
        page.end();
    }

    private static void monitor(Page page, int index, Alarm.Source source, List<WindowReport> windows) {
        page.section("monitor-" + index, "Monitor of " + source);
        List<WindowReport> shown = windows.subList(Math.max(0, windows.size() - TABLE_WINDOWS), windows.size());
        List<List<Cell>> rows = new ArrayList<>();
        for (WindowReport window : shown) {
            rows.add(List.of(Cell.count(window.index()), Cell.text(instant(window.start())), Cell.text(instant(window.end())),
                    Cell.count(window.requests()), Cell.count(window.rows()), Cell.text(window.decided() ? "yes" : "too few"),
                    window.inputs() == null ? Cell.text("—") : Cell.text(window.inputs().drifted().size() + " of "
                            + window.inputs().columns().size()),
                    drift(window.predictions()),
                    window.estimate() == null ? Cell.text("—") : Cell.number(window.estimate().accuracy()),
                    window.estimate() == null ? Cell.text("—") : Cell.number(window.estimate().heldOutAccuracy()),
                    window.measured() == null ? Cell.text("—") : Cell.number(window.measured().accuracy()),
                    window.measured() == null ? Cell.count(0) : Cell.count(window.measured().labels()),
                    window.health() == null ? Cell.text("—") : Cell.percent(window.health().errorRate()),
                    window.health() == null ? Cell.text("—") : Cell.number(window.health().p99Micros()),
                    window.raised().isEmpty() ? Cell.count(0) : Cell.status(Integer.toString(window.raised().size()),
                            "bad")));
        }
        page.note(windows.size() + " windows" + (shown.size() < windows.size() ? ", the last " + shown.size()
                + " in the table" : ""));
        page.table("windows-" + index, List.of("window", "start", "end", "requests", "rows", "decided",
                "inputs drifted", "predictions", "estimated accuracy", "held-out accuracy", "measured accuracy",
                "labels", "error rate", "p99 µs", "alarms raised"), rows);
        charts(page, windows);

        WindowReport latest = windows.get(windows.size() - 1);
        if (!latest.unavailable().isEmpty()) {
            page.subheading("Not monitored");
            for (String reason : latest.unavailable()) {
                page.note(reason);
            }
        }
        page.subheading("Inputs in window " + latest.index());
        if (latest.inputs() == null) {
            page.note("the bundle holds no training baseline to compare the inputs with");
        } else {
            List<List<Cell>> features = new ArrayList<>();
            for (ColumnDrift column : latest.inputs().columns()) {
                features.add(List.of(Cell.text(column.column()), Cell.text(column.method().displayName()),
                        Cell.number(column.score()), Cell.number(column.threshold()),
                        Cell.status(column.drifted() ? "drifted" : "stable", column.drifted() ? "bad" : "ok"),
                        Cell.count(column.currentCount())));
            }
            page.table("latest-drift-" + index, List.of("feature", "test", "score", "threshold", "decision",
                    "values"), features);
        }
        page.end();
    }

    private static void charts(Page page, List<WindowReport> windows) {
        int n = windows.size();
        double[] x = new double[n];
        double[] estimated = new double[n];
        double[] heldOut = new double[n];
        double[] measured = new double[n];
        double[] driftedShare = new double[n];
        double[] errorRate = new double[n];
        double[] p99 = new double[n];
        for (int i = 0; i < n; i++) {
            WindowReport window = windows.get(i);
            x[i] = window.index();
            estimated[i] = window.estimate() == null ? Double.NaN : window.estimate().accuracy();
            heldOut[i] = window.estimate() == null ? Double.NaN : window.estimate().heldOutAccuracy();
            measured[i] = window.measured() == null ? Double.NaN : window.measured().accuracy();
            driftedShare[i] = window.inputs() == null ? Double.NaN : window.inputs().driftedShare();
            errorRate[i] = window.health() == null ? Double.NaN : window.health().errorRate();
            p99[i] = window.health() == null ? Double.NaN : window.health().p99Micros();
        }
        page.columns().column();
        List<Charts.Line> accuracy = new ArrayList<>();
        addIfAny(accuracy, "estimated", x, estimated);
        addIfAny(accuracy, "held-out", x, heldOut);
        addIfAny(accuracy, "measured", x, measured);
        lineChart(page, "accuracy", "Accuracy by window", accuracy, "accuracy", Charts.Axes.FIT);
        page.endColumn().column();
        List<Charts.Line> drift = new ArrayList<>();
        addIfAny(drift, "drifted share of inputs", x, driftedShare);
        lineChart(page, "drift", "Share of inputs drifted by window", drift, "share drifted",
                Charts.Axes.FIT_FROM_ZERO);
        page.endColumn().column();
        List<Charts.Line> errors = new ArrayList<>();
        addIfAny(errors, "error rate", x, errorRate);
        lineChart(page, "errors", "Error rate by window", errors, "error rate", Charts.Axes.FIT_FROM_ZERO);
        page.endColumn().column();
        List<Charts.Line> latency = new ArrayList<>();
        addIfAny(latency, "p99", x, p99);
        lineChart(page, "latency", "p99 latency by window (µs)", latency, "µs", Charts.Axes.FIT_FROM_ZERO);
        page.endColumn().endColumns();
    }

    private static void addIfAny(List<Charts.Line> lines, String name, double[] x, double[] y) {
        for (double value : y) {
            if (Double.isFinite(value)) {
                lines.add(new Charts.Line(name, x, y));
                return;
            }
        }
    }

    private static void lineChart(Page page, String kind, String caption, List<Charts.Line> lines, String yTitle,
            Charts.Axes axes) {
        page.markup(new Markup().open("div", "data-chart", kind));
        page.subheading(caption);
        if (lines.isEmpty()) {
            page.note("nothing to draw: no window measured it");
        } else {
            page.chart(Charts.lines(caption, lines, "window", yTitle, axes));
        }
        page.markup(new Markup().close("div"));
    }

    private static Cell drift(DriftReport predictions) {
        if (predictions == null) {
            return Cell.text("—");
        }
        boolean drifted = predictions.columns().stream().anyMatch(ColumnDrift::drifted);
        return Cell.status(drifted ? "drifted" : "stable", drifted ? "bad" : "ok");
    }

    private static String instant(Instant at) {
        return at == null ? "—" : at.toString();
    }
}
