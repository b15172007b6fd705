package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole store under {@code kill -9}: a child JVM logs metrics to a run, rewrites the run's
 * metadata and registers model versions continuously, acknowledging each operation after it
 * returns; the test kills it at random moments, many times. After each kill the store opens, every
 * acknowledged write is present, nothing is duplicated, version numbers run 1..N without gaps,
 * replaying the audit log gives exactly the stored registry (registrations, reviews, alias moves,
 * tags and deletions, whatever the kill interrupted), dataset versions are gapless and readable,
 * and every JSON file parses. The regular suite runs {@value #DEFAULT_KILLS} kills; the stress setting:
 * {@code mvn -B -q -pl mlops-tracking -am test -Dtest=StoreCrashTest -Dsurefire.failIfNoSpecifiedTests=false -Dmlops.store.kills=500}.
 */
class StoreCrashTest {

    static final int DEFAULT_KILLS = 24;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedOperationSurvivesKillNine() throws Exception {
        int kills = Integer.getInteger("mlops.store.kills", DEFAULT_KILLS);
        SplittableRandom random = new SplittableRandom(Long.getLong("mlops.crash.seed", 11));
        Path root = dir.resolve("store");
        String runId;
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            Run run = tracker.experiment("crash").start("target");
            runId = run.id();
        }
        long acknowledged = 0;
        for (int kill = 0; kill < kills; kill++) {
            Process child = new ProcessBuilder(FileStoreTest.childJava(StoreWorker.class.getName(), "crash",
                    root.toString(), runId, Long.toString(kill * 1_000_000L)))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
            long target = acknowledged + 1 + random.nextInt(60);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines() < target && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(0, 100_000);
            }
            assertTrue(child.isAlive(), () -> "the writer stopped on its own: " + read(dir.resolve("child.out")));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            acknowledged = verify(root, runId, kill);
        }
    }

    private long verify(Path root, String runId, int kill) throws IOException {
        List<String> acks = Files.readAllLines(dir.resolve("acknowledged"), StandardCharsets.US_ASCII);
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            List<MetricPoint> points = tracker.metricHistory(runId, "m");
            Set<Long> steps = new HashSet<>();
            for (MetricPoint point : points) {
                assertTrue(steps.add(point.step()), "kill " + kill + ": step " + point.step() + " is duplicated");
                assertEquals((double) point.step(), point.value());
            }
            long lastTag = -1;
            for (String ack : acks) {
                String[] parts = ack.split(" ");
                if (parts[0].equals("M")) {
                    long upTo = Long.parseLong(parts[1]);
                    for (long step = upTo - 9; step <= upTo; step++) {
                        assertTrue(steps.contains(step), "kill " + kill + ": acknowledged step " + step + " is lost");
                    }
                } else if (parts[0].equals("T")) {
                    lastTag = Math.max(lastTag, Long.parseLong(parts[1]));
                }
            }
            var info = tracker.run(runId);
            if (lastTag >= 0) {
                assertTrue(Long.parseLong(info.tags().get("last")) >= lastTag, "kill " + kill + ": tag is older than"
                        + " its last acknowledged value");
            }
            assertEquals(RunStatus.RUNNING, info.status(), "attached writers do not end the run");
            AuditReplay.assertConsistent(tracker.registry(), "crashy", "kill " + kill);
            List<AuditEntry> audit = tracker.registry().audit("crashy");
            List<Integer> registered = audit.stream().filter(e -> e.action().equals("register"))
                    .map(AuditEntry::version).toList();
            assertEquals(IntStream.rangeClosed(1, registered.size()).boxed().toList(), registered,
                    "kill " + kill + ": version numbers have gaps or repeats");
            Set<Integer> deleted = new HashSet<>(audit.stream().filter(e -> e.action().equals("delete"))
                    .map(AuditEntry::version).toList());
            List<Integer> stored = tracker.registry().versions("crashy", true).stream().map(ModelVersion::version)
                    .toList();
            assertEquals(registered.stream().filter(v -> !deleted.contains(v)).toList(), stored,
                    "kill " + kill + ": stored versions are not the registered minus the deleted");
            for (String ack : acks) {
                String[] parts = ack.split(" ");
                int number = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                switch (parts[0]) {
                    case "R" -> {
                        assertTrue(registered.contains(number), "kill " + kill + ": version " + number + " not audited");
                        if (!deleted.contains(number)) {
                            assertEquals(parts[2], tracker.registry().version("crashy/" + number).tags().get("step"),
                                    "kill " + kill + ": version " + number);
                        }
                    }
                    case "X" -> assertTrue(deleted.contains(number), "kill " + kill + ": deletion of " + number
                            + " acknowledged but not audited");
                    case "A" -> assertTrue(audit.stream().anyMatch(e -> e.action().equals("set-alias")
                            && e.version() == number), "kill " + kill + ": alias move to " + number + " not audited");
                    case "D" -> assertEquals(Long.parseLong(parts[2]), tracker.datasets().load(
                            tracker.datasets().version("steps/" + number)).numeric("step").get(0).longValue(),
                            "kill " + kill + ": dataset version " + number);
                    default -> { }
                }
            }
            List<Integer> datasetVersions = tracker.datasets().versions("steps").stream().map(v -> v.version())
                    .toList();
            assertEquals(IntStream.rangeClosed(1, datasetVersions.size()).boxed().toList(), datasetVersions,
                    "kill " + kill + ": dataset versions have gaps");
        }
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                json.readTree(file.toFile()); // throws if any JSON file is torn
            }
        }
        return acks.size();
    }

    private long lines() throws IOException {
        return lines(dir.resolve("acknowledged"));
    }

    /** The lines of an acknowledgement file, 0 before it exists. */
    static long lines(Path acks) throws IOException {
        if (!Files.exists(acks)) {
            return 0;
        }
        long count = 0;
        for (byte b : Files.readAllBytes(acks)) {
            count += b == '\n' ? 1 : 0;
        }
        return count;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
