package dev.mlops.reports;

import static dev.mlops.reports.ReportsTest.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.Tracking;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run browser over a real file store, asked over real sockets, its pages read with jsoup. */
class TrackerUiTest {

    static final String HOSTILE = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    static final byte[] PAGE_ARTIFACT = "<html><script>alert('stored')</script></html>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;
    Tracker tracker;
    TrackerUi ui;
    String[] runs = new String[3];
    String child;
    String tuning;
    DatasetVersion iris;

    @BeforeEach
    void storeAndBrowser() {
        tracker = Tracking.local(root);
        iris = tracker.datasets().log("iris", ReportsTest.iris());
        Experiment income = tracker.experiment("income");
        income.describe("who earns more than 50K");
        for (int i = 0; i < runs.length; i++) {
            try (Run run = income.start("run-" + i)) {
                runs[i] = run.id();
                run.logParam("depth", Integer.toString(3 + i));
                run.logParam("note", HOSTILE);
                for (int epoch = 0; epoch < 4; epoch++) {
                    run.logMetric("loss", 1.0 / (epoch + 1 + i), epoch);
                }
                run.logMetric("accuracy", 0.80 + 0.05 * i);
                run.logInput(iris, DatasetRole.TRAIN);
                run.logArtifact("reports/page.html", PAGE_ARTIFACT);
                run.tag("owner", "ana");
            }
        }
        try (Run parent = income.start("tuning")) {
            try (Run trial = parent.startChild("trial-1")) {
                child = trial.id();
            }
            parent.logParam("trials", "1");
            tuning = parent.id();
        }
        Experiment hostile = tracker.experiment("hostile");
        hostile.describe(HOSTILE);
        hostile.start(HOSTILE).close();
        tracker.registry().register("iris-model", ModelSource.opaque(new byte[] {1, 2, 3}).fromRun(runs[2])
                .trainedOn(iris).metric("accuracy", 0.9));
        tracker.registry().review("iris-model/1", ReviewState.APPROVED, "ana", "checked on the test split");
        tracker.registry().setAlias("iris-model", "champion", 1);
        ui = TrackerUi.start(tracker, 0);
    }

    @AfterEach
    void close() {
        if (ui != null) {
            ui.close();
        }
        tracker.close();
    }

    private Document page(String target) throws IOException {
        Http.Response response = Http.get(ui.port(), target);
        assertEquals(200, response.status(), target + ": " + response.text());
        return checked(response);
    }

