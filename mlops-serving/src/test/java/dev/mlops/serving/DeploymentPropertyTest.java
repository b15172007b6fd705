package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.Features;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.LocalOptions;
import dev.mlops.tracking.Tracking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Random sequences of operations on a whole {@link Deployment} over a real file-store registry:
 * move the alias (to working and to broken versions), split, shadow, start a canary, let time pass,
 * promote, abort, roll back. After each, an invariant checker asks the deployment, its answers and
 * the registry: a broken version never serves or shares; every answer comes from a version the
 * traffic allows; the registry's alias and traffic record agree with what is served; a refused
 * operation changes nothing. Versions 1-3 work; 4 is not a bundle, 5 needs an input the
 * requests lack, 6 throws. (Requests are lenient, so a version that reads fewer inputs would serve.)
 */
class DeploymentPropertyTest {

    private static final Set<Integer> BROKEN = Set.of(4, 5, 6);
    private static final Traffic.CanaryPlan PLAN = new Traffic.CanaryPlan(List.of(2_000, 5_000, 10_000),
            Duration.ofMinutes(1), 0.05, 1_000.0, 10);
    private static final AtomicInteger EXAMPLES = new AtomicInteger();

    @TempDir
    static Path dir;
    private static Tracker tracker;
    private static ModelRegistry registry;

    private enum Kind { MOVE_ALIAS, SPLIT, SHADOW, CANARY, TIME_PASSES, PROMOTE, ABORT, ROLLBACK }

    private record Op(Kind kind, int version) {
    }

    /** What the test expects the deployment to serve. */
    private static final class Expected {
        int primary = 1;
        int previous;
        int alias = 1;
        Traffic traffic = new Traffic.Primary();
    }

    @BeforeAll
    static void registerVersions() {
        tracker = Tracking.local(dir, LocalOptions.defaults().workingDirectory(null));
        registry = tracker.registry();
        for (int seed = 1; seed <= 3; seed++) {
            registry.register("toy", ModelSource.of(Toy.bundle(seed).toBytes()));
        }
        registry.register("toy", ModelSource.opaque(new byte[] {'P', 'K', 3, 4, 0, 0}));
        registry.register("toy", ModelSource.of(Toy.bundleNeedingW().toBytes()));
        registry.register("toy", ModelSource.of(Sabotaged.bundle(Toy.bundle(3), Sabotaged.Mode.THROWS, 0).toBytes()));
    }

    @AfterAll
    static void closeTracker() {
        tracker.close();
    }

    private static Gen<List<Op>> operations() {
        return in -> {
            List<Op> ops = new ArrayList<>();
            int count = (int) in.next(Constraint.between(1, 14));
            for (int i = 0; i < count; i++) {
                ops.add(new Op(Kind.values()[(int) in.next(Constraint.between(0, Kind.values().length - 1))],
                        (int) in.next(Constraint.between(1, 6))));
            }
            return ops;
        };
    }

    @Test
    void everySequenceOfOperationsKeepsTheInvariants() {
        qt().withExamples(80).withShrinkCycles(40).forAll(operations()).checkAssert(ops -> {
            registry.setAlias("toy", "live", 1);
            MovableClock clock = new MovableClock();
            try (Deployment deployment = Deployment.of(registry, "toy@live").name("d" + EXAMPLES.incrementAndGet())
                    .policy(RequestPolicy.LENIENT).pollEvery(null).clock(clock).start()) {
                Expected expected = new Expected();
                check(deployment, expected, ops);
                for (Op op : ops) {
                    apply(deployment, expected, op, clock);
                    check(deployment, expected, ops);
                }
            }
        });
    }

