package dev.mlops.tracking.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client JVMs writing to one store (metric points, tags, model versions, dataset versions,
 * review items) are killed with SIGKILL at random moments, {@value #DEFAULT_KILLS} times, four at a
 * time. Every write a client saw acknowledged is there afterwards, nothing is half written (metric
 * summaries agree with the points, every version, dataset and body reads back verified, the audit
 * log has one entry per version), and the next writer is never blocked by a killed client's locks.
 * More kills: {@code -Dmlops.postgres.kills=500}.
 */
class PostgresCrashTest {

    static final int DEFAULT_KILLS = 100;
    private static final int AT_ONCE = 4;

    @TempDir
    Path dir;

    @Test
    void killedClientsLoseNoAcknowledgedWriteAndBlockNoOne() throws Exception {
        int kills = Integer.getInteger("mlops.postgres.kills", DEFAULT_KILLS);
        String schema = TestDatabase.freshSchema();
        PostgresOptions options = PostgresOptions.defaults().schema(schema).workingDirectory(null);
        Random random = new Random(17);
        try (Tracker tracker = PostgresTracking.open(TestDatabase.dataSource(), options)) {
            String runId = tracker.experiment("crash").start("killed-writers").id();
            tracker.reviewQueue("crashy", 1_000_000);
            int child = 0;
            while (child < kills) {
                List<Process> processes = new ArrayList<>();
                List<Path> acks = new ArrayList<>();
                for (int i = 0; i < AT_ONCE && child < kills; i++, child++) {
                    Path ack = dir.resolve("acks-" + child);
                    acks.add(ack);
                    processes.add(Workers.start(dir.resolve("out-" + child), "crash", TestDatabase.url(), schema,
                            runId, ack.toString(), Long.toString(child * 1_000_000L)));
                }
                for (int i = 0; i < processes.size(); i++) {
                    waitForFirstAck(acks.get(i), processes.get(i));
                }
                Thread.sleep(random.nextInt(250)); // then die in the middle of whatever they are writing
                for (Process process : processes) {
                    process.destroyForcibly();
                    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
                }
                nextWriterIsNotBlocked(tracker, runId, child);
            }
            verify(tracker, runId, kills);
        }
    }

    private void waitForFirstAck(Path ack, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(ack) && Files.size(ack) > 0)) {
            assertTrue(process.isAlive(), () -> "a writer died on its own: " + read(ack.resolveSibling("out-"
                    + ack.getFileName().toString().substring("acks-".length()))));
            assertTrue(System.nanoTime() < deadline, "a writer acknowledged nothing within 60 s");
            Thread.sleep(20);
        }
    }

    /** A write to the same run, model and queue right after the kills finishes promptly. */
    private static void nextWriterIsNotBlocked(Tracker tracker, String runId, int round) throws Exception {
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
            try (Run run = tracker.attach(runId)) {
                run.logMetric("survivor", round, round);
                run.tag("survivor", Integer.toString(round));
            }
            tracker.registry().createModel("crashy", "", Map.of("survivor", Integer.toString(round)));
            tracker.datasets().versions("steps");
        });
        write.get(20, TimeUnit.SECONDS); // a lock left by a killed client would hold it until the server noticed
    }

    private void verify(Tracker tracker, String runId, int kills) throws Exception {
        Set<Long> metricSteps = new HashSet<>();
        Map<Integer, Long> lastTags = new HashMap<>();
        Map<Integer, Long> versions = new HashMap<>();
        Map<Integer, Long> datasets = new HashMap<>();
        Set<String> queued = new HashSet<>();
        for (int child = 0; child < kills; child++) {
            Path ack = dir.resolve("acks-" + child);
            int client = child;
            for (String line : Files.readAllLines(ack)) {
                String[] part = line.split(" ");
                switch (part[0]) {
                    case "M" -> metricSteps.add(Long.parseLong(part[1]));
                    case "T" -> lastTags.merge(client, Long.parseLong(part[1]), Math::max);
                    case "R" -> versions.put(Integer.parseInt(part[1]), Long.parseLong(part[2]));
                    case "D" -> datasets.put(Integer.parseInt(part[1]), Long.parseLong(part[2]));
                    case "Q" -> queued.add(part[1]);
                    default -> throw new AssertionError("unknown acknowledgement " + line);
                }
            }
        }
        List<MetricPoint> points = tracker.metricHistory(runId, "m");
        Set<Long> stored = new HashSet<>();
        for (MetricPoint point : points) {
            assertTrue(stored.add(point.step()), "point " + point.step() + " was written twice");
            assertEquals((double) point.step(), point.value());
        }
        for (long step : metricSteps) {
            assertTrue(stored.contains(step), "acknowledged metric point " + step + " is missing");
        }
        assertEquals(points.size(), tracker.run(runId).metrics().get("m").count(), "summary and points disagree");
        Map<String, String> tags = tracker.run(runId).tags();
        lastTags.forEach((client, step) -> assertTrue(Long.parseLong(tags.getOrDefault("last-" + client, "-1")) >= step,
                "client " + client + "'s acknowledged tag " + step + " is missing"));
        List<ModelVersion> all = tracker.registry().versions("crashy", true);
        for (ModelVersion version : all) {
            assertArrayEquals(version.tags().get("step").getBytes(StandardCharsets.UTF_8),
                    tracker.registry().artifact(version), "version " + version.version() + " is half written");
        }
        versions.forEach((number, step) -> assertEquals(Long.toString(step),
                tracker.registry().version("crashy/" + number).tags().get("step"), "acknowledged version " + number));
        assertEquals(all.size(), tracker.registry().audit("crashy").stream()
                .filter(entry -> entry.action().equals("register")).count(), "audit and versions disagree");
        List<Integer> numbers = all.stream().map(ModelVersion::version).toList();
        assertEquals(java.util.stream.IntStream.rangeClosed(1, numbers.size()).boxed().toList(), numbers,
                "version numbers have a gap or a duplicate");
        for (DatasetVersion version : tracker.datasets().versions("steps")) {
            tracker.datasets().load(version); // checks the content against its fingerprint
        }
        datasets.forEach((number, step) -> assertEquals(step, ((Number) tracker.datasets().load(tracker.datasets()
                .version("steps/" + number)).column("step").get(0)).longValue(), "acknowledged dataset version "
                + number));
        Set<String> pending = new HashSet<>();
        for (ReviewItem item : tracker.reviewQueue("crashy", 1_000_000).pending(1_000_000)) {
            assertTrue(pending.add(item.id()), "item " + item.id() + " was queued twice");
        }
        assertTrue(pending.containsAll(queued), "an acknowledged review item is missing");
        System.out.println("PostgresCrashTest: " + kills + " clients killed; " + metricSteps.size()
                + " acknowledged flushes, " + versions.size() + " versions, " + datasets.size() + " datasets, "
                + queued.size() + " review items, all present");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
