package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Prediction;
import dev.mlops.api.PredictionId;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.serving.monitor.LiveMonitor;
import dev.mlops.serving.monitor.MeasuredPerformance;
import dev.mlops.serving.monitor.MonitorSettings;
import dev.mlops.serving.monitor.WindowReport;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels arriving later join the exact version and role that answered, under a split and a shadow. */
class DeploymentLabelsTest {

    @TempDir
    Path dir;
    private Tracker tracker;
    private ModelRegistry registry;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void open() {
        tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null));
        registry = tracker.registry();
        registry.register("toy", ModelSource.of(Toy.bundle(1).withHeldOut(Toy.frame(300, 50)).toBytes()));
        registry.register("toy", ModelSource.of(Toy.bundle(2).withHeldOut(Toy.frame(300, 51)).toBytes()));
        registry.setAlias("toy", "champion", 1);
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    private Deployment deployment(MonitorSettings settings) {
        return Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock).policy(RequestPolicy.LENIENT)
                .monitoring(settings.executor(Runnable::run).clock(clock).countWindows(100_000)).start();
    }

    private static Features row(int i) {
        return Toy.row(i).toBuilder().set("id", "customer-" + i).build();
    }

    private static String other(String label) {
        return label.equals("hi") ? "lo" : "hi";
    }

    /** Closes every monitor's window and returns what each measured, primary first. */
    private static List<MeasuredPerformance> measured(Deployment deployment) {
        List<MeasuredPerformance> measured = new ArrayList<>();
        for (LiveMonitor monitor : deployment.monitors()) {
            monitor.closeWindow();
            List<WindowReport> reports = monitor.reports();
            measured.add(reports.get(reports.size() - 1).measurement().orElseThrow());
        }
        return measured;
    }

    @Test
    void underASplitEachLabelCountsForTheVersionThatAnswered() {
        try (Deployment deployment = deployment(MonitorSettings.defaults().labels(100_000, java.time.Duration.ofDays(7)))) {
            deployment.split(2, 4_000, "id");
            int[] answered = new int[3];
            for (int i = 0; i < 1_000; i++) {
                Prediction answer = deployment.predict(row(i));
                int version = answer.origin().orElseThrow().version();
                answered[version]++;
                String label = ((Prediction.Classification) answer).label();
                // version 1 is always right here, version 2 always wrong: only a faithful join gives 1 and 0
                assertTrue(deployment.label(answer.origin().orElseThrow().id(), version == 1 ? label : other(label)));
            }
            List<MeasuredPerformance> measured = measured(deployment);
            assertEquals(answered[1], measured.get(0).labels());
            assertEquals(1.0, measured.get(0).accuracy());
            assertEquals(answered[2], measured.get(1).labels());
            assertEquals(0.0, measured.get(1).accuracy());
            assertTrue(answered[2] > 300 && answered[1] > 500, answered[1] + " and " + answered[2]);
        }
    }

    @Test
    void aShadowsAnswerIsMeasuredOnTheSameLabelWithoutTouchingThePrimarys() throws Exception {
        List<Prediction[]> pairs = Collections.synchronizedList(new ArrayList<>());
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                .policy(RequestPolicy.LENIENT).listener(new DeploymentListener() {
                    @Override
                    public void shadowed(String name, Features row, Prediction primary, Prediction shadow) {
                        pairs.add(new Prediction[] {primary, shadow});
                    }
                }).monitoring(MonitorSettings.defaults().labels(100_000, java.time.Duration.ofDays(7)).executor(Runnable::run).clock(clock).countWindows(100_000))
                .start()) {
            deployment.shadow(2, 10_000);
            List<Prediction> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                answers.add(deployment.predict(row(i)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (pairs.size() < 300 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(300, pairs.size());
            long agreeing = pairs.stream().filter(p -> ((Prediction.Classification) p[0]).label()
                    .equals(((Prediction.Classification) p[1]).label())).count();
            for (Prediction answer : answers) { // the truth is what the primary said
                deployment.label(answer.origin().orElseThrow().id(), ((Prediction.Classification) answer).label());
            }
            List<MeasuredPerformance> measured = measured(deployment);
            assertEquals(new MeasuredPerformance(300, 1.0, Double.NaN, Double.NaN), measured.get(0));
            assertEquals(300, measured.get(1).labels());
            assertEquals(agreeing / 300.0, measured.get(1).accuracy(), 1e-12);
            assertTrue(agreeing < 300, "the two versions disagree somewhere, or this proves little");
        }
    }

    @Test
    void aLabelIsTakenOnceWithinItsExpiryAndOfTheRightKind() {
        try (Deployment deployment = deployment(MonitorSettings.defaults().labels(100_000, java.time.Duration.ofDays(7)).labels(2, Duration.ofHours(1)))) {
            Prediction first = deployment.predict(row(1));
            PredictionId id = first.origin().orElseThrow().id();
            assertThrows(IllegalArgumentException.class, () -> deployment.label(id, 3.5));
            assertTrue(deployment.label(id, "hi"), "a refused label leaves the answer waiting");
            assertFalse(deployment.label(id, "hi"), "labelled already");
            assertFalse(deployment.label(PredictionId.next(), "hi"), "not from this deployment");
            Prediction late = deployment.predict(row(2));
            clock.advance(Duration.ofHours(2));
            assertFalse(deployment.label(late.origin().orElseThrow().id(), "hi"), "expired");
            List<Prediction> many = List.of(deployment.predict(row(3)), deployment.predict(row(4)),
                    deployment.predict(row(5)));
            // beyond two waiting answers, some are dropped
            long joined = many.stream().filter(p -> deployment.label(p.origin().orElseThrow().id(), "lo")).count();
            assertTrue(joined <= 2, "joined " + joined);
        }
        try (Deployment unwatched = Deployment.of(registry, "toy@champion").pollEvery(null)
                .policy(RequestPolicy.LENIENT).start()) {
            Prediction answer = unwatched.predict(row(1));
            assertFalse(unwatched.label(answer.origin().orElseThrow().id(), "hi"), "monitoring is off");
        }
    }
}
