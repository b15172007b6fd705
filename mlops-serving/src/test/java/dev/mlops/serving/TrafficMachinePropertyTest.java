package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Every sequence of operations (move the alias, split, shadow, start a canary, tick with healthy or
 * failing figures, promote, abort, roll back), some aimed at broken versions, leaves a state that
 * keeps the invariants; the writer refuses broken versions before asking the machine, as the
 * deployment does.
 */
class TrafficMachinePropertyTest {

    private static final Set<Integer> BROKEN = Set.of(3, 6);
    private static final Traffic.CanaryPlan PLAN = new Traffic.CanaryPlan(List.of(500, 2_500, 10_000),
            Duration.ofMinutes(1), 0.01, 2.0, 10);

    private record Op(int kind, int version, boolean healthy) {
    }

    private static Gen<List<Op>> operations() {
        return in -> {
            List<Op> ops = new ArrayList<>();
            int count = (int) in.next(Constraint.between(0, 40));
            for (int i = 0; i < count; i++) {
                ops.add(new Op((int) in.next(Constraint.between(0, 7)), (int) in.next(Constraint.between(1, 8)),
                        in.next(Constraint.between(0, 3)) > 0));
            }
            return ops;
        };
    }

    @Test
    void everySequenceKeepsTheInvariants() {
        qt().withExamples(5_000).forAll(operations()).checkAssert(ops -> {
            TrafficMachine.State state = TrafficMachine.start(1);
            Instant now = Instant.EPOCH;
            for (Op op : ops) {
                TrafficMachine.State before = state;
                now = now.plus(Duration.ofSeconds(40));
                try {
                    state = apply(state, op, now);
                } catch (IllegalStateException | IllegalArgumentException refused) {
                    state = before; // a refused operation changes nothing
                }
                check(state, before, op);
            }
        });
    }

    private static TrafficMachine.State apply(TrafficMachine.State state, Op op, Instant now) {
        boolean servable = !BROKEN.contains(op.version());
        return switch (op.kind()) {
            case 0 -> servable ? TrafficMachine.aliasMoved(state, op.version()) : state; // broken: keeps serving
            case 1 -> servable ? TrafficMachine.share(state, new Traffic.Split(op.version(), 2_000, "id")) : state;
            case 2 -> servable ? TrafficMachine.share(state, new Traffic.Shadow(op.version(), 10_000)) : state;
            case 3 -> servable ? TrafficMachine.share(state, new Traffic.Canary(op.version(), PLAN, 0, now)) : state;
            case 4 -> TrafficMachine.tick(state, now, op.healthy()
                    ? new TrafficMachine.CanaryHealth(50, 0.0, 0.0, 100, 100)
                    : new TrafficMachine.CanaryHealth(50, 0.2, 0.0, 100, 100));
            case 5 -> TrafficMachine.promote(state);
            case 6 -> TrafficMachine.abort(state);
            default -> TrafficMachine.rollback(state);
        };
    }

    private static void check(TrafficMachine.State state, TrafficMachine.State before, Op op) {
        assertTrue(state.primary() > 0 && !BROKEN.contains(state.primary()), "a broken version never serves: " + state);
        assertTrue(!BROKEN.contains(state.traffic().other()), "a broken version never shares traffic: " + state);
        assertNotEquals(state.primary(), state.traffic().other(), "the other version is another");
        int share = state.traffic().basisPoints();
        assertTrue(share >= 0 && share <= 10_000, "a share is a share: " + state);
        if (state.traffic() instanceof Traffic.Primary) {
            assertEquals(0, share);
        }
        if (op.kind() == 6) {
            assertTrue(state.traffic() instanceof Traffic.Primary, "abort sends everything to the primary");
            assertEquals(before.primary(), state.primary(), "abort keeps the primary");
        }
        if (op.kind() == 4 && !op.healthy() && before.traffic() instanceof Traffic.Canary) {
            assertTrue(state.traffic() instanceof Traffic.Primary, "a failing canary is rolled back: " + state);
            assertEquals(before.primary(), state.primary(), "and the primary stays");
        }
        if (state.primary() != before.primary()) {
            assertEquals(before.primary(), state.previous(), "a new primary remembers the one before");
            assertTrue(state.traffic() instanceof Traffic.Primary, "a new primary starts with all traffic");
        }
    }
}
