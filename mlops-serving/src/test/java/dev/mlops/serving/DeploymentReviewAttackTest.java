package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.ReviewedItem;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adversarial probes of Deployment.review. */
class DeploymentReviewAttackTest {

    @TempDir
    Path dir;

    private static Deployment deployment(Tracker tracker, ReviewQueue queue) {
        return Deployment.of(tracker.registry(), "toy@champion").pollEvery(null)
                .monitoring(MonitorSettings.defaults().executor(Runnable::run).countWindows(100_000))
                .review(queue, 1.0).start();
    }

    private static Tracker setUp(Path dir) {
        Tracker tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null));
        tracker.registry().register("toy", ModelSource.of(Toy.bundle().withHeldOut(Toy.frame(300, 40)).toBytes()));
        tracker.registry().setAlias("toy", "champion", 1);
        return tracker;
    }

    /** A label the model cannot take is refused; the refusal must not leave it recorded for good. */
    @Test
    void aRefusedLabelIsNotRecordedAsTheReview() throws Exception {
        try (Tracker tracker = setUp(dir)) {
            ReviewQueue queue = tracker.reviewQueue("r", 1_000);
            try (Deployment deployment = deployment(tracker, queue)) {
                deployment.predict(Toy.row(1));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (queue.pendingCount() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                String id = queue.pending(1).get(0).id();
                RuntimeException thrown = null;
                try {
                    deployment.review(id, 3.5, "typo", "ana"); // a classifier's label is text
                } catch (RuntimeException e) {
                    thrown = e;
                }
                List<ReviewedItem> reviewed = queue.reviewed();
                String retry;
                try {
                    deployment.review(id, "hi", "fixed", "ana");
                    retry = "ok";
                } catch (RuntimeException e) {
                    retry = e.getClass().getSimpleName();
                }
                assertTrue(thrown == null || reviewed.isEmpty(), "review(3.5) threw " + thrown
                        + " yet the queue recorded " + reviewed.stream().map(ReviewedItem::label).toList()
                        + " as the review; the corrected retry got: " + retry);
            }
        }
    }

    /** An item whose id is not a prediction id (queued by another producer): review must be all or nothing. */
    @Test
    void reviewingAnItemWhoseIdIsNotAPredictionIdIsAllOrNothing() {
        try (Tracker tracker = setUp(dir)) {
            ReviewQueue queue = tracker.reviewQueue("r", 1_000);
            assertTrue(queue.offer(new ReviewItem("ticket-7", "toy", "toy", 1, Map.of("z", 1.0), "hi", 0.5,
                    Instant.EPOCH)));
            try (Deployment deployment = deployment(tracker, queue)) {
                RuntimeException thrown = null;
                try {
                    deployment.review("ticket-7", "hi", "", "ana");
                } catch (RuntimeException e) {
                    thrown = e;
                }
                assertTrue(thrown == null || queue.reviewed().isEmpty(), "review threw " + thrown
                        + " after recording the review durably: " + queue.reviewed().size());
                assertEquals(0, queue.pendingCount());
            }
        }
    }
}
