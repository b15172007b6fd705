package dev.mlops.benchmarks;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.postgres.PostgresOptions;
import dev.mlops.tracking.postgres.PostgresTracking;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.postgresql.PGConnection;

/**
 * Logging 1,000,000 metric points through a run of the PostgreSQL store, against an embedded
 * PostgreSQL 14 on the same machine. {@code sdk}: a {@link Run} from start to close, batches of
 * 1,024 points (each batch one transaction: its id recorded, its points as one row, the summaries
 * folded in; committed without waiting for the disk, and the last durably at close).
 * {@code baseline}: the raw driver sending the same points as rows of a plain table without an
 * index, by one {@code COPY} per 1,024 rows, committed the same way (without waiting, the last
 * durably): the straightforward way to store them with the same durability. Points per second =
 * 1,000,000 / (ms per op / 1000); the bar is 200,000.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar PostgresMetricLogBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class PostgresMetricLogBenchmark {

    static final int POINTS = 1_000_000;
    static final int BATCH = 1_024;

    private final AtomicInteger runs = new AtomicInteger();
    private EmbeddedDatabase database;
    private Tracker tracker;
    private Experiment experiment;

    @Setup
    public void open() throws SQLException {
        database = new EmbeddedDatabase();
        tracker = PostgresTracking.open(database.url(), "postgres", "postgres", 4, PostgresOptions.defaults()
                .schema("bench")
                .workingDirectory(null).metricBatchSize(BATCH));
        experiment = tracker.experiment("bench");
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table raw_points (run_id text not null, name text not null, step bigint not null,"
                    + " value double precision not null, at_ns bigint not null)");
        }
    }

    @TearDown
    public void close() {
        tracker.close();
        database.close();
    }

    @Benchmark
    public String sdk() {
        try (Run run = experiment.start("loop")) {
            for (int step = 0; step < POINTS; step++) {
                run.logMetric("loss", lossAt(step), step);
            }
            return run.id();
        }
    }

    /** The same rows through the raw driver: one COPY and commit per 1,024 rows. */
    @Benchmark
    public long baseline() throws SQLException, IOException {
        String run = "run-" + runs.incrementAndGet();
        long copied = 0;
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement async = c.createStatement()) {
                async.execute("set synchronous_commit to off"); // for this session, as the store's full batches
            }
            StringBuilder rows = new StringBuilder(BATCH * 48);
            for (int step = 0; step < POINTS; step++) {
                rows.append(run).append("\tloss\t").append(step).append('\t').append(lossAt(step)).append('\t')
                        .append(System.currentTimeMillis() * 1_000_000L).append('\n');
                if ((step + 1) % BATCH == 0 || step == POINTS - 1) {
                    copied += c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                            "copy raw_points (run_id, name, step, value, at_ns) from stdin",
                            new StringReader(rows.toString()));
                    c.commit();
                    rows.setLength(0);
                }
            }
            try (Statement durable = c.createStatement()) {
                durable.execute("set synchronous_commit to on");
                durable.execute("insert into raw_points values ('" + run + "', 'end', 0, 0, 0)");
            }
            c.commit(); // durable: every earlier commit is on disk with it
            try (Statement reset = c.createStatement()) {
                reset.execute("reset synchronous_commit");
            }
            c.commit();
        }
        return copied;
    }

    private static double lossAt(int step) {
        return 1.0 / (1 + step);
    }
}
