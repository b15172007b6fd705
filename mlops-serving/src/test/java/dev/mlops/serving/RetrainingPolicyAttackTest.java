package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.pipeline.Gate;
import dev.mlops.api.pipeline.GateResult;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.ReviewedItem;
import dev.mlops.api.tracking.Run;
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
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adversarial probes of RetrainingPolicy. */
class RetrainingPolicyAttackTest {

    @TempDir
    Path dir;
    private Tracker tracker;
    private ModelRegistry registry;
    private final MovableClock clock = new MovableClock();
    private static final Frame HOLDOUT = Toy.frame(600, 70);

    private static Frame shuffledLabels(Frame frame, long seed) {
        return RetrainingPolicyTest.shuffledLabels(frame, seed);
    }

    private static ModelBundle train(Frame frame) {
        return RetrainingPolicyTest.train(frame);
    }

    private static Frame withW(Frame frame) {
        NumericColumn.Builder w = NumericColumn.builder(Field.numeric("w").required(), frame.rowCount());
        Random random = new Random(11);
        for (int i = 0; i < frame.rowCount(); i++) {
            w.add(random.nextDouble());
        }
        return frame.withColumn(w.build());
    }

    private static final Retraining GOOD = fresh -> train(fresh);

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

    private RetrainingPolicy.Builder policy(Deployment deployment, Retraining step, Tracker into) {
        return RetrainingPolicy.of(deployment, registry, step).data(() -> Toy.frame(1_000, 2)).holdout(HOLDOUT)
                .gate(Gates.beatsChampion("accuracy", 0.02)).clock(clock).track(into);
    }

    private List<RunInfo> retrainingRuns() {
        return tracker.experiment("retraining").runs();
    }

    /** A tracker that delegates, except that the runs it starts throw from {@code failing} (a full disk). */
    private Tracker failing(String failingMethod, boolean experimentStartFails) {
        Tracker real = tracker;
        return (Tracker) Proxy.newProxyInstance(Tracker.class.getClassLoader(), new Class<?>[] {Tracker.class},
                (p, m, a) -> {
                    Object value = invoke(real, m, a);
                    if (m.getName().equals("experiment")) {
                        Experiment exp = (Experiment) value;
                        return Proxy.newProxyInstance(Experiment.class.getClassLoader(),
                                new Class<?>[] {Experiment.class}, (p2, m2, a2) -> {
                                    if (m2.getName().equals("start") && experimentStartFails) {
                                        throw new UncheckedIOException(new java.io.IOException("No space left on device"));
                                    }
                                    Object v2 = invoke(exp, m2, a2);
                                    if (m2.getName().equals("start")) {
                                        Run run = (Run) v2;
                                        return Proxy.newProxyInstance(Run.class.getClassLoader(),
                                                new Class<?>[] {Run.class}, (p3, m3, a3) -> {
                                                    if (m3.getName().equals(failingMethod)) {
                                                        throw new UncheckedIOException(
                                                                new java.io.IOException("No space left on device"));
                                                    }
                                                    return invoke(run, m3, a3);
                                                });
                                    }
                                    return v2;
                                });
                    }
                    return value;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    // 1. the deployment refuses the candidate (a version check): refresh() does not throw, it keeps the champion
    @Test
    void aCandidateTheDeploymentRefusesIsNotReportedPromotedAndTheAliasDoesNotNameIt() {
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                .check(candidate -> {
                    if (candidate.version() > 1) {
                        throw new AssertionError("latency budget exceeded");
                    }
                }).start();
                RetrainingPolicy policy = policy(deployment, GOOD, tracker).start()) {
            RetrainingOutcome outcome = policy.retrain("by hand");
            assertEquals(1, deployment.version(), "the deployment refused version 2");
            assertNotEquals(Decision.PROMOTED, outcome.decision(),
                    "reported PROMOTED though the deployment still serves 1: " + outcome);
            assertEquals(deployment.version(), registry.version("toy@champion").version(),
                    "the alias names a version the deployment refuses to serve");
        }
    }

    // 2. a candidate with other inputs (needs w) than the champion: the deployment refuses it, the policy says PROMOTED
    @Test
    void aCandidateWithOtherInputsIsNotPromoted() {
        Retraining needsW = fresh -> train(withW(fresh));
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = RetrainingPolicy.of(deployment, registry, needsW)
                        .data(() -> Toy.frame(1_000, 2)).holdout(withW(HOLDOUT))
                        .gate(Gates.beatsChampion("accuracy", 0.02)).clock(clock).track(tracker).start()) {
            RetrainingOutcome outcome = policy.retrain("by hand");
            assertNotEquals(Decision.PROMOTED, outcome.decision(), "a candidate the champion's callers cannot call: "
                    + outcome + "; deployment serves " + deployment.version() + "; signature "
                    + registry.version("toy@champion").signature());
            assertEquals(1, registry.version("toy@champion").version());
        }
    }

    // 3. refresh throws (the deployment was closed): FAILED "the champion serves on", yet the alias was moved
    @Test
    void whenRefreshThrowsTheAliasIsPutBack() {
        Deployment deployment = deployment();
        try (RetrainingPolicy policy = policy(deployment, GOOD, tracker).start()) {
            deployment.close();
            RetrainingOutcome outcome = policy.retrain("by hand");
            assertEquals(Decision.FAILED, outcome.decision(), outcome.toString());
            assertEquals(1, registry.version("toy@champion").version(),
                    "FAILED says the champion serves on, but the alias now names the candidate: " + outcome);
        }
    }

    // 4. setAlias refused (alias requires approval): the candidate is registered anyway, the outcome says FAILED, version 0
    @Test
    void anAliasNeedingApprovalLeavesNoOrphanOrTheOutcomeNamesIt() {
        registry.review("toy/1", dev.mlops.api.tracking.ReviewState.APPROVED, "alice", "ok");
        registry.requireApproval("toy", "champion", true);
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = policy(deployment, GOOD, tracker).start()) {
            RetrainingOutcome outcome = policy.retrain("by hand");
            int registered = registry.versions("toy", true).size();
            assertTrue(registered == 1 || outcome.version() == registered,
                    "half a promotion: version " + registered + " registered but unaliased, outcome " + outcome.decision()
                            + " version " + outcome.version() + ": " + outcome.reason());
        }
    }

