package dev.mlops.reports;

import static dev.mlops.reports.ReportsTest.assertShows;
import static dev.mlops.reports.ReportsTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.serving.DeploymentStats;
import dev.mlops.serving.ErrorKind;
import dev.mlops.serving.Role;
import dev.mlops.serving.VersionStats;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.Health;
import dev.mlops.serving.monitor.MeasuredPerformance;
import dev.mlops.serving.monitor.PerformanceEstimate;
import dev.mlops.serving.monitor.WindowReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the monitoring snapshot with figures no deployment should produce but a listener may
 * pass on: NaN, infinities, negatives, subnormals, out-of-order and duplicate windows, missing
 * parts, 10,000 windows, hostile text. Each asserts the behaviour that should hold.
 */
class MonitoringAttackTest {

    private static final Alarm.Source SOURCE = new Alarm.Source("income", "income", 3, "PRIMARY");
    private static final Instant AT = Instant.parse("2026-12-02T08:00:00Z");

    private static WindowReport window(long index, double value) {
        return new WindowReport(SOURCE, index, AT.plusSeconds(index), AT.plusSeconds(index + 1), 100, 100, true, null,
                null, new PerformanceEstimate(value, value, value, value, true, ""),
                new MeasuredPerformance(10, value, value, value), new Health(100, value, value), List.of(), List.of(), 0);
    }

    private static DeploymentStats stats(double value) {
        return new DeploymentStats("d", "m@a", 3, AT, List.of(new VersionStats(3, Role.PRIMARY, 100, 5,
                Map.of(ErrorKind.MODEL, 1L), value, value, value, value, value)), List.of(), 0, 0);
    }

