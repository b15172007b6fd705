package dev.mlops.core.pipeline;

import dev.mlops.api.pipeline.Gate;
import dev.mlops.api.pipeline.GateResult;
import dev.mlops.api.pipeline.Recipe;
import dev.mlops.api.pipeline.Reproducible;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in gates: thresholds on a metric, and the challenger against the champion.
 *
 * <pre>{@code
 * .gate(Gates.atLeast("accuracy", 0.85), Gates.beatsChampion("accuracy", 0.005))
 * }</pre>
 *
 * <p>A metric that is absent or NaN fails every gate on it: a model is never registered on a
 * figure that could not be computed.
 *
 * @since 0.1
 */
public final class Gates {

    /** The built-in metrics where a smaller value is better; every other metric is better larger. */
    public static final Set<String> SMALLER_IS_BETTER = Set.of("error", "logLoss", "rmse", "mae", "mape");

    private Gates() {
    }

    /**
     * Passes when {@code metric} is at least {@code threshold}.
     *
     * @throws IllegalArgumentException if the threshold is NaN or the metric name is blank
     */
    public static Gate atLeast(String metric, double threshold) {
        return threshold(metric, threshold, true);
    }

    /**
     * Passes when {@code metric} is at most {@code threshold}.
     *
     * @throws IllegalArgumentException if the threshold is NaN or the metric name is blank
     */
    public static Gate atMost(String metric, double threshold) {
        return threshold(metric, threshold, false);
    }

    /**
     * Passes when there is no champion, or when the new model beats the champion on {@code metric}
     * by at least {@code margin} (in the metric's own units; larger is better unless the metric is
     * in {@link #SMALLER_IS_BETTER}). A champion whose metric could not be computed fails it.
     *
     * @throws IllegalArgumentException if the margin is negative or NaN, or the metric name is blank
     */
    public static Gate beatsChampion(String metric, double margin) {
        return beatsChampion(metric, margin, !SMALLER_IS_BETTER.contains(metric));
    }

    /**
     * As {@link #beatsChampion(String, double)}, saying which way is better.
     *
     * @throws IllegalArgumentException if the margin is negative or NaN, or the metric name is blank
     */
    public static Gate beatsChampion(String metric, double margin, boolean largerIsBetter) {
        requireName(metric);
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("a margin is 0 or more: " + margin);
        }
        String description = metric + (largerIsBetter ? " >= champion + " : " <= champion - ") + margin;
        return new Rule(description, Recipe.of("gate.beatsChampion", metric, margin, largerIsBetter),
                (candidate, champion) -> {
            if (champion.isEmpty()) {
                return new GateResult(description, true, "no champion to beat");
            }
            double mine = value(candidate, metric);
            double theirs = value(champion, metric);
            if (Double.isNaN(mine) || Double.isNaN(theirs)) {
                return new GateResult(description, false, metric + " is not available (new " + show(mine)
                        + ", champion " + show(theirs) + ")");
            }
            boolean passed = largerIsBetter ? mine >= theirs + margin : mine <= theirs - margin;
            return new GateResult(description, passed, metric + " " + show(mine) + " vs champion " + show(theirs)
                    + (passed ? ": wins by " : ": does not win by ") + margin);
        });
    }

    private static Gate threshold(String metric, double threshold, boolean atLeast) {
        requireName(metric);
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("a threshold is a number, not NaN");
        }
        String description = metric + (atLeast ? " >= " : " <= ") + threshold;
        return new Rule(description, Recipe.of(atLeast ? "gate.atLeast" : "gate.atMost", metric, threshold),
                (candidate, champion) -> {
            double value = value(candidate, metric);
            if (Double.isNaN(value)) {
                return new GateResult(description, false, metric + " is not available; metrics are "
                        + candidate.keySet());
            }
            boolean passed = atLeast ? value >= threshold : value <= threshold;
            return new GateResult(description, passed, metric + " " + show(value) + (passed ? " meets " : " misses ")
                    + description);
        });
    }

    /** A built-in gate: its description and its rule. */
    private record Rule(String description, Recipe recipe,
            java.util.function.BiFunction<Map<String, Double>, Map<String, Double>, GateResult> rule)
            implements Gate, Reproducible {
        @Override
        public GateResult check(Map<String, Double> candidate, Map<String, Double> champion) {
            return rule.apply(candidate, champion);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static double value(Map<String, Double> metrics, String metric) {
        Double value = metrics.get(metric);
        return value == null ? Double.NaN : value;
    }

    private static String show(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static void requireName(String metric) {
        Objects.requireNonNull(metric, "metric");
        if (metric.isBlank()) {
            throw new IllegalArgumentException("a gate names a metric");
        }
    }
}
