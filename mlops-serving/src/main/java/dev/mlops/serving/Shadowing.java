package dev.mlops.serving;

import dev.mlops.api.Features;
import dev.mlops.api.Prediction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Scores requests with a shadow version off the callers' threads: one daemon thread and a bounded
 * queue that drops (and counts) work when full, so a slow or stuck shadow can never slow a caller;
 * a timeout, counted from the moment the caller was answered, after which a shadow's answer is
 * discarded (and one whose turn comes after it is not computed at all, so a backlog drains fast);
 * and the comparison of every answer in time with the primary's.
 */
final class Shadowing implements AutoCloseable {

    private static final int QUEUE = 1_024;
    /** Shadow versions whose comparisons are kept, as for metrics. */
    private static final int KEPT = 8;

    private final String deployment;
    private final long timeoutNanos;
    private final DeploymentListener listener;
    private final Consumer<ServedVersion> leave;
    /** Where a shadow's answer joins the primary's to await its label; null when not monitoring. */
    private final PendingLabels pendingLabels;
    private final Map<Integer, Comparison> comparisons = new LinkedHashMap<>();
    private final ThreadPoolExecutor executor;

    /**
     * @param leave ends a shadow request on its version (entered by {@link #score}), releasing a retired
     *              version when it was the last
     */
    Shadowing(String deployment, Duration timeout, DeploymentListener listener, Consumer<ServedVersion> leave,
            PendingLabels pendingLabels) {
        this.pendingLabels = pendingLabels;
        this.deployment = deployment;
        this.timeoutNanos = timeout.toNanos();
        this.listener = listener;
        this.leave = leave;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread thread = new Thread(r, "mlops-shadow-" + deployment);
            thread.setDaemon(true);
            return thread;
        }, (task, full) -> ((Task) task).drop());
    }

    /** Has {@code shadow} score {@code row}, which the primary answered with {@code primary}; never blocks. */
    void score(ServedVersion shadow, Features row, Prediction primary) {
        shadow.enter(); // here, not on the shadow's thread: a version retired meanwhile waits for this task
        Task task = new Task(shadow, row, primary, System.nanoTime());
        try {
            executor.execute(task);
        } catch (RuntimeException shutDown) {
            task.drop();
        }
    }

    /** The comparisons of the shadows kept, oldest first. */
    List<ShadowStats> stats() {
        synchronized (comparisons) {
            List<ShadowStats> all = new ArrayList<>();
            comparisons.forEach((version, comparison) -> all.add(comparison.stats(version)));
            return all;
        }
    }

    /** Starts (or resumes) the comparison of {@code version}, so it is reported before its first answer. */
    void track(int version) {
        comparisonOf(version);
    }

    private Comparison comparisonOf(int version) {
        synchronized (comparisons) {
            Comparison found = comparisons.remove(version); // re-inserted last: kept in order of last use
            if (found == null) {
                found = new Comparison();
            }
            comparisons.put(version, found);
            while (comparisons.size() > KEPT) {
                comparisons.remove(comparisons.keySet().iterator().next());
            }
            return found;
        }
    }

    /** Stops the shadow's thread; work still queued is dropped. */
    @Override
    public void close() {
        for (Runnable pending : executor.shutdownNow()) {
            ((Task) pending).drop();
        }
    }

    /** One request to shadow. */
    private final class Task implements Runnable {
        private final ServedVersion shadow;
        private final Features row;
        private final Prediction primary;
        private final long answeredAt;

        Task(ServedVersion shadow, Features row, Prediction primary, long answeredAt) {
            this.shadow = shadow;
            this.row = row;
            this.primary = primary;
            this.answeredAt = answeredAt;
        }

        @Override
        public void run() {
            try {
                Comparison comparison = comparisonOf(shadow.version());
                if (System.nanoTime() - answeredAt > timeoutNanos) {
                    comparison.timedOut.increment();
                    shadow.metrics.recordUnmeasured(ErrorKind.TIMEOUT);
                    return;
                }
                long start = System.nanoTime();
                Prediction answer = null;
                ErrorKind error = null;
                try {
                    answer = shadow.predict(row);
                } catch (RuntimeException | Error e) {
                    error = ErrorKind.of(e);
                }
                long end = System.nanoTime();
                if (error == null && end - answeredAt > timeoutNanos) {
                    error = ErrorKind.TIMEOUT;
                    comparison.timedOut.increment();
                }
                shadow.finished(end - start, error);
                if (error == null) {
                    shadow.watch(row, answer);
                    if (pendingLabels != null) {
                        pendingLabels.shadowed(primary, shadow.monitor, answer);
                    }
                    comparison.add(primary, answer);
                    listener.shadowed(deployment, row, primary, answer);
                }
            } finally {
                leave.accept(shadow);
            }
        }

        void drop() {
            try {
                comparisonOf(shadow.version()).dropped.increment();
            } finally {
                leave.accept(shadow);
            }
        }
    }

    /** Running counts for one shadow version. */
    private static final class Comparison {
        private final LongAdder compared = new LongAdder();
        private final LongAdder agreed = new LongAdder();
        private final DoubleAdder absoluteDifference = new DoubleAdder();
        private final LongAdder dropped = new LongAdder();
        private final LongAdder timedOut = new LongAdder();

        void add(Prediction primary, Prediction shadow) {
            double difference;
            boolean same;
            if (primary instanceof Prediction.Classification p && shadow instanceof Prediction.Classification s) {
                same = p.label().equals(s.label());
                difference = p.probabilities().isEmpty() || s.probabilities().isEmpty() ? 0
                        : Math.abs(p.probability(p.label()) - s.probability(p.label()));
            } else if (primary instanceof Prediction.Regression p && shadow instanceof Prediction.Regression s) {
                difference = Math.abs(p.value() - s.value());
                same = difference <= 1e-6 * Math.max(Math.abs(p.value()), Math.abs(s.value()))
                        || p.value() == s.value();
            } else {
                return; // a shadow of another task is refused before it serves; nothing to compare
            }
            compared.increment();
            if (same) {
                agreed.increment();
            }
            if (Double.isFinite(difference)) {
                absoluteDifference.add(difference);
            }
        }

        ShadowStats stats(int version) {
            long count = compared.sum();
            return new ShadowStats(version, count, agreed.sum(), count == 0 ? 0 : absoluteDifference.sum() / count,
                    dropped.sum(), timedOut.sum());
        }
    }
}
