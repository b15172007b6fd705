package dev.mlops.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The reports the Adult sample and the monitoring story write, opened from disk in headless Chromium as a reader
 * would open a mail attachment: nothing fetched, nothing logged as an error (a script the CSP
 * blocked, a style it refused), every chart laid out and drawn; a screenshot of each.
 */
class ReportsInChromiumTest {

    private static Chromium chromium;

    @BeforeAll
    static void browser() throws Exception {
        SampleStore.root();
        chromium = Chromium.start();
    }

    @AfterAll
    static void close() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static void openReport(String file, int charts) throws Exception {
        Path report = SampleStore.report(file);
        assertTrue(Files.isRegularFile(report), report + " was written by the sample");
        chromium.open(report);
        chromium.assertNoConsoleErrors(file);
        chromium.assertNothingFetched(file);
        chromium.assertChartsDrawn(file, charts);
        Path screenshot = chromium.screenshot(file.replace(".html", ""));
        assertTrue(Files.isRegularFile(screenshot));
    }

    @Test
    void theProfileShowsEveryColumnWithItsChartAndTheHeatMaps() throws Exception {
        // 15 columns, each with a histogram or its top categories, and two heat maps
        openReport("adult-profile.html", 17);
        assertEquals(15, chromium.findAll("#columns tbody tr").size(), "a row per column of adult.data");
        WebElement rows = chromium.find("#columns tbody tr td");
        assertTrue(rows.isDisplayed());
    }

    @Test
    void theDriftReportDrawsEachFeaturesTwoDistributions() throws Exception {
        openReport("adult-drift.html", 14);
        assertTrue(chromium.find("h1").isDisplayed());
    }

    @Test
    void theEvaluationDrawsItsCurvesAndTheConfusionMatrix() throws Exception {
        // ROC, precision-recall, calibration and the matrix at least
        openReport("adult-evaluation.html", 4);
        assertEquals("rgb(255, 255, 255)", chromium.style("svg.heatmap text.on-dark", "fill"),
                "a count on a dark cell is drawn in white, readable");
        assertEquals("rgb(34, 34, 34)", chromium.style("svg.heatmap text.cell-value:not(.on-dark)", "fill"));
        chromium.screenshot("adult-evaluation-curves", "#curves");
    }

    @Test
    void theRunComparisonShowsBothRunsSideBySide() throws Exception {
        openReport("adult-runs.html", 0);
        assertTrue(chromium.findAll("#param-table td.diff, #param-table tr.diff").size() > 0,
                "the champion's and the challenger's params differ, and are marked");
    }

    @Test
    void theMonitoringSnapshotDrawsEachVersionsWindows() throws Exception {
        // per monitored version: accuracy, drift, error rate and latency over the windows; the latency bars
        openReport("adult-monitoring.html", 5);
        assertTrue(chromium.findAll("#monitor-0 [data-chart=accuracy] polyline").size() >= 2,
                "estimated and measured accuracy are drawn");
        chromium.screenshot("adult-monitoring-windows", "#monitor-0 .columns");
    }
}
