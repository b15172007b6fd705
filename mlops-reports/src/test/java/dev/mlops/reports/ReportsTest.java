package dev.mlops.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.core.check.Checks;
import dev.mlops.core.check.Severity;
import dev.mlops.core.check.ValidationReport;
import dev.mlops.core.data.Csv;
import dev.mlops.core.drift.ColumnDrift;
import dev.mlops.core.drift.DriftReference;
import dev.mlops.core.drift.DriftReport;
import dev.mlops.core.eval.Calibration;
import dev.mlops.core.eval.ClassificationMetrics;
import dev.mlops.core.eval.CurvePoint;
import dev.mlops.core.eval.Fairness;
import dev.mlops.core.eval.SlicedEvaluation;
import dev.mlops.core.profile.ColumnProfile;
import dev.mlops.core.profile.DataProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each report read back with an HTML parser: well formed, self-contained, and showing the numbers
 * of the result it was made from (exactly, in {@code data-value}, and rounded as text).
 */
class ReportsTest {

    static Frame iris() {
        return Csv.read(Path.of("src/test/resources/iris.csv"));
    }

    /** Parses a report and checks what every report promises: self-contained, no script, a CSP. */
    static Document parse(Report report) {
        Document document = Jsoup.parse(report.html());
        assertEquals(shown(report.title()), withoutSpaces(document.selectFirst("title").wholeText()));
        assertEquals("html", document.documentType().name());
        assertTrue(document.select("script, link, iframe, object, embed, img, form").isEmpty(),
                "nothing is fetched and nothing runs");
        Element csp = document.selectFirst("meta[http-equiv=Content-Security-Policy]");
        assertTrue(csp != null && csp.attr("content").contains("default-src 'none'"), "a CSP forbids script");
        assertFalse(csp.attr("content").contains("frame-ancestors"), "ignored in <meta>, and logged as an error");
        for (Element element : document.getAllElements()) {
            element.attributes().forEach(a -> assertFalse(a.getKey().toLowerCase().startsWith("on"),
                    "event handler attribute " + a));
            for (String url : List.of("href", "src", "action", "xlink:href", "formaction")) {
                assertFalse(element.attr(url).strip().toLowerCase().startsWith("javascript:"), "script URL in "
                        + element.outerHtml());
            }
        }
        for (Element svg : document.select("svg")) {
            assertTrue(Integer.parseInt(svg.attr("width")) > 0 && Integer.parseInt(svg.attr("height")) > 0,
                    "every chart is sized");
        }
        return document;
    }

    /**
     * What a report shows for {@code text}, spaces aside (a reader collapses and trims them): the
     * text itself, with what is not well-formed text replaced by U+FFFD.
     */
    static String shown(String text) {
        return withoutSpaces(rendered(text));
    }

    /** {@code text} as a reader gets it back from an attribute: what is not well-formed text is U+FFFD. */
    static String rendered(String text) {
        return org.jsoup.parser.Parser.unescapeEntities(dev.mlops.reports.internal.Markup.escape(text), true);
    }

