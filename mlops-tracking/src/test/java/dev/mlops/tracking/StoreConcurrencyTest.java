package dev.mlops.tracking;

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
 * Four JVMs with sixteen threads each log to one run and register versions of one model at once:
 * no metric point is lost or duplicated, and the versions are exactly 1..N.
 */
class StoreConcurrencyTest {

    private static final int PROCESSES = 4;
    private static final int THREADS = 16;
    private static final int POINTS = 300;
    private static final int VERSIONS = 3;

    @TempDir
    Path dir;

    @Test
    void fourProcessesOfSixteenThreadsShareARunAndAModel() throws Exception {
        Path root = dir.resolve("store");
        String runId;
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            runId = tracker.experiment("shared").start("many-writers").id();
        }
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            children.add(new ProcessBuilder(FileStoreTest.javaBin(), "-cp", System.getProperty("java.class.path"),
                    StoreWorker.class.getName(), "concurrent", root.toString(), runId, "p" + p,
                    Integer.toString(THREADS), Integer.toString(POINTS), Integer.toString(VERSIONS))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("p" + p + ".out").toFile()).start());
        }
        for (int p = 0; p < PROCESSES; p++) {
            assertTrue(children.get(p).waitFor(180, TimeUnit.SECONDS), "writer p" + p + " did not finish");
            int process = p;
            assertEquals(0, children.get(p).exitValue(), () -> read(dir.resolve("p" + process + ".out")));
        }
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            for (int p = 0; p < PROCESSES; p++) {
                for (int t = 0; t < THREADS; t++) {
                    List<MetricPoint> points = tracker.metricHistory(runId, "p" + p + "-" + t);
                    assertEquals(IntStream.range(0, POINTS).boxed().toList(),
                            points.stream().map(point -> (int) point.step()).toList(),
                            "thread p" + p + "-" + t + " lost, duplicated or reordered points");
                }
            }
            assertEquals(PROCESSES * THREADS, tracker.run(runId).metrics().size());
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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
