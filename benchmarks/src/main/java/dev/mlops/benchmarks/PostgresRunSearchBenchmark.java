package dev.mlops.benchmarks;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.RunFilter.Comparison;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.postgres.PostgresOptions;
import dev.mlops.tracking.postgres.PostgresTracking;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Searching an experiment of 10,000 finished runs (two params, two metrics each) in the PostgreSQL
 * store for {@code status = FINISHED and accuracy > 0.85}, best accuracy first, first page of 100,
 * against an embedded PostgreSQL 14. {@code sdk}: {@link Experiment#search}, which returns the
 * page's runs whole (params, tags, metrics, inputs, artifacts, environment). {@code baseline}: one
 * hand-written SQL query for the same page's ids and accuracies and the match count, by the raw
 * driver. Measured after {@code ANALYZE}, the statistics autovacuum gathers within a minute of such
 * a load (right after a bulk load, before them, the planner underestimates the matches and the
 * search takes about twice as long). The bar: sdk under 50 ms.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar PostgresRunSearchBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class PostgresRunSearchBenchmark {

    static final int RUNS = SearchRuns.RUNS;
    static final RunQuery QUERY = RunQuery.all().status(RunStatus.FINISHED)
            .metric("accuracy", Comparison.GREATER, 0.85).orderByMetric("accuracy", true).limit(100);

    private EmbeddedDatabase database;
    private Tracker tracker;
    private Experiment experiment;

    @Setup
    public void fill() throws SQLException {
        database = new EmbeddedDatabase();
        tracker = PostgresTracking.open(database.url(), "postgres", "postgres", 4, PostgresOptions.defaults()
                .schema("bench")
                .workingDirectory(null));
        experiment = tracker.experiment("search");
        SearchRuns.log(experiment);
        try (Connection c = database.dataSource().getConnection()) {
            // the statistics autovacuum gathers within a minute of such a load: a steady-state database
            c.createStatement().execute("analyze");
        }
        List<String> ids = sdk().runs().stream().map(RunInfo::id).toList();
        if (ids.size() != 100 || !ids.equals(baseline())) {
            throw new IllegalStateException("the store and the hand-written query disagree");
        }
    }

    @TearDown
    public void close() {
        tracker.close();
        database.close();
    }

    @Benchmark
    public RunPage sdk() {
        return experiment.search(QUERY);
    }

    /** The same page's ids (and the number of matches) by one query through the raw driver. */
    @Benchmark
    public List<String> baseline() throws SQLException {
        List<String> ids = new ArrayList<>(100);
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement select = c.prepareStatement("select r.id, m.latest, count(*) over () from"
                        + " bench.runs r join bench.run_metrics m on m.run_id = r.id and m.name = 'accuracy'"
                        + " where r.experiment = ? and r.status = 'FINISHED' and m.latest > 0.85"
                        + " order by m.latest desc, r.started_ns desc, r.id limit 100")) {
            select.setString(1, "search");
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }
}
