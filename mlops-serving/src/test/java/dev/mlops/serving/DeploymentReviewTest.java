package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.serving.monitor.WindowReport;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers given with little confidence go to a durable review queue; reviews feed accuracy and training data. */
class DeploymentReviewTest {

    @TempDir
    Path dir;

    @Test
    void lowConfidenceAnswersAreQueuedReviewedMeasuredAndBecomeTrainingRows() throws Exception {
        try (Tracker tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null))) {
            tracker.registry().register("toy", ModelSource.of(Toy.bundle().withHeldOut(Toy.frame(300, 40)).toBytes()));
            tracker.registry().setAlias("toy", "champion", 1);
            ReviewQueue queue = tracker.reviewQueue("toy-review", 1_000);
            double threshold = 0.8;
            List<Prediction> unsure = new ArrayList<>();
            Frame requests = Toy.frame(300, 41).drop("y");
            try (Deployment deployment = Deployment.of(tracker.registry(), "toy@champion").pollEvery(null)
                    .monitoring(MonitorSettings.defaults().labels(100_000, java.time.Duration.ofDays(7)).executor(Runnable::run).countWindows(100_000))
                    .review(queue, threshold).start()) {
                for (int i = 0; i < requests.rowCount(); i++) {
                    Prediction answer = deployment.predict(requests.row(i));
                    if (answer.confidence() < threshold) {
                        unsure.add(answer);
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (queue.pendingCount() < unsure.size() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(unsure.size(), queue.pendingCount(), "every unsure answer, and only those, queued");
                assertTrue(unsure.size() > 20 && unsure.size() < 300, "unsure answers: " + unsure.size());
                List<ReviewItem> waiting = queue.pending(1_000);
                assertEquals(unsure.get(0).origin().orElseThrow().id().toString(), waiting.get(0).id());
                assertEquals(((Prediction.Classification) unsure.get(0)).label(), waiting.get(0).prediction());
                // the reviewer agrees with the model on the first half, disagrees on the rest
                for (int i = 0; i < waiting.size(); i++) {
                    String said = (String) waiting.get(i).prediction();
                    deployment.review(waiting.get(i).id(), i < waiting.size() / 2 ? said
                            : said.equals("hi") ? "lo" : "hi", "looked at it", "ana");
                }
                assertThrows(dev.mlops.api.tracking.ConflictException.class,
                        () -> deployment.review(waiting.get(0).id(), "hi", "", "bob"));
                deployment.monitors().get(0).closeWindow();
                List<WindowReport> reports = deployment.monitors().get(0).reports();
                var measured = reports.get(reports.size() - 1).measurement().orElseThrow();
                assertEquals(waiting.size(), measured.labels());
                assertEquals((waiting.size() / 2) / (double) waiting.size(), measured.accuracy(), 1e-12);
            }
            Frame labelled = ReviewedRows.frame(queue.reviewed(), Toy.bundle().signature());
            assertEquals(queue.reviewed().size(), labelled.rowCount());
            assertEquals(queue.reviewed().get(0).label(), labelled.categorical("y").value(0));
            assertEquals(queue.reviewed().get(0).item().features().get("z"), labelled.numeric("z").value(0));
            DatasetVersion version = tracker.datasets().log("toy-reviewed", labelled);
            assertEquals(labelled, tracker.datasets().load(version));
        }
    }
}
