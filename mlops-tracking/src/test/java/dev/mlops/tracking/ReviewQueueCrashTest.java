package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.ReviewedItem;
import dev.mlops.api.tracking.Tracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review queue under {@code kill -9}: a child JVM queues items and reviews them, writing a line
 * for each call once it has returned; the test kills it at random moments. After each kill the queue
 * opens with every acknowledged item (waiting or reviewed) and every acknowledged label, each once.
 */
class ReviewQueueCrashTest {

    private static final int KILLS = 12;

    @TempDir
    Path dir;

    /** The child: queue items, and review every other one, until killed. */
    public static final class Worker {
        public static void main(String[] args) throws Exception {
            Path root = Path.of(args[0]);
            Path acks = Path.of(args[1]);
            int kill = Integer.parseInt(args[2]);
            try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
                ReviewQueue queue = tracker.reviewQueue("crashy", 1_000_000);
                for (int i = 0; ; i++) {
                    String id = "k" + kill + "-" + i;
                    if (queue.offer(new ReviewItem(id, "live", "income", 1, Map.of("age", i, "city", "lima"),
                            ">50K", 0.51, Instant.now()))) {
                        acknowledge(acks, "Q " + id);
                    }
                    if (i % 2 == 1) {
                        String earlier = "k" + kill + "-" + (i - 1);
                        String label = i % 4 == 1 ? "<=50K" : ">50K";
                        queue.review(earlier, label, "checked", "worker");
                        acknowledge(acks, "R " + earlier + " " + label);
                    }
                }
            }
        }

        private static void acknowledge(Path acks, String line) throws Exception {
            Files.write(acks, (line + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    @Test
    void everyAcknowledgedItemAndLabelSurvivesKillNine() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        Path root = dir.resolve("store");
        Path acks = dir.resolve("acknowledged");
        long acknowledged = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(FileStoreTest.childJava(Worker.class.getName(), root.toString(),
                    acks.toString(), Integer.toString(kill)))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
            long target = acknowledged + 1 + random.nextInt(40);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (StoreCrashTest.lines(acks) < target && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(0, 200_000);
            }
            assertTrue(child.isAlive(), () -> "the worker stopped on its own: " + StoreCrashTest.read(dir.resolve("child.out")));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            acknowledged = verify(root, acks, kill);
        }
    }

    private static long verify(Path root, Path acks, int kill) throws Exception {
        List<String> lines = Files.exists(acks) ? Files.readAllLines(acks) : List.of();
        try (Tracker tracker = Tracking.local(root, LocalOptions.defaults().workingDirectory(null))) {
            ReviewQueue queue = tracker.reviewQueue("crashy", 1_000_000);
            List<ReviewItem> waiting = queue.pending(Integer.MAX_VALUE);
            List<ReviewedItem> reviewed = queue.reviewed();
            Set<String> ids = new HashSet<>();
            waiting.forEach(i -> assertTrue(ids.add(i.id()), "kill " + kill + ": " + i.id() + " twice"));
            Map<String, Object> labels = new HashMap<>();
            reviewed.forEach(r -> {
                assertTrue(ids.add(r.item().id()), "kill " + kill + ": " + r.item().id() + " twice");
                labels.put(r.item().id(), r.label());
            });
            for (String line : lines) {
                String[] parts = line.split(" ");
                if (parts[0].equals("Q")) {
                    assertTrue(ids.contains(parts[1]), "kill " + kill + ": acknowledged item " + parts[1] + " lost");
                } else if (parts[0].equals("R")) {
                    assertEquals(parts[2], labels.get(parts[1]), "kill " + kill + ": acknowledged label of " + parts[1]);
                }
            }
            // a new writer is not blocked by what the killed one left
            assertTrue(queue.offer(new ReviewItem("after-" + kill, "live", "income", 1, Map.of(), ">50K", 0.5,
                    Instant.now())));
        }
        return lines.size();
    }
}