    private static void apply(Deployment deployment, Expected expected, Op op, MovableClock clock) {
        int v = op.version();
        boolean works = !BROKEN.contains(v);
        switch (op.kind()) {
            case MOVE_ALIAS -> {
                registry.setAlias("toy", "live", v);
                expected.alias = v;
                deployment.refresh();
                if (works && v != expected.primary) {
                    expected.previous = expected.primary;
                    expected.primary = v;
                    expected.traffic = recorded(deployment).over(v); // a policy recorded for v applies again
                }
            }
            case SPLIT -> share(deployment, expected, new Traffic.Split(v, 4_000, "id"),
                    () -> deployment.split(v, 4_000, "id"));
            case SHADOW -> share(deployment, expected, new Traffic.Shadow(v, 10_000),
                    () -> deployment.shadow(v, 10_000));
            case CANARY -> share(deployment, expected, new Traffic.Canary(v, PLAN, 0, clock.instant()),
                    () -> deployment.canary(v, PLAN));
            case TIME_PASSES -> {
                clock.advance(Duration.ofSeconds(40));
                Traffic before = expected.traffic;
                int primaryBefore = expected.primary;
                deployment.refresh();
                if (before instanceof Traffic.Canary canary && deployment.version() != primaryBefore) {
                    assertEquals(canary.other(), deployment.version(), "only the canary can be promoted");
                    expected.previous = primaryBefore;
                    expected.primary = canary.other();
                    expected.alias = canary.other();
                } else if (before instanceof Traffic.Canary canary) {
                    Traffic now = deployment.traffic();
                    assertTrue(now instanceof Traffic.Primary
                            || now instanceof Traffic.Canary c && c.other() == canary.other() && c.step() >= canary.step(),
                            "a canary steps up or is rolled back: " + before + " -> " + now);
                } else if (expected.alias == expected.primary) {
                    assertEquals(before, deployment.traffic(), "only a canary changes as time passes");
                }
                expected.traffic = deployment.traffic();
            }
            case PROMOTE -> {
                if (expected.traffic.other() == 0) {
                    refused(deployment, expected, IllegalStateException.class, deployment::promote);
                } else {
                    int promoted = expected.traffic.other();
                    assertEquals(promoted, deployment.promote());
                    expected.previous = expected.primary;
                    expected.primary = promoted;
                    expected.alias = promoted;
                    expected.traffic = new Traffic.Primary();
                }
            }
            case ABORT -> {
                deployment.abort();
                expected.traffic = new Traffic.Primary();
            }
            case ROLLBACK -> {
                if (expected.previous == 0) {
                    refused(deployment, expected, IllegalStateException.class, deployment::rollback);
                } else {
                    int back = expected.previous;
                    assertEquals(back, deployment.rollback());
                    expected.previous = expected.primary;
                    expected.primary = back;
                    expected.alias = back;
                    expected.traffic = recorded(deployment).over(back);
                }
            }
        }
    }

    /** Sharing with a broken version or the primary is refused and changes nothing; otherwise it is served. */
    private static void share(Deployment deployment, Expected expected, Traffic traffic, Runnable operation) {
        if (traffic.other() == expected.primary) {
            refused(deployment, expected, IllegalArgumentException.class, operation);
        } else if (BROKEN.contains(traffic.other())) {
            refused(deployment, expected, IllegalStateException.class, operation);
        } else {
            operation.run();
            expected.traffic = traffic;
        }
    }

    private static void refused(Deployment deployment, Expected expected, Class<? extends RuntimeException> kind,
            Runnable operation) {
        String record = recordText(deployment);
        RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(kind, operation::run);
        assertTrue(thrown.getMessage() != null && !thrown.getMessage().isBlank());
        assertEquals(record, recordText(deployment), "a refused operation leaves the registry's record as it was");
        assertEquals(expected.primary, deployment.version());
    }

    private static void check(Deployment deployment, Expected expected, List<Op> ops) {
        String context = " after " + ops + ": " + deployment.stats().toJson();
        int serving = deployment.version();
        assertEquals(expected.primary, serving, "primary" + context);
        assertTrue(!BROKEN.contains(serving), "a broken version never serves" + context);
        Traffic traffic = deployment.traffic();
        assertEquals(expected.traffic, traffic, "traffic" + context);
        assertTrue(!BROKEN.contains(traffic.other()), "a broken version never shares traffic" + context);
        assertNotEquals(serving, traffic.other(), "the primary does not share with itself" + context);
        assertEquals(expected.alias, registry.version("toy@live").version(), "the registry's alias" + context);
        assertEquals(traffic, recorded(deployment).over(serving),
                "the registry records the traffic served" + context);
        boolean otherAnswers = traffic instanceof Traffic.Split || traffic instanceof Traffic.Canary;
        for (int i = 0; i < 12; i++) {
            Features row = Features.of("id", "k" + i, "x", 0.1 * i, "z", i % 10, "city", Toy.CITIES.get(i % 5),
                    "plan", Toy.PLANS.get(i % 2), "flag", i % 3 == 0);
            int answered = deployment.predict(row).origin().orElseThrow().version();
            assertTrue(answered == serving || otherAnswers && answered == traffic.other(),
                    "answered by " + answered + context);
        }
    }

    private static TrafficRecords.Recorded recorded(Deployment deployment) {
        return TrafficRecords.read(recordText(deployment));
    }

    private static String recordText(Deployment deployment) {
        return registry.model("toy").orElseThrow().tags().get(TrafficRecords.tag(deployment.name()));
    }
}
