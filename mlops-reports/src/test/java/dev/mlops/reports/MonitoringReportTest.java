package dev.mlops.reports;

import static dev.mlops.reports.ReportsTest.assertShows;
import static dev.mlops.reports.ReportsTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.drift.DriftReference;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.serving.Deployment;
import dev.mlops.serving.DeploymentStats;
import dev.mlops.serving.ErrorKind;
import dev.mlops.serving.Role;
import dev.mlops.serving.VersionStats;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.Health;
import dev.mlops.serving.monitor.LiveMonitor;
import dev.mlops.serving.monitor.MeasuredPerformance;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.serving.monitor.PerformanceEstimate;
import dev.mlops.serving.monitor.WindowReport;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring snapshot of a real deployment (a model trained on Iris, served from a file-store
 * registry, fed stable and then shifted rows, some labelled), and of hand-made figures whose every
 * cell is known; hostile names as text.
 */
class MonitoringReportTest {

    @TempDir
    Path root;

    /** Iris with {@code petal_length} moved by {@code shift}. */
    private static Frame shifted(Frame iris, double shift) {
        NumericColumn length = (NumericColumn) iris.column("petal_length");
        double[] moved = new double[iris.rowCount()];
        for (int i = 0; i < moved.length; i++) {
            moved[i] = length.value(i) + shift;
        }
        return iris.withColumn(NumericColumn.of("petal_length", moved));
    }

