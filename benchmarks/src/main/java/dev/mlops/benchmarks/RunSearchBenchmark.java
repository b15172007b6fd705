package dev.mlops.benchmarks;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.RunFilter.Comparison;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.Tracking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * Searching an experiment of 10,000 finished runs (two params, two metrics each) for
 * {@code status = FINISHED and accuracy > 0.85}, best accuracy first, first page of 100:
 * {@code sdk} asks a warm file store ({@link Experiment#search}); {@code baseline} filters and
 * sorts the same {@link RunInfo}s already held in a Java list. Target: sdk under 50 ms.
 * {@code coldOpen} opens the store afresh (no index in memory; the OS file cache is warm) and
 * answers the same query: the time a new process waits for its first answer.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar RunSearchBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class RunSearchBenchmark {

    static final int RUNS = SearchRuns.RUNS;
    static final RunQuery QUERY = RunQuery.all().status(RunStatus.FINISHED)
            .metric("accuracy", Comparison.GREATER, 0.85).orderByMetric("accuracy", true).limit(100);

    private Path directory;
    private Tracker tracker;
    private Experiment experiment;
    private List<RunInfo> inMemory;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        directory = Files.createTempDirectory("run-search-bench");
        try (Tracker writer = Tracking.local(directory)) {
            SearchRuns.log(writer.experiment("search"));
        }
        tracker = Tracking.local(directory);
        experiment = tracker.experiment("search");
        inMemory = new ArrayList<>(experiment.search(RunQuery.all().limit(RunQuery.MAX_LIMIT)).runs());
        if (inMemory.size() != RUNS || !sdk().runs().equals(baseline())) {
            throw new IllegalStateException("the store and the list disagree");
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        tracker.close();
        ScratchDirectories.delete(directory);
    }

    @Benchmark
    public RunPage sdk() {
        return experiment.search(QUERY);
    }

    /** The same filter, order and page by hand over the runs already in memory. */
    @Benchmark
    public List<RunInfo> baseline() {
        List<RunInfo> matches = new ArrayList<>();
        for (RunInfo run : inMemory) {
            if (run.status() == RunStatus.FINISHED && run.metrics().containsKey("accuracy")
                    && run.metrics().get("accuracy").latest() > 0.85) {
                matches.add(run);
            }
        }
        matches.sort(Comparator.comparingDouble((RunInfo run) -> run.metrics().get("accuracy").latest())
                .reversed().thenComparing(RunInfo::id));
        return matches.subList(0, Math.min(100, matches.size()));
    }

    /** A fresh store object: reads the experiment's runs, builds the index, answers once. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public int coldOpen() {
        try (Tracker fresh = Tracking.local(directory)) {
            return fresh.experiment("search").search(QUERY).runs().size();
        }
    }
}