    @Test
    void nonFiniteAndNegativeFiguresAreShownAsGiven() {
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0,
                -0.0, 1e300, -1e300, 1e-300}) {
            Alarm alarm = new Alarm(Alarm.Kind.FEATURE_DRIFT, "f", SOURCE, 0, AT, value, value, "m");
            Document html = ReportsTest.parse(MonitoringReports.snapshot("v " + value, stats(value),
                    List.of(window(0, value), window(1, value)), List.of(alarm)));
            assertShows(value, rows(html, "version-table").get(0).child(6));
            assertShows(value, rows(html, "alarm-table").get(0).child(5));
            assertShows(value, rows(html, "windows-0").get(0).child(8));
            for (Element line : html.select("polyline")) {
                assertFalse(line.attr("points").contains("NaN") || line.attr("points").contains("Infinity"),
                        value + ": " + line.outerHtml());
            }
            for (Element element : html.select("svg *")) {
                for (String a : List.of("x", "y", "width", "height", "x1", "x2", "y1", "y2")) {
                    String v = element.attr(a);
                    assertFalse(v.contains("NaN") || v.contains("Infinity"), value + ": " + element.outerHtml());
                }
            }
        }
    }

    @Test
    void aSubnormalFigureIsDrawnWithoutNaNCoordinates() {
        double value = Double.MIN_VALUE;
        Document html = ReportsTest.parse(MonitoringReports.snapshot("subnormal", stats(value),
                List.of(window(0, value), window(1, value)), List.of()));
        assertShows(value, rows(html, "windows-0").get(0).child(8));
        for (Element element : html.select("svg *")) {
            for (String a : List.of("x", "y", "width", "height", "x1", "x2", "y1", "y2", "points")) {
                assertFalse(element.attr(a).contains("NaN"), element.outerHtml());
            }
        }
    }

    @Test
    void negativeCountsInStatsAreShownAsGiven() {
        DeploymentStats stats = new DeploymentStats("d", "m@a", -1, AT, List.of(new VersionStats(-3, Role.PRIMARY, -100,
                -5, Map.of(ErrorKind.MODEL, -1L), 1, 2, 3, 4, 5)), List.of(), -1, -2);
        Document html = ReportsTest.parse(MonitoringReports.snapshot("neg", stats, List.of(), List.of()));
        assertShows(-100, rows(html, "version-table").get(0).child(2));
    }

    @Test
    void zeroRequestsGiveNoDivisionByZeroShare() {
        DeploymentStats stats = new DeploymentStats("d", "m@a", 1, AT, List.of(new VersionStats(1, Role.PRIMARY, 0, 0,
                Map.of(), 0, 0, 0, 0, 0)), List.of(), 0, 0);
        Document html = ReportsTest.parse(MonitoringReports.snapshot("zero", stats, List.of(window(0, 0)), List.of()));
        assertFalse(rows(html, "version-table").get(0).child(4).text().contains("NaN"), "0 of 0 errors");
    }

    @Test
    void tenThousandWindowsMakeAPageInReasonableTime() {
        List<WindowReport> windows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            windows.add(window(i, (i % 100) / 100.0));
        }
        long start = System.nanoTime();
        Report report = MonitoringReports.snapshot("many", stats(1), windows, List.of());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, millis + " ms");
        Document html = ReportsTest.parse(report);
        List<Element> rows = rows(html, "windows-0");
        assertEquals(50, rows.size(), "the table shows the last 50");
        assertShows(9_950, rows.get(0).child(0));
        assertShows(0.5, rows.get(0).child(8));
        assertTrue(html.text().contains("the last 50"), "and says so");
    }

    @Test
    void windowsOutOfOrderOrWithDuplicateIndicesKeepEveryFigure() {
        List<WindowReport> windows = List.of(window(5, 0.5), window(1, 0.1), window(5, 0.55), window(-3, 0.3));
        Document html = ReportsTest.parse(MonitoringReports.snapshot("odd", stats(1), windows, List.of()));
        List<Element> rows = rows(html, "windows-0");
        assertEquals(4, rows.size());
        for (int i = 0; i < windows.size(); i++) {
            assertShows(windows.get(i).index(), rows.get(i).child(0));
            assertShows(windows.get(i).estimate().accuracy(), rows.get(i).child(8));
        }
        Element accuracy = html.selectFirst("#monitor-0 [data-chart=accuracy] polyline");
        assertFalse(accuracy.attr("points").contains("NaN"), accuracy.outerHtml());
    }

    @Test
    void nullOptionalPartsAndEmptyListsMakeAPage() {
        WindowReport bare = new WindowReport(SOURCE, 0, AT, AT, 0, 0, false, null, null, null, null, null, List.of(),
                List.of(), 0);
        Document html = ReportsTest.parse(MonitoringReports.snapshot("bare", stats(1), List.of(bare), List.of()));
        assertEquals(1, rows(html, "windows-0").size());
        NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> MonitoringReports.snapshot("null message", stats(1), List.of(),
                        List.of(new Alarm(Alarm.Kind.FEATURE_DRIFT, "f", SOURCE, 0, AT, 1, 1, null))));
        assertTrue(String.valueOf(e.getMessage()).contains("message"), "a required part, named: " + e.getMessage());
    }

    @Test
    void hostileStringsInEveryFieldAreText() {
        String h = TrackerUiAttackTest.HOSTILE + "\uD800\u0000";
        Alarm.Source source = new Alarm.Source(h, h, 1, h);
        Alarm alarm = new Alarm(Alarm.Kind.FEATURE_DRIFT, h, source, 0, AT, 1, 1, h);
        WindowReport w = new WindowReport(source, 0, AT, AT, 1, 1, true, null, null,
                new PerformanceEstimate(0.5, 0.5, 0.5, 0.5, false, h), null, null, List.of(alarm), List.of(h), 0);
        DeploymentStats stats = new DeploymentStats(h, h, 1, AT, List.of(new VersionStats(1, Role.SHADOW, 1, 1,
                Map.of(), 1, 1, 1, 1, 1)), List.of(), 0, 0);
        Document html = ReportsTest.parse(MonitoringReports.snapshot(h, stats, List.of(w), List.of(alarm)));
        assertTrue(html.select("b").isEmpty(), "markup from data");
        assertFalse(html.outerHtml().contains("\u0000"), "a NUL in the page");
    }
}