    /** What every answer promises: a CSP forbidding script, no sniffing, and pages with no script. */
    private static Document checked(Http.Response response) {
        assertTrue(response.header("Content-Security-Policy").contains("default-src 'none'"));
        assertFalse(response.header("Content-Security-Policy").contains("script-src"));
        assertTrue(response.header("Content-Security-Policy").contains("frame-ancestors 'none'"), "no framing");
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        Document document = Jsoup.parse(response.text());
        assertTrue(document.select("script, iframe, object, embed, img").isEmpty(), "no script, no fetch");
        for (Element element : document.getAllElements()) {
            element.attributes().forEach(a -> assertFalse(a.getKey().toLowerCase().startsWith("on"), a.toString()));
        }
        return document;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theExperimentsPageLinksEveryExperimentWithItsRunCount() throws IOException {
        Document home = page("/");
        List<Element> rows = rows(home, "experiment-table");
        assertEquals(2, rows.size());
        Element income = rows.stream().filter(r -> r.selectFirst("td").text().equals("income")).findFirst().orElseThrow();
        assertEquals("5", income.select("td").get(1).attr("data-value"));
        assertEquals("/runs?experiment=income", income.selectFirst("a").attr("href"));
        assertTrue(home.text().contains(HOSTILE), "a hostile description is shown as text");
        Document hostile = page("/runs?experiment=hostile");
        assertEquals(HOSTILE, rows(hostile, "run-table").get(0).select("td").get(1).text(), "a hostile run name too");
    }

    @Test
    void theRunsTableFiltersOrdersSortsAndPages() throws IOException {
        Document all = page("/runs?experiment=income");
        List<Element> rows = rows(all, "run-table");
        assertEquals(List.of("trial-1", "tuning", "run-2", "run-1", "run-0"), rows.stream()
                .map(r -> r.select("td").get(1).text()).toList(), "newest first");
        assertEquals(runs[2], rows.get(2).selectFirst("input[type=checkbox]").attr("value"));

        Document filtered = page("/runs?experiment=income&q=" + encode("metrics.accuracy > 0.82 order by metrics.accuracy asc"));
        assertEquals(List.of("run-1", "run-2"), rows(filtered, "run-table").stream()
                .map(r -> r.select("td").get(1).text()).toList());
        assertEquals("metrics.accuracy > 0.82 order by metrics.accuracy asc",
                filtered.selectFirst("input[name=q]").attr("value"), "the query stays in the box");

        Element sortByDepth = filtered.select("#run-table th a").stream()
                .filter(a -> a.text().startsWith("params.depth")).findFirst().orElseThrow();
        Document sorted = page(sortByDepth.attr("href"));
        assertEquals(List.of("run-2", "run-1"), rows(sorted, "run-table").stream()
                .map(r -> r.select("td").get(1).text()).toList(), "sorting keeps the filter");
        assertEquals("metrics.accuracy > 0.82 order by params.depth desc", sorted.selectFirst("input[name=q]").attr("value"));

        Document first = page("/runs?experiment=income&limit=2");
        assertEquals(2, rows(first, "run-table").size());
        Document second = page(first.selectFirst("a[rel=next]").attr("href"));
        Document third = page(second.selectFirst("a[rel=next]").attr("href"));
        assertEquals(List.of("run-0"), rows(third, "run-table").stream().map(r -> r.select("td").get(1).text()).toList());
        assertTrue(third.selectFirst("a[rel=next]") == null);
        assertEquals(List.of("run-2", "run-1"), rows(page(third.selectFirst("a[rel=prev]").attr("href")), "run-table")
                .stream().map(r -> r.select("td").get(1).text()).toList());
        assertTrue(third.selectFirst("#runs h2").text().contains("5\u20135 of 5"), third.selectFirst("#runs h2").text());
    }

    @Test
    void aQueryThatDoesNotParseIsNamedOnThePageWithStatus400() throws IOException {
        Http.Response response = Http.get(ui.port(), "/runs?experiment=income&q=" + encode("accuracy > 0.8"));
        assertEquals(400, response.status());
        Document page = checked(response);
        assertTrue(page.getElementById("query-problem").text().contains("character 0"), page.text());
        assertEquals("accuracy > 0.8", page.selectFirst("input[name=q]").attr("value"));
        assertEquals(5, rows(page, "run-table").size(), "every run is still listed");
    }

    @Test
    void anUnknownExperimentIsNotFoundAndIsNotCreated() throws IOException {
        Http.Response response = Http.get(ui.port(), "/runs?experiment=nope");
        assertEquals(404, response.status());
        assertFalse(tracker.experimentNames().contains("nope"), "the browser only reads");
        assertEquals(404, Http.get(ui.port(), "/run?id=0123456789abcdef0123456789abcdef").status());
        assertEquals(404, Http.get(ui.port(), "/model?name=nope").status());
        assertEquals(404, Http.get(ui.port(), "/dataset?ref=iris/9").status());
        assertEquals(404, Http.get(ui.port(), "/dataset?ref=iris").status(), "not a reference: no such version");
        assertEquals(400, Http.get(ui.port(), "/runs").status(), "the experiment is required");
        assertEquals(404, Http.get(ui.port(), "/nowhere").status());
    }

    @Test
    void aRunPageShowsEverythingTheRunHolds() throws IOException {
        Document run = page("/run?id=" + runs[1]);
        assertEquals("run-1", run.selectFirst("h1").text());
        assertEquals(List.of("depth", "4"), rows(run, "params-table").get(0).select("td").eachText());
        assertEquals(HOSTILE, rows(run, "params-table").get(1).select("td").get(1).text());
        Element loss = rows(run, "metric-table").stream().filter(r -> r.selectFirst("td").text().equals("loss"))
                .findFirst().orElseThrow();
        assertEquals(0.2, Double.parseDouble(loss.select("td").get(1).attr("data-value")), 0.0); // 1 / (3 + 1 + 1)
        Element chart = run.selectFirst("[data-metric=loss] polyline");
        assertEquals("4", chart.attr("data-points"));
        assertEquals("/dataset?ref=iris%2F1", rows(run, "input-table").get(0).selectFirst("a").attr("href"));
        assertEquals("ana", rows(run, "tags-table").get(0).select("td").get(1).text());
        assertFalse(rows(run, "environment-table").isEmpty());
        Element download = rows(run, "artifact-table").get(0).selectFirst("a");
        assertEquals("reports/page.html", download.text());

        Http.Response artifact = Http.get(ui.port(), download.attr("href"));
        assertEquals(200, artifact.status());
        assertArrayEquals(PAGE_ARTIFACT, artifact.body());
        assertEquals("application/octet-stream", artifact.header("Content-Type"), "never rendered as HTML");
        assertTrue(artifact.header("Content-Disposition").startsWith("attachment; filename=\"page.html\""));
        assertEquals("nosniff", artifact.header("X-Content-Type-Options"));
    }

    @Test
    void aParentRunListsItsNestedRuns() throws IOException {
        Document parent = page("/run?id=" + tuning);
        assertEquals("/run?id=" + child, rows(parent, "child-table").get(0).selectFirst("a").attr("href"));
        Document trial = page("/run?id=" + child);
        assertEquals("/run?id=" + tuning, rows(trial, "run-overview").stream()
                .filter(r -> r.selectFirst("td").text().equals("parent")).findFirst().orElseThrow()
                .selectFirst("a").attr("href"));
    }

    @Test
    void artifactUrlsNeverReachOutsideTheStore() throws IOException {
        Files.writeString(root.resolve("secret.txt"), "secret");
        String run = runs[0];
        for (String path : List.of("..%2fsecret.txt", "..%2F..%2Fsecret.txt", "%2Fetc%2Fpasswd", "reports%2F..%2F..%2F..%2Fsecret.txt",
                "reports%2Fpage.html%00.txt", "reports%2Fpage.html%2F..", "reports\\page.html", "REPORTS%2FPAGE.HTML")) {
            Http.Response response = Http.get(ui.port(), "/artifact?run=" + run + "&path=" + path);
            assertTrue(response.status() == 404 || response.status() == 400, path + " answered " + response.status());
            assertFalse(response.text().contains("secret") && !response.text().contains("secret.txt"), path);
        }
        for (String target : List.of("/../secret.txt", "/artifact/../../secret.txt", "/%2e%2e/secret.txt", "//etc/passwd",
                "/run/..%2f..%2fsecret.txt")) {
            Http.Response response = Http.get(ui.port(), target);
            assertEquals(404, response.status(), target);
        }
        assertEquals(404, Http.get(ui.port(), "/artifact?run=" + runs[1] + "&path=nothing.bin").status());
        assertEquals(404, Http.get(ui.port(), "/artifact?run=..%2F..&path=reports%2Fpage.html").status());
    }

    @Test
    void malformedRequestsAreRefusedWithAClearStatus() throws IOException {
        assertEquals(400, Http.get(ui.port(), "/run?id=%zz").status(), "a malformed escape");
        assertEquals(400, Http.get(ui.port(), "/run?id=%C3%28").status(), "not UTF-8");
        assertEquals(400, Http.get(ui.port(), "/run?id=a%00b").status(), "a NUL");
        assertEquals(400, Http.get(ui.port(), "/runs?experiment=income&limit=0").status());
        assertEquals(400, Http.get(ui.port(), "/runs?experiment=income&offset=-1").status());
        assertEquals(400, Http.get(ui.port(), "/runs?experiment=income&experiment=other").status());
        assertEquals(400, Http.get(ui.port(), "/run?id=" + "a".repeat(20_000)).status(), "too long a query");
        Http.Response post = Http.send(ui.port(), "POST", "/", "127.0.0.1:" + ui.port());
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("Allow"));
        Http.Response head = Http.send(ui.port(), "HEAD", "/", "127.0.0.1:" + ui.port());
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
    }

