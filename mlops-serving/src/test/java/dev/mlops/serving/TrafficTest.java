package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.Prediction;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splits, shadows and canaries on a real registry, with a clock the test moves. */
class TrafficTest {

    @TempDir
    Path dir;

    private Tracker tracker;
    private ModelRegistry registry;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void open() {
        tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null));
        registry = tracker.registry();
        registry.register("toy", ModelSource.of(Toy.bundle(1).toBytes()));
        registry.register("toy", ModelSource.of(Toy.bundle(2).toBytes()));
        registry.setAlias("toy", "champion", 1);
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    private Deployment deployment() {
        return Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock).start();
    }

    private static Features row(String id) {
        return Features.of("id", id, "x", 0.3, "z", 4, "city", "lima", "plan", "basic", "flag", false);
    }

    @Test
    void aSplitSendsEachKeyAlwaysToTheSameVersionInItsShareAndPromotionMovesTheAlias() {
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                .policy(RequestPolicy.LENIENT).start()) {
            deployment.split(2, 3_000, "id");
            Map<String, Integer> versionOf = new HashMap<>();
            int toTwo = 0;
            for (int i = 0; i < 2_000; i++) {
                String id = "customer-" + i;
                int version = deployment.predict(row(id)).origin().orElseThrow().version();
                versionOf.put(id, version);
                toTwo += version == 2 ? 1 : 0;
            }
            for (int i = 0; i < 2_000; i++) {
                String id = "customer-" + i;
                assertEquals(versionOf.get(id), deployment.predict(row(id)).origin().orElseThrow().version(), id);
            }
            assertTrue(Math.abs(toTwo / 2_000.0 - 0.30) < 0.05, "share " + toTwo);
            assertTrue(deployment.stats().version(2, Role.CHALLENGER).orElseThrow().requests() > 0);
            assertEquals(2, deployment.promote());
            assertEquals(2, registry.version("toy@champion").version());
            assertTrue(deployment.traffic() instanceof Traffic.Primary);
            assertEquals(2, deployment.predict(row("anyone")).origin().orElseThrow().version());
        }
    }

    @Test
    void aCanaryThatFailsMoreThanThePrimaryIsRolledBackAndReported() {
        registry.register("toy", ModelSource.of(Sabotaged.bundle(Toy.bundle(2), Sabotaged.Mode.FLAKY, 0).toBytes()));
        List<Integer> failed = new java.util.ArrayList<>();
        Traffic.CanaryPlan plan = new Traffic.CanaryPlan(List.of(5_000, 10_000), Duration.ofMinutes(1), 0.01,
                1_000.0, 5);
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                .policy(RequestPolicy.LENIENT).listener(new DeploymentListener() {
                    @Override
                    public void failed(String name, int version, Throwable error) {
                        failed.add(version);
                    }
                }).start()) {
            deployment.canary(3, plan);
            int errors = 0;
            for (int i = 0; i < 1_600; i++) {
                try {
                    deployment.predict(row("c" + i));
                } catch (IllegalStateException e) {
                    errors++;
                }
            }
            assertTrue(errors > 0, "the canary failed some requests");
            deployment.refresh();
            assertTrue(deployment.traffic() instanceof Traffic.Primary, "rolled back: " + deployment.traffic());
            assertEquals(List.of(3), failed);
            assertEquals(1, registry.version("toy@champion").version(), "the alias never moved");
            for (int i = 0; i < 100; i++) {
                assertEquals(1, deployment.predict(row("d" + i)).origin().orElseThrow().version());
            }
        }
    }

    @Test
    void everyPolicyChangeIsInTheRegistrysAuditLogAndAnotherDeploymentOfTheAliasAdoptsIt() {
        try (Deployment here = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock).start();
                Deployment elsewhere = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock).start()) {
            int before = registry.audit("toy").size();
            here.split(2, 2_500, "id");
            assertEquals("update-model", registry.audit("toy").get(before).action());
            assertTrue(registry.audit("toy").get(before).after().contains("split"));
            elsewhere.refresh();
            assertEquals(here.traffic(), elsewhere.traffic());
            here.abort();
            elsewhere.refresh();
            assertTrue(elsewhere.traffic() instanceof Traffic.Primary);
            assertEquals(before + 2, registry.audit("toy").size());
        }
    }

    @Test
    void aShadowScoresRequestsOffTheCallersThreadAndNeverAnswersThem() throws Exception {
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                .policy(RequestPolicy.LENIENT).start()) {
            deployment.shadow(2, 10_000);
            for (int i = 0; i < 200; i++) {
                assertEquals(1, deployment.predict(row("c" + i)).origin().orElseThrow().version());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (deployment.stats().version(2, Role.SHADOW).map(VersionStats::requests).orElse(0L) < 200
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(200, deployment.stats().version(2, Role.SHADOW).orElseThrow().requests());
            deployment.abort();
            assertTrue(deployment.traffic() instanceof Traffic.Primary);
        }
    }

    @Test
    void aShadowsAnswersAreComparedWithThePrimarysAndBothAreHandedToTheListener() throws Exception {
        List<Prediction[]> heard = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        DeploymentListener listener = new DeploymentListener() {
            @Override
            public void shadowed(String name, Features row, Prediction primary, Prediction shadow) {
                heard.add(new Prediction[] {primary, shadow});
            }
        };
        Predictor one = Serving.predictor(registry, "toy/1");
        Predictor two = Serving.predictor(registry, "toy/2");
        long agreeing = 0;
        double difference = 0;
        for (int i = 0; i < 300; i++) {
            Features row = Toy.row(i);
            var a = (Prediction.Classification) one.predict(row);
            var b = (Prediction.Classification) two.predict(row);
            agreeing += a.label().equals(b.label()) ? 1 : 0;
            difference += Math.abs(a.probability(a.label()) - b.probability(a.label()));
        }
        assertTrue(agreeing > 0 && agreeing < 300, "the two versions must differ on some rows: " + agreeing);
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                .listener(listener).start()) {
            deployment.shadow(2, 10_000);
            for (int i = 0; i < 300; i++) {
                deployment.predict(Toy.row(i));
            }
            ShadowStats stats = awaitShadow(deployment, 300);
            assertEquals(300, stats.compared());
            assertEquals(agreeing, stats.agreed());
            assertEquals(difference / 300, stats.meanAbsoluteDifference(), 1e-9);
            assertEquals(agreeing / 300.0, stats.agreement(), 1e-12);
            assertEquals(0, stats.dropped() + stats.timedOut());
            assertEquals(300, heard.size());
            for (Prediction[] pair : heard) {
                assertEquals(1, pair[0].origin().orElseThrow().version());
                assertEquals(2, pair[1].origin().orElseThrow().version());
                assertNotEquals(pair[0].origin().orElseThrow().id(), pair[1].origin().orElseThrow().id());
            }
            assertTrue(deployment.stats().toJson().contains("\"shadows\":[{\"version\":2,\"compared\":300"));
        }
    }

    @Test
    void aShadowSlowerThanItsTimeoutIsCountedAsTimedOutAndNeverCompared() throws Exception {
        registry.register("toy", ModelSource.of(Sabotaged.bundle(Toy.bundle(2), Sabotaged.Mode.SLOW_ANSWERS, 60)
                .toBytes()));
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                .shadowTimeout(Duration.ofMillis(20)).start()) {
            deployment.shadow(3, 10_000);
            for (int i = 0; i < 50; i++) {
                assertEquals(1, deployment.predict(Toy.row(i)).origin().orElseThrow().version());
            }
            ShadowStats stats = awaitShadow(deployment, 50);
            assertEquals(50, stats.timedOut());
            assertEquals(0, stats.compared());
            VersionStats shadow = deployment.stats().version(3, Role.SHADOW).orElseThrow();
            assertEquals(50, shadow.errors().get(ErrorKind.TIMEOUT));
            assertEquals(50, deployment.stats().version(1, Role.PRIMARY).orElseThrow().requests());
            assertEquals(0, deployment.stats().version(1, Role.PRIMARY).orElseThrow().errorCount());
        }
    }

    @Test
    void aRecordedPolicyIsVoidOnceTheAliasNamesAnotherVersion() {
        registry.register("toy", ModelSource.of(Toy.bundle(3).toBytes()));
        try (Deployment first = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                .policy(RequestPolicy.LENIENT).start()) {
            first.split(2, 5_000, "id");
            registry.setAlias("toy", "champion", 3); // moved by hand: the split recorded for version 1 is stale
            assertEquals(3, first.refresh());
            assertTrue(first.traffic() instanceof Traffic.Primary);
            try (Deployment later = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                    .policy(RequestPolicy.LENIENT).start()) {
                assertEquals(3, later.version());
                later.refresh();
                assertTrue(later.traffic() instanceof Traffic.Primary, later.traffic().toString());
                for (int i = 0; i < 50; i++) {
                    assertEquals(3, later.predict(row("k" + i)).origin().orElseThrow().version());
                }
            }
            registry.setAlias("toy", "champion", 1); // back: the record names this primary again and applies
            first.refresh();
            assertEquals(new Traffic.Split(2, 5_000, "id"), first.traffic());
        }
    }

    /** Waits until the shadow has dealt with {@code requests} requests, and returns its comparison. */
    private static ShadowStats awaitShadow(Deployment deployment, long requests) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            DeploymentStats stats = deployment.stats();
            ShadowStats shadow = stats.shadows().isEmpty() ? null : stats.shadows().get(stats.shadows().size() - 1);
            if (shadow != null && shadow.compared() + shadow.dropped() + shadow.timedOut() >= requests) {
                return shadow;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the shadow did not finish in time: " + stats.toJson());
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aHealthyCanaryStepsUpOnScheduleAndIsPromotedAfterItsLastStep() {
        Traffic.CanaryPlan plan = new Traffic.CanaryPlan(List.of(2_000, 5_000, 10_000), Duration.ofMinutes(1), 0.01,
                1_000.0, 5);
        try (Deployment deployment = Deployment.of(registry, "toy@champion").pollEvery(null).clock(clock)
                .policy(RequestPolicy.LENIENT).start()) {
            deployment.canary(2, plan);
            for (int step = 0; step < 3; step++) {
                assertEquals(plan.basisPoints().get(step), deployment.traffic().basisPoints(), "step " + step);
                for (int i = 0; i < 300; i++) {
                    deployment.predict(row("c" + i));
                }
                deployment.refresh();
                assertEquals(plan.basisPoints().get(step), deployment.traffic().basisPoints(),
                        "a step lasts its time");
                clock.advance(Duration.ofSeconds(61));
                deployment.refresh();
            }
            assertTrue(deployment.traffic() instanceof Traffic.Primary, "promoted after the last step");
            assertEquals(2, deployment.version());
            assertEquals(2, registry.version("toy@champion").version());
        }
    }
}
