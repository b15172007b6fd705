package dev.mlops.tracking.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.InvalidInputException;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.MetricSummary;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs on a real PostgreSQL: lifecycle, params, metrics exactly, artifacts, liveness, migrations. */
class PostgresRunsTest {

    private static PostgresOptions options(String schema) {
        return PostgresOptions.defaults().schema(schema).actor("tester").workingDirectory(null);
    }

    @Test
    void aRunKeepsEveryParamMetricTagAndArtifactExactly() {
        String schema = TestDatabase.freshSchema();
        String id;
        try (Tracker tracker = PostgresTracking.open(TestDatabase.dataSource(), options(schema).metricBatchSize(100))) {
            try (Run run = tracker.experiment("exact").start("first")) {
                id = run.id();
                run.logParams(Map.of("lr", "0.1", "quote", "'; drop table runs; --"));
                assertThrows(ConflictException.class, () -> run.logParam("lr", "0.2"));
                for (int step = 0; step < 2_500; step++) {
                    run.logMetric("loss", 1.0 / (step + 1), step);
                }
                run.logMetric("odd", Double.NaN, 0);
                run.logMetric("odd", Double.NEGATIVE_INFINITY, 1);
                run.logMetric("odd", -0.0, 2);
                run.logMetric("back\\slash", Double.MIN_VALUE, 0);
                run.tag("stage", "draft");
                run.tag("stage", "final");
                run.logArtifact("notes/summary.txt", "hello".getBytes(StandardCharsets.UTF_8));
                assertThrows(InvalidInputException.class, () -> run.logArtifact("../escape", new byte[] {1}));
            }
            RunInfo info = tracker.run(id);
            assertEquals(RunStatus.FINISHED, info.status());
            assertEquals(Map.of("lr", "0.1", "quote", "'; drop table runs; --"), info.params());
            assertEquals("final", info.tags().get("stage"));
            List<MetricPoint> loss = tracker.metricHistory(id, "loss");
            assertEquals(2_500, loss.size());
            for (int step = 0; step < loss.size(); step++) {
                assertEquals(step, loss.get(step).step());
                assertEquals(1.0 / (step + 1), loss.get(step).value());
            }
            assertEquals(new MetricSummary(1.0 / 2500, 2499, 1.0 / 2500, 1.0, 2500), info.metrics().get("loss"));
            List<MetricPoint> odd = tracker.metricHistory(id, "odd");
            assertTrue(Double.isNaN(odd.get(0).value()));
            assertEquals(Double.NEGATIVE_INFINITY, odd.get(1).value());
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(odd.get(2).value()));
            assertEquals(Double.MIN_VALUE, tracker.metricHistory(id, "back\\slash").get(0).value());
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), tracker.artifact(id, "notes/summary.txt"));
            assertEquals(List.of("exact"), tracker.experimentNames());
        }
    }

    @Test
    void aRunWhoseProcessStoppedBeatingReadsAsAbandoned() throws InterruptedException {
        String schema = TestDatabase.freshSchema();
        Tracker first = PostgresTracking.open(TestDatabase.dataSource(), options(schema).heartbeat(Duration.ofSeconds(1)));
        Run run = first.experiment("liveness").start("left-open");
        try (Tracker other = PostgresTracking.open(TestDatabase.dataSource(), options(schema))) {
            Thread.sleep(3_500); // three heartbeats: the owner is alive and beating
            assertEquals(RunStatus.RUNNING, other.run(run.id()).status());
            first.close(); // leaves the run running, and stops beating as a dead process would
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (other.run(run.id()).status() == RunStatus.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertEquals(RunStatus.ABANDONED, other.run(run.id()).status());
            assertEquals(1, other.experiment("liveness").search(RunQuery.all().status(RunStatus.ABANDONED)).total());
        }
    }

    @Test
    void anApplicationThatMigratesItselfIsToldWhatIsPending() {
        String schema = TestDatabase.freshSchema();
        StoreException behind = assertThrows(StoreException.class,
                () -> PostgresTracking.open(TestDatabase.dataSource(), options(schema).migrate(false)));
        assertTrue(behind.getMessage().contains("lacks migrations 1 (store)"), behind.getMessage());
        PostgresTracking.open(TestDatabase.dataSource(), options(schema)).close(); // applies them
        PostgresTracking.open(TestDatabase.dataSource(), options(schema).migrate(false)).close();
    }

    @Test
    void aTrackerOpenedByUrlOwnsAndClosesItsPool() {
        String schema = TestDatabase.freshSchema();
        try (Tracker tracker = PostgresTracking.open(TestDatabase.url(), "postgres", "postgres", 2, options(schema))) {
            try (Run run = tracker.experiment("pooled").start()) {
                run.logMetric("acc", 0.9);
            }
            assertEquals(1, tracker.experiment("pooled").runs().size());
        }
        assertThrows(IllegalArgumentException.class,
                () -> PostgresTracking.open("jdbc:mysql://x/y", "u", "p", 2, options(schema)));
        assertThrows(IllegalArgumentException.class, () -> options("Robert'); drop"));
    }

    @Test
    void bodiesInASharedDirectoryAreVerifiedOnRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String schema = TestDatabase.freshSchema();
        java.nio.file.Path shared = dir.resolve("shared");
        try (Tracker tracker = PostgresTracking.open(TestDatabase.dataSource(), options(schema).blobsIn(shared))) {
            String id;
            try (Run run = tracker.experiment("bodies").start()) {
                id = run.id();
                run.logArtifact("model.bin", new byte[] {1, 2, 3});
            }
            String sha = tracker.run(id).artifact("model.bin").orElseThrow().sha256();
            java.nio.file.Path body = shared.resolve("blobs").resolve("sha256").resolve(sha.substring(0, 2))
                    .resolve(sha.substring(2));
            assertArrayEquals(new byte[] {1, 2, 3}, java.nio.file.Files.readAllBytes(body), "the body is a file there");
            java.nio.file.Files.write(body, new byte[] {9, 9, 9});
            StoreException damaged = assertThrows(StoreException.class, () -> tracker.artifact(id, "model.bin"));
            assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
            java.nio.file.Files.delete(body);
            assertThrows(StoreException.class, () -> tracker.artifact(id, "model.bin"));
        }
    }

    /**
     * A data source whose connections lose the acknowledgement of one commit when told: the commit is
     * durable on the server, then the client sees the connection drop (SQL state 08006).
     */
    private static javax.sql.DataSource losingOneAcknowledgement(javax.sql.DataSource source,
            java.util.concurrent.atomic.AtomicBoolean loseNext) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(PostgresRunsTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(source, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    java.sql.Connection real = (java.sql.Connection) result;
                    return java.lang.reflect.Proxy.newProxyInstance(PostgresRunsTest.class.getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (p, m, a) -> {
                                Object answer = invoke(real, m, a);
                                if (m.getName().equals("commit") && loseNext.compareAndSet(true, false)) {
                                    throw new java.sql.SQLException("connection reset after the commit", "08006");
                                }
                                return answer;
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aBatchRetriedAfterALostAcknowledgementIsWrittenOnceAndLosesNothingLoggedSince() {
        String schema = TestDatabase.freshSchema();
        PostgresTracking.open(TestDatabase.dataSource(), options(schema)).close();
        var loseNext = new java.util.concurrent.atomic.AtomicBoolean();
        String id;
        try (Tracker tracker = PostgresTracking.open(losingOneAcknowledgement(TestDatabase.dataSource(), loseNext),
                options(schema).metricBatchSize(10).heartbeat(Duration.ofHours(1)))) {
            try (Run run = tracker.experiment("lost-ack").start()) {
                id = run.id();
                for (int step = 0; step < 9; step++) {
                    run.logMetric("loss", step, step);
                }
                loseNext.set(true);
                run.logMetric("loss", 9, 9); // fills the batch: committed, but the client is told it failed
                for (int step = 10; step < 20; step++) {
                    run.logMetric("loss", step, step); // the held batch is retried, then the new points follow
                }
            }
            assertEquals(java.util.stream.LongStream.range(0, 20).boxed().toList(), tracker.metricHistory(id, "loss")
                    .stream().map(MetricPoint::step).toList(), "every point once, in order");
            assertEquals(20, tracker.run(id).metrics().get("loss").count());
        }
    }

    @Test
    void namesAreInJavasOrderAndAClosedTrackerAttachesNothing() {
        String schema = TestDatabase.freshSchema();
        Tracker tracker = PostgresTracking.open(TestDatabase.dataSource(), options(schema));
        String id;
        try {
            for (String name : List.of("b", "a-c", "Zeta", "a.b", "A1", "ab")) {
                tracker.experiment(name);
            }
            assertEquals(List.of("A1", "Zeta", "a-c", "a.b", "ab", "b"), tracker.experimentNames());
            id = tracker.experiment("b").start().id();
        } finally {
            tracker.close();
        }
        assertThrows(IllegalStateException.class, () -> tracker.attach(id));
        assertThrows(IllegalArgumentException.class, () -> options(schema).actor("ci\u0000bot"));
        assertThrows(IllegalArgumentException.class,
                () -> PostgresTracking.open(TestDatabase.url(), "postgres", "postgres", 1, options(schema)));
    }

    @Test
    void storingContentAgainRepairsADamagedBody() throws Exception {
        String schema = TestDatabase.freshSchema();
        try (Tracker tracker = PostgresTracking.open(TestDatabase.dataSource(), options(schema))) {
            byte[] content = new byte[3 << 20]; // three chunks
            new java.util.Random(3).nextBytes(content);
            String id;
            try (Run run = tracker.experiment("heal").start()) {
                id = run.id();
                run.logArtifact("first.bin", content);
            }
            String sha = tracker.run(id).artifact("first.bin").orElseThrow().sha256();
            try (java.sql.Connection c = TestDatabase.dataSource().getConnection();
                    java.sql.Statement s = c.createStatement()) {
                s.execute("update \"" + schema + "\".blob_chunks set bytes = overlay(bytes placing '\\xff'::bytea"
                        + " from 10 for 1) where sha256 = '" + sha + "' and chunk = 1");
            }
            assertThrows(StoreException.class, () -> tracker.artifact(id, "first.bin"), "damage is reported");
            try (Run run = tracker.experiment("heal").start()) {
                run.logArtifact("again.bin", content); // the same content, logged again
                assertArrayEquals(content, tracker.artifact(run.id(), "again.bin"));
            }
            assertArrayEquals(content, tracker.artifact(id, "first.bin"), "the first artifact reads again too");
        }
    }
}
