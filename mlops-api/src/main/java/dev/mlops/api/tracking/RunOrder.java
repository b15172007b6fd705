package dev.mlops.api.tracking;

import java.util.Comparator;
import java.util.Objects;

/**
 * How a {@link RunQuery} orders its matches. Runs without the ordering key (a metric they did not
 * log, a NaN value) come last in either direction; ties are broken by start time, newest first,
 * then by id, so paging is stable.
 *
 * @param key        what to order by
 * @param name       the metric or param name for {@link Key#METRIC} and {@link Key#PARAM}, else null
 * @param descending largest first when true
 * @since 0.1
 */
public record RunOrder(Key key, String name, boolean descending) {

    /** What runs are ordered by. */
    public enum Key { METRIC, PARAM, STARTED }

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if ordering by start time is given a name, or any other order none
     */
    public RunOrder {
        Objects.requireNonNull(key, "key");
        if ((key == Key.STARTED) != (name == null)) {
            throw new IllegalArgumentException(key == Key.STARTED ? "ordering by start time takes no name"
                    : "ordering by " + key.name().toLowerCase(java.util.Locale.ROOT) + " needs a name");
        }
    }

    /** Newest first: the default. */
    public static RunOrder newestFirst() {
        return new RunOrder(Key.STARTED, null, true);
    }

    /** This order as a comparator over runs. */
    public Comparator<RunInfo> comparator() {
        Comparator<RunInfo> tieBreak = Comparator.comparing(RunInfo::started).reversed()
                .thenComparing(RunInfo::id);
        Comparator<RunInfo> primary = switch (key) {
            case STARTED -> descending ? Comparator.comparing(RunInfo::started).reversed()
                    : Comparator.comparing(RunInfo::started);
            case METRIC -> byPresentFirst(run -> {
                MetricSummary summary = run.metrics().get(name);
                return summary == null || Double.isNaN(summary.latest()) ? null : summary.latest();
            });
            case PARAM -> byPresentFirst(run -> run.params().get(name));
        };
        return primary.thenComparing(tieBreak);
    }

    private <T extends Comparable<T>> Comparator<RunInfo> byPresentFirst(java.util.function.Function<RunInfo, T> value) {
        Comparator<T> natural = descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
        return Comparator.comparing(value, Comparator.nullsLast(natural));
    }
}
