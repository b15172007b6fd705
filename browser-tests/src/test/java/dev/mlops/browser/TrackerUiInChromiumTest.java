package dev.mlops.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.reports.TrackerUi;
import dev.mlops.tracking.Tracking;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The run browser on the Adult sample's store, driven as a person would: clicking a column to
 * sort, typing a query, ticking runs to compare, following links to a run, a model and a dataset.
 * Every page is checked for console errors (a CSP violation included) and drawn charts.
 */
class TrackerUiInChromiumTest {

    private static Tracker tracker;
    private static TrackerUi ui;
    private static Chromium chromium;

    @BeforeAll
    static void browse() throws Exception {
        tracker = Tracking.local(SampleStore.root());
        ui = TrackerUi.start(tracker, 0);
        chromium = Chromium.start();
    }

    @AfterAll
    static void close() throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (ui != null) {
                ui.close();
            }
            tracker.close();
        }
    }

    private static void open(String target) {
        chromium.open(ui.uri().resolve(target).toString());
    }

    private static void checked(String page) {
        chromium.assertNoConsoleErrors(page);
        chromium.assertNothingFetched(page);
    }

    /** The column of the runs table whose header starts with the given text, top to bottom. */
    private static List<String> column(String header, String attribute) {
        List<WebElement> headers = chromium.findAll("#run-table thead th");
        int index = -1;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).getText().startsWith(header)) {
                index = i;
            }
        }
        assertTrue(index >= 0, "no column " + header);
        List<String> values = new ArrayList<>();
        for (WebElement row : chromium.findAll("#run-table tbody tr")) {
            WebElement cell = row.findElements(org.openqa.selenium.By.cssSelector("td")).get(index);
            values.add(attribute == null ? cell.getText() : cell.getAttribute(attribute));
        }
        return values;
    }

    private static List<String> shownRunIds() {
        return chromium.findAll("#run-table tbody input[type=checkbox]").stream().map(box -> box.getAttribute("value"))
                .toList();
    }

    @Test
    void theExperimentsPageListsTheSamplesExperiments() {
        open("/");
        checked("experiments");
        String text = chromium.find("#experiment-table").getText();
        assertTrue(text.contains("adult") && text.contains(SampleStore.EXPERIMENT), text);
    }

    @Test
    void clickingAMetricsHeaderSortsTheRunsAndClickingAgainReversesThem() {
        open("/runs?experiment=" + SampleStore.EXPERIMENT);
        checked("runs");
        assertEquals(SampleStore.RUNS, shownRunIds().size());
        chromium.clickToLoad(chromium.findAll("#run-table thead th a").stream()
                .filter(a -> a.getText().startsWith("metrics.accuracy")).findFirst().orElseThrow());
        checked("runs sorted");
        List<Double> first = column("metrics.accuracy", "data-value").stream().map(Double::valueOf).toList();
        chromium.clickToLoad(chromium.findAll("#run-table thead th a").stream()
                .filter(a -> a.getText().startsWith("metrics.accuracy")).findFirst().orElseThrow());
        List<Double> second = column("metrics.accuracy", "data-value").stream().map(Double::valueOf).toList();
        List<Double> ascending = first.stream().sorted().toList();
        List<Double> descending = first.stream().sorted(Comparator.reverseOrder()).toList();
        assertTrue(first.equals(ascending) && second.equals(descending)
                || first.equals(descending) && second.equals(ascending), first + " then " + second);
        assertEquals(SampleStore.RUNS, first.size());
    }

    @Test
    void aTypedQueryFiltersTheRunsAsTheApiDoes() {
        open("/runs?experiment=" + SampleStore.EXPERIMENT);
        String query = "metrics.accuracy > 0.8 and tags.family = 'trees' order by metrics.accuracy desc";
        WebElement box = chromium.find("#query");
        box.clear();
        box.sendKeys(query);
        chromium.clickToLoad(chromium.find("form.query button[type=submit]"));
        checked("runs filtered");
        Experiment experiment = tracker.experiment(SampleStore.EXPERIMENT);
        List<String> expected = experiment.search(RunQuery.parse(query)).runs().stream().map(RunInfo::id).toList();
        assertTrue(expected.size() > 1 && expected.size() < SampleStore.RUNS, "the query keeps some runs: " + expected);
        assertEquals(expected, shownRunIds());
        assertEquals(query, chromium.find("#query").getAttribute("value"), "the query stays in the box");
    }

    @Test
    void tickingTwoRunsAndComparingDrawsTheirLossCurves() {
        open("/runs?experiment=" + SampleStore.EXPERIMENT);
        List<WebElement> boxes = chromium.findAll("#run-table tbody input[type=checkbox]");
        List<String> chosen = List.of(boxes.get(0).getAttribute("value"), boxes.get(5).getAttribute("value"));
        boxes.get(0).click();
        boxes.get(5).click();
        chromium.clickToLoad(chromium.find("#compare-form button[type=submit]"));
        assertEquals("/compare", chromium.path());
        checked("compare");
        String compared = chromium.find("#compared").getText();
        for (String id : chosen) {
            assertTrue(compared.contains(tracker.run(id).name()), compared);
        }
        chromium.assertChartsDrawn("compare", 1);
        assertEquals(2, chromium.findAll("#histories [data-metric=loss] polyline").size(), "a line per run");
        chromium.screenshot("browser-compare");
        chromium.screenshot("browser-compare-histories", "#histories");
    }

    @Test
    void theSamplesRunsPageAndARunPageShowTheirContents() {
        open("/runs?experiment=adult");
        checked("adult runs");
        WebElement longest = chromium.findAll("#run-table tbody td[title]").stream()
                .max(Comparator.comparingInt(cell -> cell.getAttribute("title").length())).orElseThrow();
        assertTrue(longest.getRect().getHeight() < 40 && longest.getRect().getWidth() < 400,
                "a long param is cut short to one line: " + longest.getRect());
        assertEquals(longest.getAttribute("textContent"), longest.getAttribute("title"), "and kept whole in its title");
        chromium.screenshot("browser-runs");
        chromium.clickToLoad(chromium.find("#run-table tbody tr td a[href^='/run?']"));
        assertEquals("/run", chromium.path());
        checked("run");
        assertTrue(chromium.find("#params-table").isDisplayed());
        assertTrue(chromium.find("#input-table").getText().contains("adult.data"));
    }

    @Test
    void aRunWithAHistoryDrawsItsChart() {
        open("/runs?experiment=" + SampleStore.EXPERIMENT);
        chromium.clickToLoad(chromium.find("#run-table tbody tr td a[href^='/run?']"));
        checked("run with history");
        chromium.assertChartsDrawn("run with history", 1);
        chromium.screenshot("browser-run");
    }

    @Test
    void theRegistryShowsTheChampionWithItsReviewsAndLineage() {
        open("/models");
        checked("models");
        chromium.clickToLoad(chromium.find("#model-table a"));
        assertEquals("/model", chromium.path());
        checked("model");
        assertTrue(chromium.find("#alias-table").getText().contains("champion"));
        assertTrue(chromium.findAll("#version-table tbody tr").size() >= 1);
        assertTrue(chromium.find("#audit-table").isDisplayed());
        chromium.screenshot("browser-model");
    }

    @Test
    void aDatasetVersionShowsItsProfileWithCharts() {
        open("/datasets");
        checked("datasets");
        chromium.clickToLoad(chromium.find("#dataset-table a"));
        checked("dataset");
        assertTrue(chromium.find("#schema-table").isDisplayed());
        chromium.assertChartsDrawn("dataset profile", 10);
    }
}
