package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.Features;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.Prediction;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployments on a real file-store registry: alias moves, refusals, rollbacks, metrics, polling. */
class DeploymentTest {

    private static ModelBundle one;
    private static ModelBundle two;
    private static ModelBundle three;

    @TempDir
    Path dir;

    private Tracker tracker;
    private ModelRegistry registry;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final DeploymentListener recording = new DeploymentListener() {
        @Override
        public void swapped(String deployment, int from, int to) {
            events.add("swapped " + from + "->" + to);
        }

        @Override
        public void failed(String deployment, int version, Throwable error) {
            events.add("failed " + version);
        }

        @Override
        public void released(String deployment, int version) {
            events.add("released " + version);
        }
    };

    @BeforeAll
    static void train() {
        one = Toy.bundle(1);
        two = Toy.bundle(2);
        three = Toy.bundle(3);
    }

    @BeforeEach
    void open() {
        tracker = Tracking.local(dir.resolve("store"), LocalOptions.defaults().workingDirectory(null));
        registry = tracker.registry();
        registry.register("toy", ModelSource.of(one.toBytes()));
        registry.register("toy", ModelSource.of(two.toBytes()));
        registry.setAlias("toy", "champion", 1);
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    private Deployment.Builder deployment() {
        return Deployment.of(registry, "toy@champion").pollEvery(null).listener(recording)
                .cache(VersionCache.of(8, 1L << 30));
    }

    private static Features row() {
        return Features.of("x", 0.3, "z", 4, "city", "lima", "plan", "basic", "flag", false);
    }

    private static double probability(Prediction p) {
        return ((Prediction.Classification) p).probability("hi");
    }

    @Test
    void aMovedAliasIsServedAfterRefreshAndTheOldVersionIsReleased() {
        try (Deployment deployment = deployment().start()) {
            Prediction first = deployment.predict(row());
            assertEquals(1, first.origin().orElseThrow().version());
            assertEquals(probability(one.predict(row())), probability(first));
            registry.setAlias("toy", "champion", 2);
            assertEquals(1, deployment.version(), "nothing changes before the alias is looked up");
            assertEquals(2, deployment.refresh());
            Prediction second = deployment.predict(row());
            assertEquals(2, second.origin().orElseThrow().version());
            assertEquals(probability(two.predict(row())), probability(second));
            assertEquals(List.of("swapped 0->1", "swapped 1->2", "released 1"), events);
            assertEquals(2, deployment.refresh(), "an unmoved alias changes nothing");
            assertEquals(3, events.size());
        }
        assertEquals("released 2", events.get(events.size() - 1));
    }

    @Test
    void aVersionThatCannotServeNeverReplacesTheWorkingOneAndIsReportedOnce() {
        registry.register("toy", ModelSource.opaque(new byte[] {1, 2, 3}));                                  // 3
        registry.register("toy", ModelSource.of(Sabotaged.bundle(one, Sabotaged.Mode.THROWS, 0).toBytes()));  // 4
        registry.register("toy", ModelSource.of(Toy.bundleWithoutPlan().toBytes()));                         // 5
        registry.register("toy", ModelSource.of(three.toBytes()));                                           // 6
        try (Deployment deployment = deployment().check(candidate -> {
            if (candidate.version() == 2) {
                throw new IllegalStateException("worse than the champion on the holdout");
            }
        }).start()) {
            for (int broken = 2; broken <= 5; broken++) {
                registry.setAlias("toy", "champion", broken);
                assertEquals(1, deployment.refresh(), "version " + broken);
                assertEquals(1, deployment.refresh(), "version " + broken + " is not tried again");
                assertEquals(1, deployment.predict(row()).origin().orElseThrow().version());
            }
            assertEquals(List.of("swapped 0->1", "failed 2", "failed 3", "failed 4", "failed 5"), events);
            assertEquals(4, deployment.stats().loadFailures());
            registry.setAlias("toy", "champion", 6);
            assertEquals(6, deployment.refresh());
            assertEquals(6, deployment.predict(row()).origin().orElseThrow().version());
        }
    }

    @Test
    void twoDeploymentsOneBrokenDoNotAffectEachOther() {
        registry.register("other", ModelSource.of(one.toBytes()));
        registry.setAlias("other", "live", 1);
        try (Deployment toy = deployment().start();
                Deployment other = Deployment.of(registry, "other@live").pollEvery(null).start()) {
            registry.register("other", ModelSource.opaque(new byte[] {9}));
            registry.setAlias("other", "live", 2);
            registry.setAlias("toy", "champion", 2);
            assertEquals(1, other.refresh());
            assertEquals(2, toy.refresh());
            assertEquals(1, other.predict(row()).origin().orElseThrow().version());
            assertEquals(2, toy.predict(row()).origin().orElseThrow().version());
        }
    }

    @Test
    void rollbackMovesTheAliasBackInTheRegistryAndServesAtOnce() {
        try (Deployment deployment = deployment().start();
                Deployment elsewhere = deployment().name("another JVM").start()) {
            assertThrows(IllegalStateException.class, deployment::rollback, "nothing to roll back to yet");
            registry.setAlias("toy", "champion", 2);
            deployment.refresh();
            elsewhere.refresh();
            assertEquals(1, deployment.rollback());
            assertEquals(1, deployment.predict(row()).origin().orElseThrow().version());
            assertEquals(1, registry.version("toy@champion").version());
            List<AuditEntry> audit = registry.audit("toy");
            assertEquals("set-alias", audit.get(audit.size() - 1).action());
            assertEquals(1, elsewhere.refresh(), "every deployment of the alias converges on it");
        }
    }

    @Test
    void aStartOnAVersionThatCannotServeFailsAndAMissingAliasIsSaid() {
        registry.register("toy", ModelSource.opaque(new byte[] {1}));
        registry.setAlias("toy", "champion", 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> deployment().start());
        assertTrue(e.getMessage().contains("has no version to serve: version 3 failed"), e.getMessage());
        assertThrows(NotFoundException.class, () -> Deployment.of(registry, "toy@nope").pollEvery(null).start());
        assertThrows(IllegalArgumentException.class, () -> Deployment.of(registry, "toy"));
        assertThrows(IllegalArgumentException.class, () -> Deployment.of(registry, "toy@a@b"));
    }

    @Test
    void aListenerThatThrowsCannotBreakServing() {
        DeploymentListener rude = new DeploymentListener() {
            @Override
            public void swapped(String deployment, int from, int to) {
                throw new IllegalStateException("rude");
            }

            @Override
            public void released(String deployment, int version) {
                throw new IllegalStateException("rude");
            }
        };
        try (Deployment deployment = deployment().listener(rude).start()) {
            registry.setAlias("toy", "champion", 2);
            assertEquals(2, deployment.refresh());
            assertEquals(2, deployment.predict(row()).origin().orElseThrow().version());
        }
    }

    @Test
    void metricsCountRequestsAndErrorsPerVersion() throws Exception {
        try (Deployment deployment = deployment().start()) {
            for (int i = 0; i < 30; i++) {
                deployment.predict(row());
            }
            assertThrows(InvalidInputException.class, () -> deployment.predict(Features.of("x", 1)));
            registry.setAlias("toy", "champion", 2);
            deployment.refresh();
            for (int i = 0; i < 5; i++) {
                deployment.predict(row());
            }
            DeploymentStats stats = deployment.stats();
            assertEquals(2, stats.serving());
            assertEquals(2, stats.swaps());
            VersionStats v1 = stats.version(1, Role.PRIMARY).orElseThrow();
            assertEquals(31, v1.requests());
            assertEquals(1, v1.errors().get(ErrorKind.INVALID_INPUT));
            assertEquals(0, v1.errors().get(ErrorKind.MODEL));
            assertTrue(v1.p50Micros() > 0 && v1.p50Micros() <= v1.p99Micros() && v1.p99Micros() <= v1.maxMicros(),
                    v1.toString());
            assertEquals(5, stats.version(2, Role.PRIMARY).orElseThrow().requests());
            JsonNode json = new ObjectMapper().readTree(stats.toJson());
            assertEquals(2, json.get("serving").asInt());
            assertEquals(31, json.get("versions").get(0).get("requests").asLong());
            assertEquals(1, json.get("versions").get(0).get("errors").get("INVALID_INPUT").asLong());
        }
    }

    @Test
    void aMemoizedDeploymentAnswersARepeatedRowFromMemoryWithAFreshId() {
        try (Deployment deployment = deployment().memoize(100).start()) {
            Prediction first = deployment.predict(row());
            Prediction again = deployment.predict(row());
            assertEquals(((Prediction.Classification) first).probabilities(),
                    ((Prediction.Classification) again).probabilities());
            assertNotEquals(first.origin().orElseThrow().id(), again.origin().orElseThrow().id());
            assertEquals(1, again.origin().orElseThrow().version());
            for (int i = 0; i < 2; i++) {
                assertThrows(InvalidInputException.class, () -> deployment.predict(Features.of("x", 1)),
                        "an invalid row is never remembered");
            }
            VersionStats stats = deployment.stats().version(1, Role.PRIMARY).orElseThrow();
            assertEquals(4, stats.requests());
            assertEquals(1, stats.remembered());
            registry.setAlias("toy", "champion", 2);
            deployment.refresh();
            assertEquals(probability(two.predict(row())), probability(deployment.predict(row())),
                    "a new version does not answer from the old one's memory");
        }
        assertThrows(IllegalArgumentException.class, () -> deployment().memoize(-1));
    }

    @Test
    void aClosedDeploymentRefusesRequests() {
        Deployment deployment = deployment().start();
        deployment.close();
        deployment.close();
        assertThrows(IllegalStateException.class, () -> deployment.predict(row()));
        assertThrows(IllegalStateException.class, deployment::refresh);
    }

    @Test
    void pollingPicksUpAMovedAliasWithoutARestart() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Deployment deployment = deployment().pollEvery(Duration.ofMillis(20)).scheduler(scheduler).start()) {
            registry.setAlias("toy", "champion", 2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (deployment.version() != 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, deployment.version());
            assertNotEquals(-1, events.indexOf("swapped 1->2"));
        } finally {
            scheduler.shutdownNow();
        }
    }
}