    // 5. the tracker fails (full disk) after the promotion: reported FAILED though promoted; the run stays RUNNING
    @Test
    void aTrackerFailingAfterThePromotionDoesNotTurnItIntoAFailure() {
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = policy(deployment, GOOD, failing("tag", false)).start()) {
            RetrainingOutcome outcome = policy.retrain("by hand");
            assertEquals(2, deployment.version(), "promoted and swapped");
            assertEquals(2, registry.version("toy@champion").version());
            List<RunInfo> runs = retrainingRuns();
            assertEquals(1, runs.size());
            String status = "run status " + runs.get(0).status();
            assertEquals(Decision.PROMOTED, outcome.decision(), "the deployment serves version 2 but the outcome says: "
                    + outcome + "; " + status);
            assertNotEquals(RunStatus.RUNNING, runs.get(0).status(), "the run is left RUNNING");
        }
    }

    @Test
    void aTrackerFailingInTheFailurePathStillEndsTheRun() {
        Retraining broken = fresh -> {
            throw new IllegalStateException("the feature store is down");
        };
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = policy(deployment, broken, failing("tag", false)).start()) {
            RetrainingOutcome outcome = policy.retrain("by hand");
            assertEquals(Decision.FAILED, outcome.decision());
            assertNotEquals(RunStatus.RUNNING, retrainingRuns().get(0).status(),
                    "run.tag threw in the failure path, so run.fail was never called");
        }
    }

    // 6. the tracker cannot even start the run: the retraining goes on, unrecorded in the tracker
    //    (the registry's audit log still has the registration and the move), and says so in its outcome
    @Test
    void aTrackerThatCannotStartTheRunDoesNotStopTheRetraining() {
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = policy(deployment, GOOD, failing("none", true)).start()) {
            RetrainingOutcome outcome = assertDoesNotThrow(() -> policy.retrain("by hand"));
            assertEquals(Decision.PROMOTED, outcome.decision(), outcome.toString());
            assertEquals(null, outcome.runId(), "no run: the tracker could not start one");
            assertEquals(2, deployment.version());
        }
    }

    // 7. an Error from the step (a backend's native library missing): no outcome, run left RUNNING
    @Test
    void anErrorFromTheStepIsRecorded() {
        Retraining linkage = fresh -> {
            throw new UnsatisfiedLinkError("no xgboost4j in java.library.path");
        };
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = policy(deployment, linkage, tracker).start()) {
            try {
                policy.retrain("by hand");
            } catch (Throwable escaped) {
                // recorded below
            }
            assertEquals(1, policy.history().size(), "no outcome recorded");
            assertNotEquals(RunStatus.RUNNING, retrainingRuns().get(0).status(), "the run is left RUNNING");
        }
    }

    // 8. close() runs the triggers already queued (and retrain() still promotes after close)
    @Test
    void closeDoesNotRunQueuedTriggersAndAClosedPolicyDoesNotPromote() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Retraining slow = fresh -> {
            calls.incrementAndGet();
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return train(fresh);
        };
        Thread[] closer = new Thread[1];
        ExecutorService other = Executors.newSingleThreadExecutor(r -> closer[0] = new Thread(r, "closer"));
        try (Deployment deployment = deployment()) {
            RetrainingPolicy policy = policy(deployment, slow, tracker).cooldown(Duration.ZERO).start();
            policy.trigger("a");
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            policy.trigger("b");
            policy.trigger("c");
            Future<?> closing = other.submit(policy::close);
            // close() has marked the policy closed once it waits for the running retraining to end
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((closer[0] == null || closer[0].getState() != Thread.State.TIMED_WAITING)
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            release.countDown();
            closing.get(120, TimeUnit.SECONDS);
            assertEquals(1, calls.get(), "close() ran the queued triggers too: " + policy.history());
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aClosedPolicyDoesNotRetrain() {
        try (Deployment deployment = deployment()) {
            RetrainingPolicy policy = policy(deployment, GOOD, tracker).start();
            policy.close();
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> policy.retrain("after close"));
            policy.trigger("after close, off the thread"); // does nothing
            assertEquals(1, deployment.version(), "a closed policy promoted");
            assertEquals(List.of(), policy.history());
        }
    }

    // 9. every(...) and afterReviews(...) together: the reviews are never looked at
    @Test
    void withAScheduleReviewedLabelsStillTrigger() throws Exception {
        List<ReviewedItem> reviewed = Collections.synchronizedList(new ArrayList<>());
        ReviewQueue queue = (ReviewQueue) Proxy.newProxyInstance(ReviewQueue.class.getClassLoader(),
                new Class<?>[] {ReviewQueue.class}, (p, m, a) -> {
                    if (m.getName().equals("reviewed")) {
                        return List.copyOf(reviewed);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        Retraining cheap = fresh -> {
            throw new IllegalStateException("no candidate today");
        };
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = policy(deployment, cheap, tracker).cooldown(Duration.ZERO)
                        .every(Duration.ofSeconds(5)).afterReviews(queue, 1).start()) {
            reviewed.add(new ReviewedItem(new dev.mlops.api.tracking.ReviewItem("p", "d", "toy", 1, java.util.Map.of(),
                    "hi", 0.5, java.time.Instant.EPOCH), "lo", "", "ana", java.time.Instant.EPOCH)); // one new label
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline
                    && policy.history().stream().noneMatch(o -> o.trigger().contains("reviewed labels"))) {
                Thread.sleep(500);
            }
            assertTrue(policy.history().stream().anyMatch(o -> o.trigger().contains("reviewed labels")),
                    "after 30 s, only: " + policy.history().stream().map(RetrainingOutcome::trigger).distinct().toList());
        }
    }

    // 10. the reason tag is cut at 500 chars through a surrogate pair: a REFUSED retraining becomes FAILED
    @Test
    void aLongGateReasonIsCutWithoutBreakingTheRun() {
        String reason = "a".repeat(482) + "\uD83D\uDE00" + " and more";
        Gate picky = new Gate() {
            @Override
            public String description() {
                return "g";
            }

            @Override
            public GateResult check(Map<String, Double> candidate, Map<String, Double> champion) {
                return new GateResult("g", false, reason);
            }
        };
        try (Deployment deployment = deployment();
                RetrainingPolicy policy = RetrainingPolicy.of(deployment, registry, GOOD).data(() -> Toy.frame(1_000, 2))
                        .holdout(HOLDOUT).gate(picky).clock(clock).track(tracker).start()) {
            RetrainingOutcome outcome = policy.retrain("by hand");
            assertEquals(Decision.REFUSED, outcome.decision(), outcome.reason());
        }
    }

    // held? null data, null candidate, holdout without the target, a single-class holdout (NaN metrics)
    @Test
    void nullDataANullCandidateAMissingTargetAndASingleClassHoldoutAreHandled() {
        try (Deployment deployment = deployment()) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> RetrainingPolicy.of(
                    deployment, registry, GOOD).data(() -> null).holdout(HOLDOUT).start(), "no gate: refused");
            try (RetrainingPolicy p = RetrainingPolicy.of(deployment, registry, GOOD).data(() -> null).holdout(HOLDOUT)
                    .gate(Gates.atLeast("accuracy", 0)).clock(clock).track(tracker).cooldown(Duration.ZERO).start()) {
                assertEquals(Decision.FAILED, p.retrain("null data").decision());
            }
            try (RetrainingPolicy p = RetrainingPolicy.of(deployment, registry, fresh -> null)
                    .data(() -> Toy.frame(100, 2)).holdout(HOLDOUT).gate(Gates.atLeast("accuracy", 0)).clock(clock)
                    .cooldown(Duration.ZERO).start()) {
                assertEquals(Decision.FAILED, p.retrain("null step").decision());
            }
            try (RetrainingPolicy p = RetrainingPolicy.of(deployment, registry, GOOD).data(() -> Toy.frame(300, 2))
                    .holdout(HOLDOUT.drop("y")).gate(Gates.atLeast("accuracy", 0)).clock(clock)
                    .cooldown(Duration.ZERO).start()) {
                assertEquals(Decision.FAILED, p.retrain("no target").decision());
            }
            for (RunInfo run : retrainingRuns()) {
                assertEquals(RunStatus.FAILED, run.status());
            }
            Frame onlyLo = HOLDOUT.take(java.util.stream.IntStream.range(0, HOLDOUT.rowCount())
                    .filter(row -> "lo".equals(HOLDOUT.categorical("y").value(row))).toArray());
            try (RetrainingPolicy p = RetrainingPolicy.of(deployment, registry, GOOD).data(() -> Toy.frame(1_000, 2))
                    .holdout(onlyLo).gate(Gates.beatsChampion("accuracy", 0.0)).clock(clock).track(tracker)
                    .cooldown(Duration.ZERO).start()) {
                RetrainingOutcome o = p.retrain("single class");
                        assertNotEquals(Decision.FAILED, o.decision(), o.toString());
            }
        }
    }
}
