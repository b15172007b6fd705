package dev.mlops.serving.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How a version is watched: its windows (by count of requests or by time, tumbling or sliding), the
 * rows a window needs before anything is decided, and how alarms are raised and cleared. Immutable;
 * each {@code with} method returns a copy.
 *
 * <p>Windows: {@link #countWindows(int) countWindows(2000)} (the default) closes a window every 2,000
 * requests; {@link #timeWindows(Duration)} closes one when its time is up (on the injected
 * {@link Clock}), keeping at most {@link #maxRows(int) maxRows} of its requests, sampled uniformly
 * when there are more. {@link #slidingOver(int) slidingOver(k)} makes each window the last {@code k}
 * such steps, so windows overlap and one closes every step.
 *
 * <p>Alarms: a subject (a feature's drift, the dataset's, the predictions', the estimated accuracy)
 * raises an alarm after {@link #raiseAfter(int) raiseAfter} consecutive windows beyond its threshold,
 * and clears after {@link #clearAfter(int) clearAfter} consecutive windows safely inside it: a
 * distance below {@code clearFactor} times its threshold, a p-value above the threshold divided by
 * {@code clearFactor}. After it clears, it cannot raise again for {@link #cooldown(int) cooldown}
 * windows. A borderline feature therefore does not alarm on every window.
 *
 * @since 0.1
 */
public final class MonitorSettings {

    /**
     * Requests per window by default. A window is a sample, and a distance between samples is never 0:
     * the Jensen-Shannon distance of {@code n} rows of a column with {@code k} categories from their own
     * distribution is about {@code sqrt((k - 1) / (8 n ln 2))}, 0.085 for Adult's 41 countries in 1,000
     * rows, too near the default threshold of 0.1; 2,000 rows bring it to 0.06.
     */
    public static final int DEFAULT_WINDOW = 2_000;

    private final int windowRows;
    private final Duration windowTime;
    private final int maxRows;
    private final int slidingSteps;
    private final int minRows;
    private final int raiseAfter;
    private final int clearAfter;
    private final double clearFactor;
    private final int cooldown;
    private final double accuracyDrop;
    private final int minLabels;
    private final double maxErrorRate;
    private final Duration maxP99;
    private final int pendingLabels;
    private final Duration labelExpiry;
    private final Clock clock;
    private final Executor executor;
    private final MonitorListener listener;
    private final dev.mlops.api.tracking.Tracker tracker;

    private MonitorSettings(int windowRows, Duration windowTime, int maxRows, int slidingSteps, int minRows,
            int raiseAfter, int clearAfter, double clearFactor, int cooldown, double accuracyDrop, int minLabels,
            int pendingLabels, Duration labelExpiry, double maxErrorRate, Duration maxP99, Clock clock,
            Executor executor, MonitorListener listener, dev.mlops.api.tracking.Tracker tracker) {
        this.tracker = tracker;
        this.maxErrorRate = maxErrorRate;
        this.maxP99 = maxP99;
        this.minLabels = minLabels;
        this.pendingLabels = pendingLabels;
        this.labelExpiry = labelExpiry;
        this.windowRows = windowRows;
        this.windowTime = windowTime;
        this.maxRows = maxRows;
        this.slidingSteps = slidingSteps;
        this.minRows = minRows;
        this.raiseAfter = raiseAfter;
        this.clearAfter = clearAfter;
        this.clearFactor = clearFactor;
        this.cooldown = cooldown;
        this.accuracyDrop = accuracyDrop;
        this.clock = clock;
        this.executor = executor;
        this.listener = listener;
    }

    /**
     * The defaults: tumbling windows of 2,000 requests, decisions from 200 rows, raise after 2 windows,
     * clear after 2 (clear factor 0.8), cooldown 5 windows, an estimated accuracy drop of 0.05 alarms,
     * no answers kept for labels ({@link #labels} turns that on),
     * the system clock, windows worked out on one shared background thread, no listener.
     */
    public static MonitorSettings defaults() {
        return new MonitorSettings(DEFAULT_WINDOW, null, 10_000, 1, 200, 2, 2, 0.8, 5, 0.05, 100, 0,
                Duration.ofDays(7), 0.01, null, Clock.systemUTC(), MonitorThreads.shared(), MonitorListener.NONE, null);
    }

    private MonitorSettings copy(int windowRows, Duration windowTime, int maxRows, int slidingSteps, int minRows,
            int raiseAfter, int clearAfter, double clearFactor, int cooldown, double accuracyDrop, Clock clock,
            Executor executor, MonitorListener listener) {
        return new MonitorSettings(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter,
                clearFactor, cooldown, accuracyDrop, minLabels, pendingLabels, labelExpiry, maxErrorRate, maxP99, clock,
                executor, listener, tracker);
    }

    /**
     * The share of failed requests (other than by the caller's invalid input) above which a window
     * alarms; default 0.01.
     *
     * @throws IllegalArgumentException unless 0 &lt;= rate &lt;= 1
     */
    public MonitorSettings maxErrorRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("an error rate is in [0, 1]: " + rate);
        }
        return new MonitorSettings(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter,
                clearFactor, cooldown, accuracyDrop, minLabels, pendingLabels, labelExpiry, rate, maxP99, clock,
                executor, listener, tracker);
    }

    /**
     * The 99th percentile of latency above which a window alarms; off by default.
     *
     * @throws IllegalArgumentException unless the bound is positive
     */
    public MonitorSettings maxP99(Duration bound) {
        Objects.requireNonNull(bound, "bound");
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("a latency bound is positive: " + bound);
        }
        return new MonitorSettings(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter,
                clearFactor, cooldown, accuracyDrop, minLabels, pendingLabels, labelExpiry, maxErrorRate, bound, clock,
                executor, listener, tracker);
    }

    double maxErrorRate() {
        return maxErrorRate;
    }

    Duration maxP99() {
        return maxP99;
    }

    /**
     * The labels a window needs before its measured accuracy is decided on; default 100.
     *
     * @throws IllegalArgumentException unless 1 &lt;= labels &lt;= 10,000,000
     */
    public MonitorSettings minLabels(int labels) {
        requireBetween("min labels", labels, 1, 10_000_000);
        return new MonitorSettings(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter,
                clearFactor, cooldown, accuracyDrop, labels, pendingLabels, labelExpiry, maxErrorRate, maxP99, clock,
                executor, listener, tracker);
    }

    /**
     * Keeps answers waiting for their labels ({@code Deployment.label}): at most {@code entries}
     * (beyond that, waiting answers are dropped; 0 keeps none, and labels are then refused), each for
     * at most {@code expiry}. Off by default: keeping every answer costs a map entry per request
     * (about a microsecond on an Adult row, against 0.14 for the drift accounting), so turn it on
     * when labels will come, for example {@code labels(100_000, Duration.ofDays(7))}.
     *
     * @throws IllegalArgumentException unless 0 &lt;= entries &lt;= 100,000,000 and the expiry is positive
     */
    public MonitorSettings labels(int entries, Duration expiry) {
        requireBetween("pending labels", entries, 0, 100_000_000);
        Objects.requireNonNull(expiry, "expiry");
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("labels wait for a positive time: " + expiry);
        }
        return new MonitorSettings(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter,
                clearFactor, cooldown, accuracyDrop, minLabels, entries, expiry, maxErrorRate, maxP99, clock, executor,
                listener, tracker);
    }

    /**
     * Records every monitor in {@code into} as well: a run per version and role in the experiment
     * {@code monitoring}, each window's figures as metrics and each alarm raised or cleared as an
     * event (a JSON artifact {@code events/<window>-<n>.json}).
     */
    public MonitorSettings recordTo(dev.mlops.api.tracking.Tracker into) {
        return new MonitorSettings(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter,
                clearFactor, cooldown, accuracyDrop, minLabels, pendingLabels, labelExpiry, maxErrorRate, maxP99, clock,
                executor, listener, Objects.requireNonNull(into, "tracker"));
    }

    dev.mlops.api.tracking.Tracker tracker() {
        return tracker;
    }

    int minLabels() {
        return minLabels;
    }

    /** The answers a deployment keeps waiting for labels. */
    public int pendingLabels() {
        return pendingLabels;
    }

    /** How long an answer waits for its label. */
    public Duration labelExpiry() {
        return labelExpiry;
    }

    /**
     * A window (or, when sliding, a step) every {@code rows} requests.
     *
     * @throws IllegalArgumentException unless 1 &lt;= rows &lt;= 10,000,000
     */
    public MonitorSettings countWindows(int rows) {
        requireBetween("window rows", rows, 1, 10_000_000);
        return copy(rows, null, maxRows, slidingSteps, minRows, raiseAfter, clearAfter, clearFactor, cooldown,
                accuracyDrop, clock, executor, listener);
    }

    /**
     * A window (or, when sliding, a step) every {@code length} of the clock's time.
     *
     * @throws IllegalArgumentException unless the length is at least one millisecond
     */
    public MonitorSettings timeWindows(Duration length) {
        Objects.requireNonNull(length, "window length");
        if (length.toMillis() < 1) {
            throw new IllegalArgumentException("a time window lasts at least one millisecond: " + length);
        }
        return copy(0, length, maxRows, slidingSteps, minRows, raiseAfter, clearAfter, clearFactor, cooldown,
                accuracyDrop, clock, executor, listener);
    }

    /**
     * The most requests a time window (or step) keeps; beyond it they are sampled uniformly.
     *
     * @throws IllegalArgumentException unless 1 &lt;= rows &lt;= 10,000,000
     */
    public MonitorSettings maxRows(int rows) {
        requireBetween("max rows", rows, 1, 10_000_000);
        return copy(windowRows, windowTime, rows, slidingSteps, minRows, raiseAfter, clearAfter, clearFactor,
                cooldown, accuracyDrop, clock, executor, listener);
    }

    /**
     * Each window covers the last {@code steps} steps (1: tumbling windows).
     *
     * @throws IllegalArgumentException unless 1 &lt;= steps &lt;= 1,000
     */
    public MonitorSettings slidingOver(int steps) {
        requireBetween("sliding steps", steps, 1, 1_000);
        return copy(windowRows, windowTime, maxRows, steps, minRows, raiseAfter, clearAfter, clearFactor, cooldown,
                accuracyDrop, clock, executor, listener);
    }

    /**
     * The rows a window needs before its drift and estimates are decided on.
     *
     * @throws IllegalArgumentException unless 1 &lt;= rows &lt;= 10,000,000
     */
    public MonitorSettings minRows(int rows) {
        requireBetween("min rows", rows, 1, 10_000_000);
        return copy(windowRows, windowTime, maxRows, slidingSteps, rows, raiseAfter, clearAfter, clearFactor,
                cooldown, accuracyDrop, clock, executor, listener);
    }

    /**
     * Consecutive windows beyond the threshold that raise an alarm.
     *
     * @throws IllegalArgumentException unless 1 &lt;= windows &lt;= 1,000
     */
    public MonitorSettings raiseAfter(int windows) {
        requireBetween("raise after", windows, 1, 1_000);
        return copy(windowRows, windowTime, maxRows, slidingSteps, minRows, windows, clearAfter, clearFactor,
                cooldown, accuracyDrop, clock, executor, listener);
    }

    /**
     * Consecutive windows safely inside the threshold that clear an alarm.
     *
     * @throws IllegalArgumentException unless 1 &lt;= windows &lt;= 1,000
     */
    public MonitorSettings clearAfter(int windows) {
        requireBetween("clear after", windows, 1, 1_000);
        return copy(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, windows, clearFactor,
                cooldown, accuracyDrop, clock, executor, listener);
    }

    /**
     * How far inside its threshold a score must come back to count towards clearing.
     *
     * @throws IllegalArgumentException unless 0 &lt; factor &lt;= 1
     */
    public MonitorSettings clearFactor(double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("the clear factor is in (0, 1]: " + factor);
        }
        return copy(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter, factor, cooldown,
                accuracyDrop, clock, executor, listener);
    }

    /**
     * Windows after an alarm clears during which its subject cannot raise again.
     *
     * @throws IllegalArgumentException unless 0 &lt;= windows &lt;= 100,000
     */
    public MonitorSettings cooldown(int windows) {
        requireBetween("cooldown", windows, 0, 100_000);
        return copy(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter, clearFactor,
                windows, accuracyDrop, clock, executor, listener);
    }

    /**
     * The fall of the estimated accuracy below the held-out accuracy that alarms.
     *
     * @throws IllegalArgumentException unless 0 &lt; drop &lt;= 1
     */
    public MonitorSettings accuracyDrop(double drop) {
        if (!(drop > 0 && drop <= 1)) {
            throw new IllegalArgumentException("the accuracy drop is in (0, 1]: " + drop);
        }
        return copy(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter, clearFactor,
                cooldown, drop, clock, executor, listener);
    }

    /** The clock of time windows and of the reports' times. */
    public MonitorSettings clock(Clock monitorClock) {
        return copy(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter, clearFactor,
                cooldown, accuracyDrop, Objects.requireNonNull(monitorClock, "clock"), executor, listener);
    }

    /** Where closed windows are worked out (a direct executor works them out on the request that closed them). */
    public MonitorSettings executor(Executor windowExecutor) {
        return copy(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter, clearFactor,
                cooldown, accuracyDrop, clock, Objects.requireNonNull(windowExecutor, "executor"), listener);
    }

    /** Who hears each window's report and each alarm (guarded: one that throws is logged once). */
    public MonitorSettings listener(MonitorListener monitorListener) {
        return copy(windowRows, windowTime, maxRows, slidingSteps, minRows, raiseAfter, clearAfter, clearFactor,
                cooldown, accuracyDrop, clock, executor, Objects.requireNonNull(monitorListener, "listener"));
    }

    private static void requireBetween(String what, int value, int low, int high) {
        if (value < low || value > high) {
            throw new IllegalArgumentException(what + " must be between " + low + " and " + high + ": " + value);
        }
    }

    int windowRows() {
        return windowRows;
    }

    Duration windowTime() {
        return windowTime;
    }

    /** The rows one step keeps: its size for count windows, {@code maxRows} for time windows. */
    int stepCapacity() {
        return windowTime == null ? windowRows : maxRows;
    }

    int slidingSteps() {
        return slidingSteps;
    }

    int minRows() {
        return minRows;
    }

    int raiseAfter() {
        return raiseAfter;
    }

    int clearAfter() {
        return clearAfter;
    }

    double clearFactor() {
        return clearFactor;
    }

    int cooldown() {
        return cooldown;
    }

    double accuracyDrop() {
        return accuracyDrop;
    }

    /** The clock of the windows, reports and label expiry. */
    public Clock clock() {
        return clock;
    }

    Executor executor() {
        return executor;
    }

    MonitorListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "MonitorSettings[" + (windowTime == null ? windowRows + " requests" : windowTime + " (at most "
                + maxRows + " requests)") + (slidingSteps > 1 ? ", sliding over " + slidingSteps + " steps" : "")
                + ", decisions from " + minRows + " rows, raise after " + raiseAfter + ", clear after " + clearAfter
                + " (factor " + clearFactor + "), cooldown " + cooldown + ", accuracy drop " + accuracyDrop + "]";
    }
}