    static String withoutSpaces(String text) {
        return text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** The exact value a cell or mark holds. */
    static double value(Element element) {
        return Double.parseDouble(element.attr("data-value"));
    }

    /** Checks a shown number: exact in data-value, and the text within the display's rounding. */
    static void assertShows(double expected, Element cell) {
        assertEquals(expected, value(cell), 0.0, cell.outerHtml());
        if (Double.isFinite(expected)) {
            double shown = Double.parseDouble(cell.text().replace(",", "").replace("%", ""));
            double scale = cell.text().endsWith("%") ? 100 : 1;
            assertEquals(expected * scale, shown, Math.abs(expected * scale) * 1e-3 + 1e-3 * scale, cell.outerHtml());
        }
    }

    static List<Element> rows(Document document, String table) {
        Element found = document.getElementById(table);
        assertTrue(found != null, "table " + table);
        return found.select("tbody tr");
    }

    @Test
    void profileShowsEveryColumnWithItsStatisticsHistogramsAndCorrelations() {
        DataProfile profile = DataProfile.of(iris(), "species");
        Document html = parse(Reports.profile("Iris", profile));

        List<Element> overview = rows(html, "columns");
        assertEquals(5, overview.size());
        for (int i = 0; i < profile.columns().size(); i++) {
            ColumnProfile column = profile.columns().get(i);
            Elements cells = overview.get(i).select("td");
            assertEquals(column.name(), cells.get(0).text());
            assertShows(column.missingRatio(), cells.get(2));
            assertShows(column.distinct(), cells.get(4));
            if (column.numeric() != null) {
                assertShows(column.numeric().mean(), cells.get(5));
                assertShows(column.numeric().std(), cells.get(6));
                Elements bars = html.select("#column-" + i + " rect.bar");
                assertEquals(column.numeric().histogram().size(), bars.size());
                for (int b = 0; b < bars.size(); b++) {
                    assertEquals(column.numeric().histogram().get(b), (long) value(bars.get(b)));
                }
            } else {
                Elements bars = html.select("#column-" + i + " rect.bar");
                assertEquals(new ArrayList<>(column.topCategories().keySet()), bars.eachAttr("data-label"));
                assertEquals(column.topCategories().values().stream().map(Long::doubleValue).toList(),
                        bars.stream().map(ReportsTest::value).toList());
            }
        }
        Elements cells = html.select("#pearson rect.cell");
        assertEquals(16, cells.size());
        for (Element cell : cells) {
            assertEquals(profile.pearson().get(cell.attr("data-row")).get(cell.attr("data-column")), value(cell));
        }
        // petal length is the strongest link to the species in Iris
        List<Element> links = rows(html, "target-links");
        assertEquals(profile.targetAssociations().size(), links.size());
        assertEquals("petal_length", links.get(0).child(0).text());
        assertShows(profile.targetAssociations().get("petal_length"), links.get(0).child(1));
    }

    @Test
    void validationShowsEachCheckWithItsSeverityObservationAndFailingRows() {
        Frame iris = iris();
        ValidationReport report = Checks.run(iris, Checks.hasColumn("species", FieldType.CATEGORICAL),
                Checks.range("sepal_length", 4.5, 7.5), Checks.allowed("species", Set.of("setosa", "versicolor"))
                        .withSeverity(Severity.WARNING), Checks.rowCount(1, 1_000));
        Document html = parse(Reports.validation("Iris checks", report));
        assertEquals("bad", html.selectFirst("[data-verdict]").attr("data-verdict"));
        List<Element> rows = rows(html, "check-results");
        assertEquals(report.results().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            var result = report.results().get(i);
            Elements cells = rows.get(i).select("td");
            assertEquals(result.check(), cells.get(0).text());
            assertEquals(result.severity().name().toLowerCase(), cells.get(1).text());
            assertEquals(result.passed() ? "passed" : "failed", cells.get(2).text());
            assertEquals(result.observed(), cells.get(3).text());
            assertShows(result.failingRows(), cells.get(4));
            assertEquals(result.exampleRows().stream().map(String::valueOf).toList(),
                    cells.get(5).text().isEmpty() ? List.of() : List.of(cells.get(5).text().split(", ")));
        }
        // sepal length outside [4.5, 7.5]: rows 13 (4.3) and others, as the check found them
        assertTrue(report.results().get(1).failingRows() > 0);
    }

    @Test
    void driftShowsTheVerdictEachColumnsTestAndBothDistributions() {
        Frame iris = iris();
        Frame reference = iris.slice(0, 75);
        Frame current = iris.slice(75, 150);
        DriftReport report = DriftReference.of(reference).compare(current);
        Document html = parse(Reports.drift("Iris halves", report, reference, current));

        assertEquals(report.datasetDrifted() ? "bad" : "ok", html.selectFirst("[data-verdict]").attr("data-verdict"));
        assertShows(report.driftedShare(), rows(html, "dataset").get(0).child(1));
        List<Element> rows = rows(html, "column-drift");
        assertEquals(report.columns().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ColumnDrift column = report.columns().get(i);
            Elements cells = rows.get(i).select("td");
            assertEquals(column.column(), cells.get(0).text());
            assertEquals(column.method().displayName(), cells.get(1).text());
            assertShows(column.score(), cells.get(2));
            assertShows(column.threshold(), cells.get(3));
            assertEquals(column.drifted() ? "drifted" : "stable", cells.get(5).text());
        }
        // every column's chart: reference and current shares, each side summing to one
        Elements charts = html.select("section[id^=feature-] svg");
        assertEquals(report.columns().size(), charts.size());
        for (Element chart : charts) {
            for (String side : List.of("reference", "current")) {
                double sum = chart.select("rect.bar[data-series=" + side + "]").stream().mapToDouble(ReportsTest::value)
                        .sum();
                assertEquals(1.0, sum, 1e-9, side + " in " + chart.attr("aria-label"));
            }
        }
        // species: the reference holds setosa and versicolor, the current versicolor and virginica
        Element species = html.select("section[id^=feature-]").stream()
                .filter(s -> s.selectFirst("h2").text().equals("species")).findFirst().orElseThrow();
        assertEquals(50 / 75.0, value(species.selectFirst("rect[data-series=reference][data-label=setosa]")), 1e-12);
        assertTrue(species.select("rect[data-series=current][data-label=setosa]").stream()
                .allMatch(r -> value(r) == 0));
    }

    /** A hand-worked binary case: 8 rows, the scores and labels chosen so every figure is known. */
    static ClassificationMetrics handWorked() {
        List<String> actual = List.of("yes", "yes", "yes", "no", "no", "no", "no", "yes");
        double[] pYes = {0.9, 0.8, 0.4, 0.3, 0.6, 0.2, 0.1, 0.7};
        List<Prediction> predicted = new ArrayList<>();
        for (double p : pYes) {
            Map<String, Double> probabilities = new LinkedHashMap<>();
            probabilities.put("no", 1 - p);
            probabilities.put("yes", p);
            predicted.add(new Prediction.Classification(p >= 0.5 ? "yes" : "no", probabilities));
        }
        return ClassificationMetrics.of(List.of("no", "yes"), "yes", actual, predicted);
    }

    @Test
    void evaluationShowsMetricsConfusionCurvesCalibrationAndFairnessGaps() {
        ClassificationMetrics metrics = handWorked();
        // by hand: predicted yes for rows 0, 1, 4, 7; right on 0, 1, 3, 5, 6, 7: accuracy 6/8
        assertEquals(0.75, metrics.accuracy());
        // by hand: of the 16 (yes, no) score pairs, 15 rank yes higher (0.4 < 0.6 is the one miss)
        assertEquals(15 / 16.0, metrics.rocAuc(), 1e-12);
        Calibration calibration = Calibration.of(new double[] {0.9, 0.8, 0.6, 0.7, 0.6, 0.8, 0.9, 0.7},
                new boolean[] {true, true, false, true, false, true, true, true}, 4);
        List<String> groups = List.of("a", "a", "b", "b", "a", "b", "a", "b");
        Fairness fairness = Fairness.of("group", "yes", groups, List.of("yes", "yes", "yes", "no", "no", "no", "no",
                "yes"), List.of("yes", "yes", "no", "no", "yes", "no", "no", "yes"));
        SlicedEvaluation sliced = new SlicedEvaluation("group", metrics, Map.of(), fairness);
        Document html = parse(Reports.evaluation("Hand-worked", metrics, calibration, List.of(sliced)));

        Map<String, Element> headline = new LinkedHashMap<>();
        rows(html, "headline").forEach(row -> headline.put(row.child(0).text(), row.child(1)));
        assertShows(0.75, headline.get("accuracy"));
        assertShows(15 / 16.0, headline.get("rocAuc"));
        assertShows(metrics.logLoss(), headline.get("logLoss"));

        Elements cells = html.select("#confusion rect.cell");
        assertEquals(4, cells.size());
        for (Element cell : cells) { // rows actual, columns predicted: no/no 3, no/yes 1, yes/no 1, yes/yes 3
            int expected = cell.attr("data-row").equals(cell.attr("data-column")) ? 3 : 1;
            assertEquals(expected, value(cell));
        }
        Element roc = html.selectFirst("#curves svg polyline");
        List<CurvePoint> curve = metrics.rocCurve("yes");
        assertEquals(curve.size(), Integer.parseInt(roc.attr("data-points")));
        assertEquals(curve.size(), roc.attr("points").split(" ").length);
        Elements curveCharts = html.select("#curves svg");
        assertEquals(1, curveCharts.get(0).select("line.diagonal").size(), "ROC: the diagonal is chance");
        assertEquals(0, curveCharts.get(1).select("line.diagonal").size(), "precision-recall: it would mean nothing");
        assertEquals(1, html.select("#calibration svg line.diagonal").size(), "calibration: perfect calibration");

        Map<String, Element> gaps = new LinkedHashMap<>();
        rows(html, "slices-0-gaps").forEach(row -> gaps.put(row.child(0).text(), row.child(1)));
        // by hand: group a selects 3 of 4 (0.75), group b 1 of 4 (0.25): parity difference 0.5, ratio 1/3
        assertShows(0.5, gaps.get("demographic parity difference"));
        assertShows(1 / 3.0, gaps.get("demographic parity ratio"));
        assertShows(fairness.equalOpportunityDifference(), gaps.get("equal opportunity difference"));
        assertShows(calibration.expectedCalibrationError(), rows(html, "calibration-summary").get(0).child(1));
        assertEquals(4, rows(html, "calibration-bins").size());
    }

    @Test
    void aReportIsWrittenWholeOrNotAtAll(@TempDir Path directory) throws Exception {
        Report report = Reports.validation("one", Checks.run(iris(), Checks.rowCount(1, 10)));
        Path file = report.write(directory.resolve("reports/one.html"));
        assertEquals(report.html(), Files.readString(file));
        Reports.validation("two", Checks.run(iris(), Checks.rowCount(1, 1000))).write(file);
        assertTrue(Files.readString(file).contains("<title>two</title>"));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file), listing.toList(), "no temporary file is left behind");
        }
        Path blocked = directory.resolve("a-file");
        Files.writeString(blocked, "x");
        Report.ReportException refused = assertThrows(Report.ReportException.class,
                () -> report.write(blocked.resolve("under-a-file.html")));
        assertTrue(refused.getMessage().contains("under-a-file.html"), refused.getMessage());
        assertEquals("x", Files.readString(blocked));
    }
}
