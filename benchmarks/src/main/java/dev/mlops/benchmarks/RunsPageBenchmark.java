package dev.mlops.benchmarks;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.reports.TrackerUi;
import dev.mlops.tracking.Tracking;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run browser's runs page for an experiment of 10,000 finished runs (two params, two metrics
 * each), filtered to {@code metrics.accuracy > 0.75} and ordered by accuracy, first page of 50:
 * {@code sdk} asks {@link TrackerUi} over HTTP for the whole page (query parsed, store searched,
 * table and links written, sent); {@code baseline} asks the warm file store the same search through
 * the API. Target: sdk under 200 ms (MLflow's UI took a minute for 500 runs, mlflow#1517).
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar RunsPageBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class RunsPageBenchmark {

    static final int RUNS = SearchRuns.RUNS;
    static final String QUERY = "metrics.accuracy > 0.75 order by metrics.accuracy desc";
    static final int PAGE = 50;

    private Path directory;
    private Tracker tracker;
    private Experiment experiment;
    private TrackerUi ui;
    private HttpClient client;
    private HttpRequest page;

    @Setup(Level.Trial)
    public void fill() throws IOException, InterruptedException {
        directory = Files.createTempDirectory("runs-page-bench");
        try (Tracker writer = Tracking.local(directory)) {
            SearchRuns.log(writer.experiment("search"));
        }
        tracker = Tracking.local(directory);
        experiment = tracker.experiment("search");
        ui = TrackerUi.start(tracker, 0);
        client = HttpClient.newHttpClient();
        page = HttpRequest.newBuilder(ui.uri().resolve("/runs?experiment=search&limit=" + PAGE + "&q="
                + URLEncoder.encode(QUERY, StandardCharsets.UTF_8))).GET().build();
        String html = sdk();
        RunPage expected = baseline();
        if (!html.contains(expected.runs().get(0).id()) || !html.contains("of " + String.format(Locale.ROOT, "%,d",
                expected.total()))) {
            throw new IllegalStateException("the page does not show the store's answer");
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        ui.close();
        tracker.close();
        ScratchDirectories.delete(directory);
    }

    /** The whole page over HTTP, as a browser asks for it. */
    @Benchmark
    public String sdk() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(page, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        return response.body();
    }

    /** The same search through the tracker's API, no page. */
    @Benchmark
    public RunPage baseline() {
        return experiment.search(RunQuery.parse(QUERY).limit(PAGE));
    }
}
