package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

    /** A clock that moves only when told. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void advance(Duration by) {
            now = now.plus(by);
        }
    }

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
