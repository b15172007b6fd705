package dev.mlops.tracking.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunFilter.Comparison;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches on PostgreSQL (narrowed in SQL, decided by the api's semantics) give the file store's
 * answers on the same runs, for random queries: every filter, every order, NaN, infinities, -0.0,
 * absent metrics and params, open runs, paging.
 */
class SearchAgreementPropertyTest {

    private static final double[] VALUES = {0.5, 0.8, 0.85, 0.9, -0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e-300};
    private static final List<String> DEPTHS = List.of("2", "3", "10");

    @TempDir
    Path dir;

    /** The same clock for both stores: one second per reading from a fixed instant. */
    private static Clock clock() {
        return new SteppingClock(1_760_000_000L);
    }

    private static void fill(Tracker tracker) {
        Random random = new Random(5);
        Experiment experiment = tracker.experiment("agree");
        Run parent = null;
        for (int i = 0; i < 60; i++) {
            Run run = parent != null && i % 7 == 0 ? parent.startChild("run-" + i) : experiment.start("run-" + i);
            if (i == 3) {
                parent = run; // stays running: its children keep coming
            }
            if (random.nextInt(4) > 0) {
                run.logParam("depth", DEPTHS.get(random.nextInt(DEPTHS.size())));
            }
            if (random.nextInt(5) > 0) {
                run.logMetric("accuracy", VALUES[random.nextInt(VALUES.length)], random.nextInt(3));
            }
            run.tag("family", random.nextBoolean() ? "tree" : "linear");
            switch (run == parent ? 2 : random.nextInt(4)) {
                case 0 -> run.end(RunStatus.KILLED);
                case 1 -> run.end(RunStatus.FAILED);
                case 2 -> run.flush(); // left running
                default -> run.close();
            }
        }
    }

    @Test
    void postgresAnswersEverySearchAsTheFileStore() {
        try (Tracker files = Tracking.local(dir.resolve("files"), LocalOptions.defaults().clock(clock())
                .workingDirectory(null));
                Tracker postgres = PostgresTracking.open(TestDatabase.dataSource(), PostgresOptions.defaults()
                        .schema(TestDatabase.freshSchema()).clock(clock()).workingDirectory(null))) {
            fill(files);
            fill(postgres);
            Experiment expectedIn = files.experiment("agree");
            Experiment actualIn = postgres.experiment("agree");
            String fileParent = expectedIn.search(RunQuery.all().limit(100)).runs().stream()
                    .filter(r -> r.name().equals("run-3")).findFirst().orElseThrow().id();
            String pgParent = actualIn.search(RunQuery.all().limit(100)).runs().stream()
                    .filter(r -> r.name().equals("run-3")).findFirst().orElseThrow().id();
            qt().withExamples(150).forAll(longs().all(), integers().between(0, 40)).checkAssert((seed, offset) -> {
                Random random = new Random(seed);
                RunQuery query = RunQuery.all();
                boolean children = false;
                if (random.nextBoolean()) {
                    query = query.status(RunStatus.values()[random.nextInt(RunStatus.values().length)],
                            RunStatus.values()[random.nextInt(RunStatus.values().length)]);
                }
                if (random.nextBoolean()) {
                    query = query.metric("accuracy", Comparison.values()[random.nextInt(Comparison.values().length)],
                            VALUES[random.nextInt(VALUES.length)]);
                }
                if (random.nextInt(3) == 0) {
                    query = query.param("depth", DEPTHS.get(random.nextInt(DEPTHS.size())));
                }
                if (random.nextInt(3) == 0) {
                    query = query.tag("family", random.nextBoolean() ? "tree" : "linear");
                }
                if (random.nextInt(4) == 0) {
                    query = query.startedBetween(Instant.ofEpochSecond(1_760_000_000L + random.nextInt(200)),
                            random.nextBoolean() ? null : Instant.ofEpochSecond(1_760_000_100L + random.nextInt(300)));
                }
                if (random.nextInt(5) == 0) {
                    children = true;
                }
                switch (random.nextInt(4)) {
                    case 0 -> query = query.orderByMetric("accuracy", random.nextBoolean());
                    case 1 -> query = query.orderBy(new dev.mlops.api.tracking.RunOrder(
                            dev.mlops.api.tracking.RunOrder.Key.PARAM, "depth", random.nextBoolean()));
                    case 2 -> query = query.orderBy(new dev.mlops.api.tracking.RunOrder(
                            dev.mlops.api.tracking.RunOrder.Key.STARTED, null, random.nextBoolean()));
                    default -> { }
                }
                query = query.offset(offset).limit(1 + random.nextInt(20));
                RunPage expected = expectedIn.search(children ? query.childrenOf(fileParent) : query);
                RunPage actual = actualIn.search(children ? query.childrenOf(pgParent) : query);
                assertEquals(expected.total(), actual.total(), query.toString());
                assertEquals(expected.runs().stream().map(RunInfo::name).toList(),
                        actual.runs().stream().map(RunInfo::name).toList(), query.toString());
            });
        }
    }
}
