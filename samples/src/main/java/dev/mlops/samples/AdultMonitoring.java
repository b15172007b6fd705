package dev.mlops.samples;

import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.pipeline.DataSource;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.pipeline.Gates;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineResult;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.ConsoleProgress;
import dev.mlops.reports.MonitoringReports;
import dev.mlops.serving.Deployment;
import dev.mlops.serving.RetrainingOutcome;
import dev.mlops.serving.RetrainingPolicy;
import dev.mlops.serving.ReviewedRows;
import dev.mlops.serving.monitor.Alarm;
import dev.mlops.serving.monitor.MonitorListener;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.serving.monitor.WindowReport;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The loop after deployment, told as a story on Adult: a champion serves adult.test with live
 * monitoring; halfway, an upstream change starts sending capital gains in cents (a hundred times the
 * value); the monitor names the drifted input within two windows, the labels that arrive later show
 * the accuracy falling while the estimate from confidence stays put (the model is as sure as ever,
 * wrongly), unsure answers go to a review queue, the alarm starts a retraining on data in the new
 * units, and the candidate, better on the same holdout, is registered, named champion and swapped in
 * under load. Run it with
 * {@code mvn -B -q -pl samples -am compile exec:java -Dsample.main=dev.mlops.samples.AdultMonitoring}.
 */
public final class AdultMonitoring {

    private static final String TARGET = AdultTraining.TARGET;
    private static final int WINDOW = 2_000;

    private AdultMonitoring() {
    }

    /** {@code frame} with capital gains sent in cents, as after the upstream change. */
    static Frame inCents(Frame frame) {
        double[] gain = frame.numeric("capital-gain").toArray();
        for (int i = 0; i < gain.length; i++) {
            gain[i] *= 100;
        }
        return frame.withColumn(NumericColumn.of("capital-gain", gain));
    }

    public static void main(String[] args) throws Exception {
        ConsoleProgress.quietBackends();
        Path store = Files.createTempDirectory("mlops-monitoring");
        try (Tracker tracker = Tracking.local(store, LocalOptions.defaults().workingDirectory(null))) {
            story(tracker, System.out, Datasets.storeRoot().resolve("reports").resolve("adult-monitoring.html"));
        }
    }

