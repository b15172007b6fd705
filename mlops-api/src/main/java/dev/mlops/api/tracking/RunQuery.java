package dev.mlops.api.tracking;

import dev.mlops.api.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * A search over the runs of an experiment: conditions that must all hold, an order, and a page.
 * Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * RunQuery best = RunQuery.all()
 *     .status(RunStatus.FINISHED)
 *     .metric("accuracy", RunFilter.Comparison.GREATER, 0.85)
 *     .orderByMetric("accuracy", true)
 *     .limit(10);
 * }</pre>
 *
 * @since 0.1
 */
public final class RunQuery {

    /** The page size when none is set. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 100_000;

    private final List<RunFilter> filters;
    private final RunOrder order;
    private final int offset;
    private final int limit;

    private RunQuery(List<RunFilter> filters, RunOrder order, int offset, int limit) {
        this.filters = List.copyOf(filters);
        this.order = order;
        this.offset = offset;
        this.limit = limit;
    }

    /**
     * The query a text names, in the language the run browser's filter box takes:
     *
     * <pre>
     * metrics.accuracy &gt; 0.85 and params.model = 'xgboost' and status in (finished, failed)
     *     and tags.`team name` = 'o''brien' and started &gt;= '2026-11-01T00:00:00Z' order by metrics.accuracy desc
     * </pre>
     *
     * Conditions joined by {@code and}: {@code metrics.<name> <op> <number>} with {@code <, <=, =, !=,
     * >=, >}; {@code params.<name> = '<value>'}; {@code tags.<name> = '<value>'}; {@code status =
     * <status>} or {@code status in (<status>, ...)}; {@code parent = '<run id>'}; {@code started >=
     * '<instant>'} and {@code started < '<instant>'}. Then optionally {@code order by metrics.<name>},
     * {@code params.<name>} or {@code started}, with {@code asc} or {@code desc} (a metric or param
     * defaults to descending, start time to newest first). A name holding other characters than
     * letters, digits and {@code _ - . / :} is written in backticks (a backtick doubled), a value in
     * single quotes (a quote doubled). Keywords and statuses ignore case. The empty text is every run.
     * {@link #text()} writes a query this way.
     *
     * @throws InvalidInputException naming the character where the text stops making sense, and why
     */
    public static RunQuery parse(String text) {
        return RunQueryText.parse(Objects.requireNonNull(text, "text"));
    }

    /** This query's conditions and order in the language {@link #parse} reads (offset and limit aside). */
    public String text() {
        return RunQueryText.write(filters, order);
    }

    /** Every run, newest first, first {@value #DEFAULT_LIMIT}. */
    public static RunQuery all() {
        return new RunQuery(List.of(), RunOrder.newestFirst(), 0, DEFAULT_LIMIT);
    }

    /** Adds a condition. */
    public RunQuery where(RunFilter filter) {
        List<RunFilter> more = new ArrayList<>(filters);
        more.add(Objects.requireNonNull(filter, "filter"));
        return new RunQuery(more, order, offset, limit);
    }

    /** Only runs whose status is one of {@code statuses}. */
    public RunQuery status(RunStatus first, RunStatus... more) {
        EnumSet<RunStatus> statuses = EnumSet.of(first);
        statuses.addAll(Arrays.asList(more));
        return where(new RunFilter.Status(statuses));
    }

    /** Only runs whose latest {@code metric} compares with {@code bound}. */
    public RunQuery metric(String metric, RunFilter.Comparison comparison, double bound) {
        return where(new RunFilter.Metric(metric, comparison, bound));
    }

    /** Only runs whose param {@code name} is {@code value}. */
    public RunQuery param(String name, String value) {
        return where(new RunFilter.Param(name, value));
    }

    /** Only runs whose tag {@code name} is {@code value}. */
    public RunQuery tag(String name, String value) {
        return where(new RunFilter.Tag(name, value));
    }

    /** Only runs started in {@code [from, until)}; either may be null for no bound. */
    public RunQuery startedBetween(Instant from, Instant until) {
        return where(new RunFilter.StartedBetween(from, until));
    }

    /** Only direct children of the run {@code parentId}. */
    public RunQuery childrenOf(String parentId) {
        return where(new RunFilter.Parent(parentId));
    }

    /** Orders by a metric's latest value; runs without it come last. */
    public RunQuery orderByMetric(String metric, boolean descending) {
        return orderBy(new RunOrder(RunOrder.Key.METRIC, metric, descending));
    }

    /** Orders as given. */
    public RunQuery orderBy(RunOrder newOrder) {
        return new RunQuery(filters, Objects.requireNonNull(newOrder, "order"), offset, limit);
    }

    /**
     * Skips the first {@code skip} matches.
     *
     * @throws IllegalArgumentException if {@code skip} is negative
     */
    public RunQuery offset(int skip) {
        if (skip < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + skip);
        }
        return new RunQuery(filters, order, skip, limit);
    }

    /**
     * Returns at most {@code max} matches (1 to {@value #MAX_LIMIT}).
     *
     * @throws IllegalArgumentException if {@code max} is outside that range
     */
    public RunQuery limit(int max) {
        if (max < 1 || max > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + max);
        }
        return new RunQuery(filters, order, offset, max);
    }

    public List<RunFilter> filters() {
        return filters;
    }

    public RunOrder order() {
        return order;
    }

    public int offset() {
        return offset;
    }

    public int limit() {
        return limit;
    }

    /** Whether {@code run} meets every condition. */
    public boolean matches(RunInfo run) {
        for (RunFilter filter : filters) {
            if (!filter.matches(run)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Answers this query over runs already in memory: the reference semantics every store must
     * agree with.
     */
    public RunPage apply(java.util.Collection<RunInfo> runs) {
        List<RunInfo> matches = new ArrayList<>();
        for (RunInfo run : runs) {
            if (matches(run)) {
                matches.add(run);
            }
        }
        matches.sort(order.comparator());
        int from = Math.min(offset, matches.size());
        int to = (int) Math.min((long) from + limit, matches.size());
        return new RunPage(matches.subList(from, to), matches.size(), offset);
    }

    @Override
    public String toString() {
        return "RunQuery" + filters + " order " + order + " offset " + offset + " limit " + limit;
    }
}
