package dev.mlops.serving;

import java.time.Instant;
import java.util.Objects;

/**
 * The rules by which a deployment's single writer moves between traffic states. Pure: it decides
 * the next state; the writer loads and checks versions before asking, and moves the registry's alias
 * when a decision changes the primary. Keeping the rules here, apart from loading and serving, is
 * what lets a property test try every sequence of operations against the invariants.
 */
final class TrafficMachine {

    /**
     * Where a deployment stands.
     *
     * @param primary  the version the alias names, which answers callers
     * @param previous the primary before it, for rollback; 0 when none
     * @param traffic  how requests are shared with one other version
     */
    record State(int primary, int previous, Traffic traffic) {
        State {
            if (primary <= 0) {
                throw new IllegalArgumentException("a deployment always has a primary: " + primary);
            }
            Objects.requireNonNull(traffic, "traffic");
            if (traffic.other() == primary) {
                throw new IllegalArgumentException("version " + primary + " cannot share traffic with itself");
            }
        }
    }

    /** A canary's figures over its current step, relative to the primary's. */
    record CanaryHealth(long requests, double errorRate, double primaryErrorRate, double p99Micros,
            double primaryP99Micros) {
    }

    private TrafficMachine() {
    }

    static State start(int primary) {
        return new State(primary, 0, new Traffic.Primary());
    }

    /** The alias names {@code version} (loaded and checked): it becomes the primary and any sharing ends. */
    static State aliasMoved(State state, int version) {
        if (version == state.primary()) {
            return state;
        }
        return new State(version, state.primary(), new Traffic.Primary());
    }

    /**
     * Starts sharing traffic with another version (loaded and checked), replacing any sharing.
     *
     * @throws IllegalArgumentException if the other version is the primary
     */
    static State share(State state, Traffic traffic) {
        if (traffic.other() == state.primary()) {
            throw new IllegalArgumentException("version " + traffic.other() + " is the primary already");
        }
        return new State(state.primary(), state.previous(), traffic);
    }

    /**
     * The other version becomes the primary (the writer then moves the alias to it).
     *
     * @throws IllegalStateException if no other version shares traffic
     */
    static State promote(State state) {
        if (state.traffic().other() == 0) {
            throw new IllegalStateException("no other version shares traffic: nothing to promote");
        }
        return new State(state.traffic().other(), state.primary(), new Traffic.Primary());
    }

    /** Ends any sharing: every request to the primary again. */
    static State abort(State state) {
        return new State(state.primary(), state.previous(), new Traffic.Primary());
    }

    /**
     * Back to the previous primary (the writer then moves the alias back), with no sharing.
     *
     * @throws IllegalStateException if there was no previous primary
     */
    static State rollback(State state) {
        if (state.previous() == 0) {
            throw new IllegalStateException("no earlier version to roll back to");
        }
        return new State(state.previous(), state.primary(), new Traffic.Primary());
    }

    /**
     * A canary's step ends, or fails: outside its bounds it is rolled back (all traffic to the
     * primary); after its step time with enough requests it moves to the next step, or, after the
     * last, is promoted. Any other state is unchanged.
     */
    static State tick(State state, Instant now, CanaryHealth health) {
        if (!(state.traffic() instanceof Traffic.Canary canary)) {
            return state;
        }
        Traffic.CanaryPlan plan = canary.plan();
        if (health.requests() > 0 && (health.errorRate() > health.primaryErrorRate() + plan.maxErrorRateDelta()
                || health.p99Micros() > health.primaryP99Micros() * plan.maxLatencyRatio())) {
            return abort(state);
        }
        if (now.isBefore(canary.since().plus(plan.stepEvery())) || health.requests() < plan.minRequests()) {
            return state;
        }
        if (canary.step() + 1 < plan.basisPoints().size()) {
            return share(state, new Traffic.Canary(canary.other(), plan, canary.step() + 1, now));
        }
        return promote(state);
    }
}