    /**
     * The story, printed to {@code out}, its monitoring snapshot written to {@code report}; returns
     * what the loop decided, for tests.
     */
    static List<RetrainingOutcome> story(Tracker tracker, java.io.PrintStream out, Path report) throws Exception {
        Frame adult = Datasets.adultTrain().frame();
        Frame test = Datasets.adultTestWithTrainingLabels();
        Pipeline pipeline = Pipeline.from("adult.data", adult).target(TARGET)
                .prepare(AdultTraining.preparation(Algorithms.tribuo().xgboost()))
                .split(Split.holdout(0.8).stratifiedBy(TARGET).seed(7))
                .train(Algorithms.tribuo().xgboost().trees(150))
                .gate(Gates.atLeast("accuracy", 0.85));
        PipelineResult champion = pipeline.register(tracker.registry(), "adult", "champion").run();
        out.printf(Locale.ROOT, "1. Champion: adult/%d, accuracy %.4f on its held-out fifth of adult.data; the bundle"
                + " carries its training distributions and its calibration there%n", champion.registered()
                .orElseThrow().version(), champion.metrics().get("accuracy"));

        ReviewQueue review = tracker.reviewQueue("adult-review", 10_000);
        List<WindowReport> windows = new ArrayList<>();
        List<RetrainingPolicy> policy = new ArrayList<>(1);
        MonitorListener hear = new MonitorListener() {
            @Override
            public void window(WindowReport report) {
                windows.add(report);
            }

            @Override
            public void raised(Alarm alarm) {
                out.println("   ALARM " + alarm.kind() + " " + alarm.subject() + " (window " + alarm.window() + "): "
                        + alarm.message());
                if (!policy.isEmpty()) {
                    policy.get(0).raised(alarm);
                }
            }
        };
        Frame holdoutAfterChange = inCents(Split.holdout(0.8).stratifiedBy(TARGET).seed(11).apply(adult).test());
        try (Deployment deployment = Deployment.of(tracker.registry(), "adult@champion").name("adult-live")
                .pollEvery(null)
                .monitoring(MonitorSettings.defaults().labels(100_000, java.time.Duration.ofDays(7)).countWindows(WINDOW).executor(Runnable::run).listener(hear)
                        .recordTo(tracker))
                .review(review, 0.6).start();
                RetrainingPolicy retraining = RetrainingPolicy.of(deployment, tracker.registry(),
                        pipeline.source(DataSource.of("adult.data in cents", inCents(adult))).asRetraining())
                        .data(() -> inCents(adult)).holdout(holdoutAfterChange)
                        .gate(Gates.beatsChampion("accuracy", 0.005)).onAlarms(Alarm.Kind.FEATURE_DRIFT)
                        .track(tracker).start()) {
            policy.add(retraining);
            int half = test.rowCount() / 2;
            Frame before = test.take(IntStream.range(0, half).toArray());
            Frame after = inCents(test.take(IntStream.range(half, test.rowCount()).toArray()));
            out.printf(Locale.ROOT, "2. Serving adult.test, monitored in windows of %,d: the first %,d rows as they"
                    + " are%n", WINDOW, half);
            java.util.Map<String, String> truth = new java.util.HashMap<>();
            serve(deployment, before, out, windows, truth);
            out.printf(Locale.ROOT, "3. An upstream change: capital-gain now arrives in cents, for the other %,d rows%n",
                    after.rowCount());
            serve(deployment, after, out, windows, truth);
            // the alarm started the retraining on the policy's own thread: wait for its outcome (at most 2 min)
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (retraining.history().stream().allMatch(o -> o.decision() == RetrainingOutcome.Decision.BUSY)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            out.println("4. Reviews: " + review.pendingCount() + " unsure answers (confidence below 0.6) wait for a"
                    + " person");
            List<ReviewItem> waiting = review.pending(50);
            for (ReviewItem item : waiting) {
                deployment.review(item.id(), truth.get(item.id()), "checked the tax record", "ana");
            }
            out.printf(Locale.ROOT, "   a reviewer labelled %d of them; as training rows: %s%n", waiting.size(),
                    ReviewedRows.frame(review.reviewed(), deployment.signature()).rowCount() + " rows");
            for (RetrainingOutcome outcome : retraining.history()) {
                if (outcome.decision() == RetrainingOutcome.Decision.BUSY) {
                    continue; // another alarm while the retraining ran
                }
                out.printf(Locale.ROOT, "5. Retraining (%s): %s%n   challenger accuracy %.4f, champion %.4f on the same"
                        + " holdout in cents%n", outcome.trigger(), outcome, outcome.challenger().getOrDefault("accuracy",
                                Double.NaN), outcome.champion().getOrDefault("accuracy", Double.NaN));
            }
            out.printf(Locale.ROOT, "6. The deployment serves adult/%d; rows in cents answered by it now: %s%n",
                    deployment.version(), accuracy(deployment, after));
            List<Alarm> standing = deployment.monitors().stream().flatMap(m -> m.standing().stream()).toList();
            MonitoringReports.snapshot("adult-live: capital gains arrive in cents", deployment.stats(), windows,
                    standing).write(report);
            out.println("7. The monitoring snapshot, every window of both versions: " + report);
            return retraining.history().stream().filter(o -> o.decision() != RetrainingOutcome.Decision.BUSY)
                    .toList();
        }
    }

    /** Streams {@code rows} in batches, labels each batch later, and prints each window as it closes. */
    private static void serve(Deployment deployment, Frame rows, java.io.PrintStream out, List<WindowReport> windows,
            java.util.Map<String, String> truth) {
        int printed = windows.size();
        for (int from = 0; from < rows.rowCount(); from += 500) {
            int to = Math.min(rows.rowCount(), from + 500);
            Frame batch = rows.take(IntStream.range(from, to).toArray());
            List<Prediction> answers = deployment.predict(batch.drop(TARGET));
            for (int i = 0; i < answers.size(); i++) { // the truth arrives later
                String actual = batch.categorical(TARGET).value(i);
                deployment.label(answers.get(i).origin().orElseThrow().id(), actual);
                truth.put(answers.get(i).origin().orElseThrow().id().toString(), actual); // what a reviewer would find
            }
            while (printed < windows.size()) {
                WindowReport w = windows.get(printed++);
                out.printf(Locale.ROOT, "   window %d (adult/%d): inputs drifted %d of %d; estimated accuracy %.4f,"
                        + " measured %.4f on %d labels%n", w.index(), w.source().version(),
                        w.inputDrift().map(d -> d.drifted().size()).orElse(0),
                        w.inputDrift().map(d -> d.columns().size()).orElse(0),
                        w.performance().map(p -> p.accuracy()).orElse(Double.NaN),
                        w.measurement().map(m -> m.accuracy()).orElse(Double.NaN),
                        w.measurement().map(m -> m.labels()).orElse(0L));
            }
        }
    }


    private static String accuracy(Deployment deployment, Frame rows) {
        List<Prediction> answers = deployment.predict(rows.drop(TARGET));
        long right = IntStream.range(0, answers.size()).filter(i -> ((Prediction.Classification) answers.get(i))
                .label().equals(rows.categorical(TARGET).value(i))).count();
        return String.format(Locale.ROOT, "accuracy %.4f on %,d rows", right / (double) answers.size(),
                answers.size());
    }
}
