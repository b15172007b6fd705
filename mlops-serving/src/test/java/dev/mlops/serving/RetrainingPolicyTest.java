package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Gates;
import dev.mlops.core.pipeline.Retraining;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Impute;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.prep.Unseen;
import dev.mlops.core.train.Algorithms;
import dev.mlops.serving.RetrainingOutcome.Decision;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Continuous training: a better candidate is promoted and served, a worse one is not, and the policy is safe. */
class RetrainingPolicyTest {

    @TempDir
    Path dir;
    private Tracker tracker;
    private ModelRegistry registry;
    private final MovableClock clock = new MovableClock();
    private static final Frame HOLDOUT = Toy.frame(600, 70);

    /** The toy frame with its labels shuffled: a model trained on it has learnt nothing. */
    static Frame shuffledLabels(Frame frame, long seed) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < frame.rowCount(); i++) {
            labels.add(frame.categorical("y").value(i));
        }
        Collections.shuffle(labels, new Random(seed));
        return frame.withColumn(CategoricalColumn.of("y", labels.toArray(String[]::new)));
    }

    static ModelBundle train(Frame frame) {
        return Training.with(Algorithms.tribuo().logisticRegression().seed(5)).fit(frame, "y",
                Prep.chain(Prep.impute(Impute.MEDIAN, "x"), Prep.standardize(), Prep.oneHot(Unseen.IGNORE)));
    }

    private static final Retraining GOOD = fresh -> train(fresh);
    private static final Retraining NOISE = fresh -> train(shuffledLabels(fresh, 3));

    @BeforeEach
    void open() {
        tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null).clock(clock));
        registry = tracker.registry();
        registry.register("toy", ModelSource.of(train(shuffledLabels(Toy.frame(600, 1), 9)).toBytes()));
        registry.setAlias("toy", "champion", 1);
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    private Deployment deployment() {
        return Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock).start();
    }

    private RetrainingPolicy.Builder policy(Deployment deployment, Retraining step) {
        return RetrainingPolicy.of(deployment, registry, step).data(() -> Toy.frame(1_000, 2)).holdout(HOLDOUT)
                .gate(Gates.beatsChampion("accuracy", 0.02)).clock(clock).track(tracker);
    }

    @Test
    void aBetterCandidateIsRegisteredPromotedAndServedAndTheRunRecordsWhy() {
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = policy(deployment, GOOD).start()) {
            RetrainingOutcome outcome = policy.retrain("by hand");
            assertEquals(Decision.PROMOTED, outcome.decision(), outcome.toString());
            assertEquals(2, outcome.version());
            assertEquals(2, deployment.version(), "the deployment swapped by itself");
            assertEquals(2, registry.version("toy@champion").version());
            assertTrue(outcome.challenger().get("accuracy") > outcome.champion().get("accuracy") + 0.02, outcome
                    .challenger() + " vs " + outcome.champion());
            RunInfo run = tracker.run(outcome.runId());
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals("by hand", run.params().get("trigger"));
            assertEquals("PROMOTED", run.tags().get("decision"));
            assertTrue(run.metrics().containsKey("challenger.accuracy") && run.metrics().containsKey("champion.accuracy"));
            assertEquals(1, run.inputs().size(), "the fresh data as a dataset version");
            assertTrue(registry.audit("toy").stream().anyMatch(e -> e.action().contains("alias")),
                    "the move is in the registry's audit log");
            String why = registry.version("toy/2").tags().get("retraining");
            assertTrue(why.startsWith("trigger: by hand; challenger {") && why.contains("champion (version 1)"), why);
            assertTrue(registry.audit("toy").stream().anyMatch(e -> e.action().contains("tag")), "the reason is audited");
            assertEquals(run.inputs().get(0).dataset().reference(), registry.lineage("toy/2").datasets().get(0)
                    .reference(), "the fresh data is the new version's lineage");
        }
    }

    @Test
    void aWorseCandidateIsRefusedAndTheChampionServesOn() {
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = policy(deployment, NOISE).start()) {
            RetrainingOutcome outcome = policy.retrain("by hand");
            assertEquals(Decision.REFUSED, outcome.decision(), outcome.toString());
            assertTrue(outcome.reason().contains("accuracy >= champion + 0.02"), outcome.reason());
            assertEquals(1, deployment.version());
            assertEquals(1, registry.versions("toy", true).size(), "nothing registered");
        }
    }

    @Test
    void aFailingStepLeavesTheChampionServingAndIsRecorded() {
        Retraining broken = fresh -> {
            throw new IllegalStateException("the feature store is down");
        };
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = policy(deployment, broken).start()) {
            RetrainingOutcome outcome = policy.retrain("by hand");
            assertEquals(Decision.FAILED, outcome.decision());
            assertTrue(outcome.reason().contains("the feature store is down"), outcome.reason());
            assertEquals(1, deployment.version());
            assertEquals(RunStatus.FAILED, tracker.run(outcome.runId()).status());
        }
    }

    @Test
    void neverTwoAtOnceAndNoneWithinTheCooldown() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Retraining slow = fresh -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return train(fresh);
        };
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = policy(deployment, slow).cooldown(Duration.ofMinutes(30)).start()) {
            Future<RetrainingOutcome> first = other.submit(() -> policy.retrain("first"));
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            assertEquals(Decision.BUSY, policy.retrain("second").decision());
            release.countDown();
            assertEquals(Decision.PROMOTED, first.get(60, TimeUnit.SECONDS).decision());
            clock.advance(Duration.ofMinutes(10));
            assertEquals(Decision.COOLING_DOWN, policy.retrain("too soon").decision());
            clock.advance(Duration.ofMinutes(25));
            assertTrue(policy.retrain("later").decision() != Decision.COOLING_DOWN);
            assertEquals(List.of(Decision.BUSY, Decision.PROMOTED, Decision.COOLING_DOWN),
                    policy.history().stream().limit(3).map(RetrainingOutcome::decision).toList());
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aDriftAlarmOfTheDeploymentStartsARetrainingThatPromotesAndSwaps() throws Exception {
        registry.register("toy", ModelSource.of(train(shuffledLabels(Toy.frame(3_000, 1), 9))
                .withHeldOut(shuffledLabels(Toy.frame(1_000, 5), 9)).toBytes()));
        registry.setAlias("toy", "champion", 2);
        List<RetrainingPolicy> holder = new ArrayList<>(1);
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                .monitoring(MonitorSettings.defaults().countWindows(500).executor(Runnable::run).raiseAfter(1)
                        .listener(new dev.mlops.serving.monitor.MonitorListener() {
                            @Override
                            public void raised(dev.mlops.serving.monitor.Alarm alarm) {
                                holder.get(0).raised(alarm);
                            }
                        })).start();
                RetrainingPolicy policy = policy(deployment, GOOD).start()) {
            holder.add(policy);
            Frame shifted = Toy.frame(500, 30).drop("y");
            double[] z = shifted.numeric("z").toArray();
            for (int i = 0; i < z.length; i++) {
                z[i] += 5;
            }
            deployment.predict(shifted.withColumn(NumericColumn.of("z", z)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (policy.history().stream().noneMatch(o -> o.decision() != Decision.BUSY)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // the window raised several alarms; the first started the retraining, the others found it busy
            RetrainingOutcome outcome = policy.history().stream().filter(o -> o.decision() != Decision.BUSY)
                    .findFirst().orElseThrow();
            assertTrue(outcome.trigger().startsWith("alarm FEATURE_DRIFT on z"), outcome.trigger());
            assertEquals(Decision.PROMOTED, outcome.decision(), outcome.toString());
            assertTrue(policy.history().stream().filter(o -> o.decision() == Decision.BUSY).count() >= 1,
                    "the other alarms of the window do not start retrainings of their own");
            assertEquals(3, deployment.version());
        }
    }
}
