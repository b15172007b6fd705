package dev.mlops.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a deployment shares requests between the version its alias names (the primary) and, at most,
 * one other. Immutable values; a deployment's single writer moves from one to the next
 * ({@link TrafficMachine}).
 *
 * @since 0.1
 */
public sealed interface Traffic permits Traffic.Primary, Traffic.Split, Traffic.Shadow, Traffic.Canary {

    /** The other version, or 0 when every request goes to the primary alone. */
    int other();

    /** The share of requests (0 to 10,000 basis points) the other version answers. */
    int basisPoints();

    /** Every request to the primary. */
    record Primary() implements Traffic {
        @Override
        public int other() {
            return 0;
        }

        @Override
        public int basisPoints() {
            return 0;
        }
    }

    /**
     * An A/B split: {@code basisPoints} of requests go to {@code other}, chosen by a hash of the
     * request's {@code key} field, so one key always reaches the same version for a given split.
     *
     * @param other       the challenger
     * @param basisPoints its share, 1 to 9,999
     * @param key         the request field that decides, such as {@code customer_id}
     */
    record Split(int other, int basisPoints, String key) implements Traffic {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if the version is not positive or the share not strictly between 0 and 10,000
         */
        public Split {
            positive(other);
            if (basisPoints <= 0 || basisPoints >= 10_000) {
                throw new IllegalArgumentException("a split gives the challenger between 1 and 9,999 basis points: "
                        + basisPoints);
            }
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A shadow: the primary answers every request; {@code other} also scores {@code basisPoints} of
     * them off the caller's thread, and its answers are only recorded.
     *
     * @param other       the shadow version
     * @param basisPoints the sampled share, 1 to 10,000
     */
    record Shadow(int other, int basisPoints) implements Traffic {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if the version is not positive or the sample not in 1 to 10,000
         */
        public Shadow {
            positive(other);
            if (basisPoints <= 0 || basisPoints > 10_000) {
                throw new IllegalArgumentException("a shadow samples between 1 and 10,000 basis points: "
                        + basisPoints);
            }
        }
    }

    /**
     * A canary on step {@code step} of {@code plan}, since {@code since}.
     *
     * @param other the canary version
     * @param plan  its weights and bounds
     * @param step  the current step, an index into the plan's weights
     * @param since when the current step began
     */
    record Canary(int other, CanaryPlan plan, int step, Instant since) implements Traffic {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if the version is not positive or the step is not one of the plan's
         */
        public Canary {
            positive(other);
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(since, "since");
            if (step < 0 || step >= plan.basisPoints().size()) {
                throw new IllegalArgumentException("step " + step + " is not one of the plan's "
                        + plan.basisPoints().size());
            }
        }

        @Override
        public int basisPoints() {
            return plan.basisPoints().get(step);
        }
    }

    /**
     * How a canary grows: its share at each step, how long each step lasts, and the bounds it must
     * stay within relative to the primary over the step, or it is rolled back.
     *
     * @param basisPoints       the canary's share per step, increasing, each 1 to 10,000
     * @param stepEvery         how long a step lasts
     * @param maxErrorRateDelta how much higher its error rate may be than the primary's (0.01: one point)
     * @param maxLatencyRatio   how many times the primary's p99 latency its p99 may be
     * @param minRequests       requests it must have answered in a step before the step can end
     */
    record CanaryPlan(List<Integer> basisPoints, Duration stepEvery, double maxErrorRateDelta,
            double maxLatencyRatio, long minRequests) {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if the steps are empty, not increasing or out of range, or a bound is
         *         not positive
         */
        public CanaryPlan {
            basisPoints = List.copyOf(basisPoints);
            if (basisPoints.isEmpty()) {
                throw new IllegalArgumentException("a canary plan needs at least one step");
            }
            int previous = 0;
            for (int share : basisPoints) {
                if (share <= previous || share > 10_000) {
                    throw new IllegalArgumentException("canary steps must increase within 1 to 10,000 basis points: "
                            + basisPoints);
                }
                previous = share;
            }
            if (stepEvery == null || stepEvery.isNegative() || stepEvery.isZero()) {
                throw new IllegalArgumentException("a canary step must last a positive time: " + stepEvery);
            }
            if (!(maxErrorRateDelta >= 0) || !(maxLatencyRatio >= 1) || minRequests < 0) {
                throw new IllegalArgumentException("canary bounds: error-rate delta >= 0, latency ratio >= 1,"
                        + " minimum requests >= 0");
            }
        }

        /** 1%, 5%, 25%, 50%, then all; 5 minutes a step; one point more errors; twice the p99; 100 requests. */
        public static CanaryPlan standard() {
            return new CanaryPlan(List.of(100, 500, 2_500, 5_000, 10_000), Duration.ofMinutes(5), 0.01, 2.0, 100);
        }
    }

    private static void positive(int version) {
        if (version <= 0) {
            throw new IllegalArgumentException("a registry version is 1 or more: " + version);
        }
    }
}