    @Test
    void onLoopbackOnlyRequestsAddressedToLoopbackAreAnswered() throws IOException {
        for (String host : List.of("localhost:" + ui.port(), "127.0.0.1:" + ui.port(), "[::1]:" + ui.port(), "LOCALHOST")) {
            assertEquals(200, Http.send(ui.port(), "GET", "/", host).status(), host);
        }
        for (String host : List.of("evil.example", "evil.example:" + ui.port(), "localhost.evil.example",
                "127.0.0.1.nip.io", "localhost@evil.example", "[::1]x")) {
            assertEquals(403, Http.send(ui.port(), "GET", "/", host).status(), host + " (a rebound DNS name)");
        }
        assertTrue(ui.uri().toString().startsWith("http://127.0.0.1:"));
    }

    @Test
    void selectedRunsAreComparedSideBySide() throws IOException {
        Document compare = page("/compare?run=" + runs[0] + "&run=" + runs[2]);
        assertEquals(List.of("depth", "3", "5"), rows(compare, "param-table").get(0).select("td").eachText());
        assertTrue(rows(compare, "param-table").get(0).selectFirst("td").hasClass("diff"));
        assertEquals(2, compare.select("#compared a").size());
        assertEquals(2, compare.select("[data-metric=loss] polyline").size());
        assertEquals(400, Http.get(ui.port(), "/compare").status(), "nothing chosen");
        assertEquals(404, Http.get(ui.port(), "/compare?run=" + runs[0] + "&run=nope").status());
    }