    @Test
    void aServingDeploymentsSnapshotShowsItsFiguresWindowsAndStandingAlarms() {
        Frame iris = ReportsTest.iris();
        ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression().seed(3))
                .fit(iris, "species", Prep.chain(Prep.standardize()));
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("iris", ModelSource.of(bundle.toBytes()));
            tracker.registry().setAlias("iris", "champion", 1);
            try (Deployment deployment = Deployment.of(tracker.registry(), "iris@champion").pollEvery(null)
                    .monitoring(MonitorSettings.defaults().countWindows(50).executor(Runnable::run).minRows(10)
                            .raiseAfter(1).minLabels(5).labels(1_000, java.time.Duration.ofHours(1))).start()) {
                CategoricalColumn species = (CategoricalColumn) iris.column("species");
                List<Prediction> stable = deployment.predict(iris.drop("species"));
                for (int i = 0; i < stable.size(); i += 2) {
                    assertTrue(deployment.label(stable.get(i).origin().orElseThrow().id(), species.value(i)));
                }
                deployment.predict(shifted(iris, 4.0).drop("species"));
                deployment.monitors().forEach(LiveMonitor::closeWindow);

                DeploymentStats stats = deployment.stats();
                LiveMonitor monitor = deployment.monitors().get(0);
                List<WindowReport> windows = monitor.reports();
                List<Alarm> standing = monitor.standing();
                assertTrue(windows.size() >= 6, "300 requests in windows of 50: " + windows);
                assertFalse(standing.isEmpty(), "petal_length moved by 4 cm drifts");

                Document html = ReportsTest.parse(MonitoringReports.snapshot("iris <in> production", deployment));

                VersionStats served = stats.versions().get(0);
                Element version = rows(html, "version-table").get(0);
                assertShows(served.version(), version.child(0));
                assertEquals("primary", version.child(1).text());
                assertShows(served.requests(), version.child(2));
                assertShows(served.p99Micros(), version.child(8));

                List<Element> alarmRows = rows(html, "alarm-table");
                assertEquals(standing.size(), alarmRows.size());
                for (int i = 0; i < standing.size(); i++) {
                    assertEquals(standing.get(i).subject(), alarmRows.get(i).child(1).text());
                    assertShows(standing.get(i).value(), alarmRows.get(i).child(5));
                }
                assertTrue(html.selectFirst("#alarms .verdict").hasClass("bad"));

                List<Element> windowRows = rows(html, "windows-0");
                assertEquals(windows.size(), windowRows.size());
                for (int i = 0; i < windows.size(); i++) {
                    assertShows(windows.get(i).index(), windowRows.get(i).child(0));
                    assertShows(windows.get(i).requests(), windowRows.get(i).child(3));
                }
                WindowReport labelled = windows.stream().filter(w -> w.measured() != null).findFirst().orElseThrow();
                Element labelledRow = windowRows.get(windows.indexOf(labelled));
                assertShows(labelled.measured().accuracy(), labelledRow.child(10));
                assertShows(labelled.measured().labels(), labelledRow.child(11));

                Element driftLine = html.selectFirst("#monitor-0 [data-chart=drift] polyline");
                assertEquals(Long.toString(windows.stream().filter(w -> w.inputs() != null).count()),
                        driftLine.attr("data-drawn"), "a point per window with inputs compared");
                WindowReport latest = windows.get(windows.size() - 1);
                List<Element> features = rows(html, "latest-drift-0");
                assertEquals(latest.inputs().columns().size(), features.size());
                Element petal = features.stream().filter(r -> r.child(0).text().equals("petal_length")).findFirst()
                        .orElseThrow();
                assertEquals("drifted", petal.child(4).text());
            }
        }
    }

    @Test
    void handMadeFiguresAppearCellByCellAndAsLines() {
        Alarm.Source source = new Alarm.Source("income", "income", 3, "PRIMARY");
        Instant at = Instant.parse("2026-12-02T08:00:00Z");
        Frame reference = ReportsTest.iris();
        DriftReport drifted = DriftReference.of(reference).compare(shifted(reference, 3.0));
        Alarm alarm = new Alarm(Alarm.Kind.FEATURE_DRIFT, "petal_length", source, 1, at, 0.7, 0.1, "drifted");
        List<WindowReport> windows = List.of(
                new WindowReport(source, 0, at, at.plusSeconds(60), 100, 100, true, null, null,
                        new PerformanceEstimate(0.90, 0.80, 0.92, 0.81, true, ""), null,
                        new Health(100, 0.01, 250.0), List.of(), List.of(), 0),
                new WindowReport(source, 1, at.plusSeconds(60), at.plusSeconds(120), 80, 40, true, drifted, null,
                        new PerformanceEstimate(0.70, 0.60, 0.92, 0.81, false, "confidences unlike held-out"),
                        new MeasuredPerformance(20, 0.65, Double.NaN, Double.NaN), new Health(80, 0.0, 300.0),
                        List.of(alarm), List.of("no held-out predictions"), 0));
        Map<ErrorKind, Long> errors = Map.of(ErrorKind.MODEL, 1L, ErrorKind.INVALID_INPUT, 2L);
        DeploymentStats stats = new DeploymentStats("income", "income@champion", 3, at.plusSeconds(120),
                List.of(new VersionStats(3, Role.PRIMARY, 180, 5, errors, 40.0, 90.0, 250.0, 900.0, 1.5)),
                List.of(), 0, 2);

        Document html = ReportsTest.parse(MonitoringReports.snapshot("income", stats, windows, List.of(alarm)));

        Element version = rows(html, "version-table").get(0);
        assertShows(180, version.child(2));
        assertShows(3, version.child(3));
        assertShows(3 / 180.0, version.child(4)); // error share, by hand
        assertShows(5, version.child(5));
        assertShows(40.0, version.child(6));
        assertShows(90.0, version.child(7));
        assertEquals(List.of("invalid_input 2", "model 1"), rows(html, "error-table").stream()
                .map(r -> r.child(2).text() + " " + r.child(3).text()).toList());
        assertEquals(List.of("40", "90", "250"), html.select("#versions rect.bar").eachAttr("data-value").stream()
                .map(v -> v.replace(".0", "")).toList());

        List<Element> table = rows(html, "windows-0");
        assertEquals("—", table.get(0).child(6).text(), "no inputs compared in window 0");
        assertEquals(drifted.drifted().size() + " of " + drifted.columns().size(), table.get(1).child(6).text());
        assertShows(0.70, table.get(1).child(8));
        assertShows(0.65, table.get(1).child(10));
        assertShows(0.01, table.get(0).child(12));
        assertShows(300.0, table.get(1).child(13));
        assertEquals("1", table.get(1).child(14).text());

        Element accuracy = html.selectFirst("#monitor-0 [data-chart=accuracy]");
        assertEquals(List.of("2", "2", "1"), accuracy.select("polyline").eachAttr("data-drawn"),
                "estimated and held-out in both windows, measured in one");
        assertTrue(html.select("#monitor-0 .muted").eachText().contains("no held-out predictions"));
        for (String chart : List.of("errors", "drift", "latency")) {
            assertTrue(html.select("#monitor-0 [data-chart=" + chart + "] text.tick").eachText().stream()
                    .noneMatch(tick -> tick.startsWith("-")), chart + ": a rate, share or latency starts at 0");
        }
        assertEquals(Arrays.asList("drifted"), rows(html, "alarm-table").stream().map(r -> r.child(7).text()).toList());
        assertShows(0.7, rows(html, "alarm-table").get(0).child(5));
    }

    @Test
    void aDeploymentThatDoesNotMonitorSaysSo() {
        DeploymentStats stats = new DeploymentStats("d", "m@a", 1, Instant.EPOCH, List.of(), List.of(), 0, 0);
        Document html = ReportsTest.parse(MonitoringReports.snapshot("quiet", stats, List.of(), List.of()));
        assertTrue(html.selectFirst("#alarms .verdict").hasClass("ok"));
        assertTrue(html.getElementById("monitors").text().contains("no monitoring window has closed yet"));
        assertTrue(html.getElementById("versions").text().contains("no version has served yet"));
    }

    @Test
    void hostileNamesFromTheDeploymentAndItsDataAreText() {
        qt().withExamples(60).forAll(HostileTextPropertyTest.hostile(), HostileTextPropertyTest.hostile())
                .checkAssert((name, text) -> {
                    Alarm.Source source = new Alarm.Source(name, text, 1, "PRIMARY");
                    Instant at = Instant.EPOCH;
                    Frame frame = Frame.of(NumericColumn.of(name, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
                    DriftReport drift = DriftReference.of(frame).compare(frame);
                    Alarm alarm = new Alarm(Alarm.Kind.DATASET_DRIFT, text, source, 0, at, 1, 0.5, name);
                    WindowReport window = new WindowReport(source, 0, at, at, 10, 10, true, drift, null, null, null,
                            null, List.of(alarm), List.of(text), 0);
                    DeploymentStats stats = new DeploymentStats(name, text, 1, at, List.of(), List.of(), 0, 0);
                    Document html = ReportsTest.parse(MonitoringReports.snapshot(text, stats, List.of(window),
                            List.of(alarm)));
                    Element row = rows(html, "alarm-table").get(0);
                    assertEquals(ReportsTest.shown(text), ReportsTest.withoutSpaces(row.child(1).wholeText()));
                    assertEquals(ReportsTest.shown(name), ReportsTest.withoutSpaces(row.child(7).wholeText()));
                    assertEquals(ReportsTest.shown(name), ReportsTest.withoutSpaces(
                            rows(html, "latest-drift-0").get(0).child(0).wholeText()));
                });
    }
}
