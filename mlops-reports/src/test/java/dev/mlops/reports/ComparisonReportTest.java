package dev.mlops.reports;

import static dev.mlops.reports.ReportsTest.assertShows;
import static dev.mlops.reports.ReportsTest.parse;
import static dev.mlops.reports.ReportsTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.Tracking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of a real file store compared: the page shows what the store holds, differences marked. */
class ComparisonReportTest {

    @TempDir
    Path root;
    Tracker tracker;
    String first;
    String second;

    @BeforeEach
    void twoRuns() {
        tracker = Tracking.local(root);
        DatasetVersion iris = tracker.datasets().log("iris", ReportsTest.iris());
        Experiment experiment = tracker.experiment("compare");
        try (Run run = experiment.start("shallow")) {
            first = run.id();
            run.logParam("depth", "3");
            run.logParam("seed", "42");
            run.tag("team", "a");
            for (int epoch = 0; epoch < 5; epoch++) {
                run.logMetric("loss", 1.0 / (epoch + 1), epoch);
            }
            run.logMetric("accuracy", 0.9);
            run.logInput(iris, DatasetRole.TRAIN);
            run.logArtifact("model.bin", "same".getBytes(StandardCharsets.UTF_8));
        }
        try (Run run = experiment.start("deep")) {
            second = run.id();
            run.logParam("depth", "8");
            run.logParam("seed", "42");
            run.logParam("min-leaf", "5");
            run.tag("team", "a");
            for (int epoch = 0; epoch < 3; epoch++) {
                run.logMetric("loss", 0.5 - 0.1 * epoch, epoch);
            }
            run.logMetric("accuracy", 0.95);
            run.logInput(iris, DatasetRole.TRAIN);
            run.logArtifact("model.bin", "same".getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    private static List<String> texts(Element row) {
        return row.select("td").stream().map(Element::text).toList();
    }

    private static Element row(Document html, String table, String key) {
        return rows(html, table).stream().filter(r -> r.selectFirst("td").text().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + key + " in " + table));
    }

    private static boolean marked(Element row) {
        return row.select("td").stream().allMatch(td -> td.hasClass("diff"));
    }

    @Test
    void paramsTagsAndArtifactsSideBySideWithDifferencesMarked() {
        Document html = parse(Reports.comparison("Shallow against deep", tracker, List.of(first, second)));
        List<String> header = html.select("#param-table thead th").stream().map(Element::text).toList();
        assertEquals(List.of("", "shallow (" + first.substring(0, 8) + ")", "deep (" + second.substring(0, 8) + ")"),
                header);
        assertEquals(List.of("depth", "3", "8"), texts(row(html, "param-table", "depth")));
        assertTrue(marked(row(html, "param-table", "depth")));
        assertEquals(List.of("seed", "42", "42"), texts(row(html, "param-table", "seed")));
        assertFalse(row(html, "param-table", "seed").select("td").stream().anyMatch(td -> td.hasClass("diff")),
                "equal values are not marked");
        Element minLeaf = row(html, "param-table", "min-leaf");
        assertEquals(List.of("min-leaf", "\u2014", "5"), texts(minLeaf));
        assertTrue(marked(minLeaf) && minLeaf.select("td").get(1).hasClass("missing"), "a missing param differs");
        assertFalse(marked(row(html, "tag-table", "team")));
        Element model = row(html, "artifact-table", "model.bin");
        assertFalse(marked(model), "equal content is not marked");
        assertTrue(model.select("td").get(1).text().startsWith(tracker.run(first).artifacts().get(0).sha256()
                .substring(0, 12)));
        assertEquals("finished", row(html, "overview", "status").select("td").get(1).text());
    }

    @Test
    void metricsShowTheLatestValuesAndEveryHistoryAsALinePerRun() {
        Document html = parse(Reports.comparison("Shallow against deep", tracker, List.of(first, second)));
        Element accuracy = row(html, "metric-table", "accuracy");
        assertShows(0.9, accuracy.select("td").get(1));
        assertShows(0.95, accuracy.select("td").get(2));
        assertTrue(marked(accuracy));
        Element loss = row(html, "metric-table", "loss");
        assertShows(0.2, loss.select("td").get(1)); // step 4: 1/5
        assertShows(0.5 - 0.1 * 2, loss.select("td").get(2));

        List<Element> charts = html.select("#histories [data-metric]");
        assertEquals(List.of("loss"), charts.stream().map(e -> e.attr("data-metric")).toList(),
                "accuracy was logged once per run: no history to draw");
        List<Element> lines = charts.get(0).select("polyline");
        assertEquals(2, lines.size());
        assertEquals("5", lines.get(0).attr("data-points"));
        assertEquals("3", lines.get(1).attr("data-points"));
        assertTrue(lines.get(0).attr("data-series").startsWith("shallow"));

        List<Element> inputs = rows(html, "input-table");
        assertEquals(2, inputs.size());
        assertEquals(List.of("iris/1", "train"), texts(inputs.get(0)).subList(1, 3));
        assertEquals("150", inputs.get(0).select("td").get(4).attr("data-value"));
    }

    @Test
    void oneRunIsItsOwnPageAndMistakesAreNamed() {
        Document html = parse(Reports.comparison("One run", tracker, List.of(first)));
        assertFalse(marked(row(html, "param-table", "depth")), "nothing differs from itself");
        assertThrows(NotFoundException.class, () -> Reports.comparison("x", tracker, List.of(first, "no-such-run")));
        assertThrows(IllegalArgumentException.class, () -> Reports.comparison("x", tracker, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Reports.comparison("x", tracker, List.of(first, first)));
    }
}
