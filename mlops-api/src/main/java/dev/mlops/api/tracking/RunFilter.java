package dev.mlops.api.tracking;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One condition a run must meet to match a {@link RunQuery}. The conditions are plain records so
 * that a store can translate them (into SQL, say) instead of testing runs one by one; every store
 * must agree with {@link #matches(RunInfo)}.
 *
 * @since 0.1
 */
public sealed interface RunFilter {

    /** Whether {@code run} meets this condition. */
    boolean matches(RunInfo run);

    /** How a metric's latest value is compared with a bound. NaN never compares true. */
    enum Comparison {
        LESS("<"), LESS_OR_EQUAL("<="), EQUAL("="), NOT_EQUAL("!="), GREATER_OR_EQUAL(">="), GREATER(">");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in a query, such as {@code >=}. */
        public String symbol() {
            return symbol;
        }

        /** Whether {@code value <op> bound}. */
        public boolean test(double value, double bound) {
            if (Double.isNaN(value) || Double.isNaN(bound)) {
                return false;
            }
            return switch (this) {
                case LESS -> value < bound;
                case LESS_OR_EQUAL -> value <= bound;
                case EQUAL -> value == bound;
                case NOT_EQUAL -> value != bound;
                case GREATER_OR_EQUAL -> value >= bound;
                case GREATER -> value > bound;
            };
        }
    }

    /** The run's latest value of {@code name} compares with {@code bound}; runs without it never match. */
    record Metric(String name, Comparison comparison, double bound) implements RunFilter {
        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(comparison, "comparison");
        }

        @Override
        public boolean matches(RunInfo run) {
            MetricSummary summary = run.metrics().get(name);
            return summary != null && comparison.test(summary.latest(), bound);
        }
    }

    /** The run's param {@code name} equals {@code value} exactly. */
    record Param(String name, String value) implements RunFilter {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(RunInfo run) {
            return value.equals(run.params().get(name));
        }
    }

    /** The run's tag {@code name} equals {@code value} exactly. */
    record Tag(String name, String value) implements RunFilter {
        public Tag {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(RunInfo run) {
            return value.equals(run.tags().get(name));
        }
    }

    /** The run's status is one of {@code statuses}. */
    record Status(Set<RunStatus> statuses) implements RunFilter {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if no status is given
         */
        public Status {
            statuses = Set.copyOf(statuses);
            if (statuses.isEmpty()) {
                throw new IllegalArgumentException("a status filter needs at least one status");
            }
        }

        @Override
        public boolean matches(RunInfo run) {
            return statuses.contains(run.status());
        }
    }

    /** The run started at or after {@code from} and before {@code until} (either may be null: open). */
    record StartedBetween(Instant from, Instant until) implements RunFilter {
        @Override
        public boolean matches(RunInfo run) {
            return (from == null || !run.started().isBefore(from)) && (until == null || run.started().isBefore(until));
        }
    }

    /** The run is a direct child of {@code parentId}. */
    record Parent(String parentId) implements RunFilter {
        public Parent {
            Objects.requireNonNull(parentId, "parentId");
        }

        @Override
        public boolean matches(RunInfo run) {
            return parentId.equals(run.parentId());
        }
    }
}
