package dev.mlops.tracking.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four JVMs of sixteen threads each log metric points to shared runs and register versions of one
 * model at once, against one PostgreSQL: nothing lost, nothing duplicated, versions exactly 1..N,
 * and no serialization failure or deadlock reaches a caller (any exception fails its process). The
 * retries the store made on their behalf are printed.
 */
class PostgresConcurrencyTest {

    private static final int PROCESSES = 4;
    private static final int THREADS = 16;
    private static final int RUNS = 3;
    private static final int POINTS = 200;
    private static final int VERSIONS = 3;

    @TempDir
    Path dir;

    @Test
    void fourProcessesOfSixteenThreadsShareRunsAndAModel() throws Exception {
        String schema = TestDatabase.freshSchema();
        PostgresOptions options = PostgresOptions.defaults().schema(schema).workingDirectory(null);
        List<String> runIds = new ArrayList<>();
        try (Tracker tracker = PostgresTracking.open(TestDatabase.dataSource(), options)) {
            for (int r = 0; r < RUNS; r++) {
                runIds.add(tracker.experiment("shared").start("many-writers-" + r).id());
            }
        }
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            children.add(Workers.start(dir.resolve("p" + p + ".out"), "concurrent", TestDatabase.url(), schema,
                    String.join(",", runIds), "p" + p, Integer.toString(THREADS), Integer.toString(POINTS),
                    Integer.toString(VERSIONS)));
        }
        long retries = 0;
        for (int p = 0; p < PROCESSES; p++) {
            assertTrue(children.get(p).waitFor(240, TimeUnit.SECONDS), "writer p" + p + " did not finish");
            String out = Files.readString(dir.resolve("p" + p + ".out"));
            assertEquals(0, children.get(p).exitValue(), out);
            retries += Long.parseLong(out.lines().filter(l -> l.startsWith("retries=")).findFirst()
                    .orElseThrow(() -> new AssertionError(out)).substring("retries=".length()));
        }
        System.out.println("PostgresConcurrencyTest: " + PROCESSES + " JVMs x " + THREADS + " threads, " + retries
                + " transactions retried by the store (serialization failures and deadlocks), none surfaced");
        try (Tracker tracker = PostgresTracking.open(TestDatabase.dataSource(), options)) {
            for (int p = 0; p < PROCESSES; p++) {
                for (int t = 0; t < THREADS; t++) {
                    String run = runIds.get(t % RUNS);
                    List<MetricPoint> points = tracker.metricHistory(run, "p" + p + "-" + t);
                    assertEquals(IntStream.range(0, POINTS).boxed().toList(),
                            points.stream().map(point -> (int) point.step()).toList(),
                            "thread p" + p + "-" + t + " lost, duplicated or reordered points");
                    assertEquals(POINTS, tracker.run(run).metrics().get("p" + p + "-" + t).count());
                }
            }
            List<ModelVersion> versions = tracker.registry().versions("shared", true);
            int expected = PROCESSES * THREADS * VERSIONS;
            assertEquals(IntStream.rangeClosed(1, expected).boxed().toList(),
                    versions.stream().map(ModelVersion::version).toList());
            Set<String> writers = new HashSet<>();
            for (ModelVersion version : versions) {
                assertTrue(writers.add(version.tags().get("writer")), "one registration became two versions");
            }
            assertEquals(expected, tracker.registry().audit("shared").stream()
                    .filter(entry -> entry.action().equals("register")).count());
        }
    }
}