    @Test
    void theRegistryShowsVersionsAliasesReviewsLineageAndTheAuditLog() throws IOException {
        Document models = page("/models");
        assertEquals(List.of("iris-model", "1", "champion \u2192 1"), rows(models, "model-table").get(0).select("td")
                .eachText().subList(0, 3));
        Document model = page("/model?name=iris-model");
        Element version = rows(model, "version-table").get(0);
        assertEquals("approved", version.select("td").get(1).text());
        assertEquals("ana: checked on the test split", version.select("td").get(2).text());
        assertEquals("/run?id=" + runs[2], version.select("td").get(3).selectFirst("a").attr("href"));
        assertEquals("iris/1", version.select("td").get(4).text());
        assertEquals("/dataset?ref=iris%2F1", model.selectFirst("#lineage a").attr("href"));
        List<String> actions = rows(model, "audit-table").stream().map(r -> r.select("td").get(2).text()).toList();
        assertTrue(actions.containsAll(List.of("register", "review", "set-alias")), actions.toString());
        assertEquals(List.of("champion", "1"), rows(model, "alias-table").get(0).select("td").eachText().subList(0, 2));
    }

    @Test
    void datasetVersionsShowTheirProfile() throws IOException {
        Document datasets = page("/datasets");
        assertEquals("iris/1", rows(datasets, "dataset-table").get(0).selectFirst("a").text());
        assertEquals("150", rows(datasets, "dataset-table").get(0).select("td").get(1).attr("data-value"));
        Document dataset = page("/dataset?ref=iris%2F1");
        assertEquals(5, rows(dataset, "schema-table").size());
        assertEquals(5, rows(dataset, "columns").size(), "the profile's column overview");
        assertEquals("iris-model/1", rows(dataset, "trained-table").get(0).selectFirst("a").text());
        assertFalse(dataset.select("svg rect.bar").isEmpty(), "histograms are drawn");
    }

    @Test
    void aTakenPortIsAClearError() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> TrackerUi.start(tracker, ui.port()));
        assertTrue(e.getMessage().contains(Integer.toString(ui.port())), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrackerUi.Options.loopback(70_000));
    }

    @Test
    void theCommandRefusesWhatItCannotBrowseAndWarnsWhenExposed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CountDownLatch stopped = new CountDownLatch(0);
        assertEquals(2, BrowseStore.run(new String[] {root.resolve("missing").toString()}, print(out), print(err), stopped));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no store at"));
        assertEquals(2, BrowseStore.run(new String[] {"--port"}, print(out), print(err), stopped));
        assertEquals(2, BrowseStore.run(new String[] {}, print(out), print(err), stopped));
        err.reset();
        assertEquals(0, BrowseStore.run(new String[] {"--port", "0", "--bind", "0.0.0.0", root.toString()}, print(out),
                print(err), stopped));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("WARNING: the run browser listens on 0.0.0.0"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Browsing " + root.toAbsolutePath()));
        out.reset();
        err.reset();
        assertEquals(0, BrowseStore.run(new String[] {"--port", "0", root.toString()}, print(out), print(err), stopped));
        assertEquals("", err.toString(StandardCharsets.UTF_8), "no warning on loopback");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
