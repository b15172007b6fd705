package dev.mlops.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.api.Features;
import dev.mlops.api.Prediction;
import dev.mlops.api.PredictionId;
import dev.mlops.serving.monitor.LiveMonitor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A version as one deployment serves it: its predictor, its metrics, and counts of the requests that
 * entered and left it, so that it is released only when the last request that started on it has
 * ended. The counts are striped ({@link LongAdder}) so that threads do not contend on one counter;
 * whoever leaves a retired version last sees the two sums equal and releases it.
 */
final class ServedVersion {

    final Predictor predictor;
    final VersionMetrics metrics;
    /** Watches its answers; null when the deployment does not monitor. */
    final LiveMonitor monitor;
    /** Answers to rows seen before, without their origin; null when memoisation is off. */
    private final Cache<Features, Prediction> memo;
    private final LongAdder entered = new LongAdder();
    private final LongAdder left = new LongAdder();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean retired;

    ServedVersion(Predictor predictor, VersionMetrics metrics, int memoEntries, LiveMonitor monitor) {
        this.predictor = predictor;
        this.metrics = metrics;
        this.monitor = monitor;
        this.memo = memoEntries == 0 ? null : Caffeine.newBuilder().maximumSize(memoEntries).build();
    }

    /**
     * The prediction for {@code row}: remembered when the same row was answered before (only valid
     * rows are remembered, so a remembered row needs no check), with a fresh prediction id each time.
     */
    Prediction predict(Features row) {
        if (memo == null) {
            return predictor.predict(row);
        }
        Prediction known = memo.getIfPresent(row);
        if (known != null) {
            metrics.remembered();
            return known.withOrigin(new Prediction.Origin(PredictionId.next(), predictor.model(),
                    predictor.version()));
        }
        Prediction answer = predictor.predict(row);
        memo.put(row, answer);
        return answer;
    }

    int version() {
        return predictor.version();
    }

    void enter() {
        entered.increment();
    }

    /** Ends a request; true when it was the last on a retired version, which the caller then releases. */
    boolean leave() {
        left.increment();
        return retired && idle() && released.compareAndSet(false, true);
    }

    /**
     * Records a request's latency and error in the version's metrics and monitor; a failure counts in
     * the monitor's error rate unless it was the caller's invalid input.
     */
    void finished(long nanos, ErrorKind error) {
        metrics.record(nanos, error);
        if (monitor != null) {
            monitor.outcome(nanos, error != null && error != ErrorKind.INVALID_INPUT);
        }
    }

    /** Counts an answer in this version's monitor; monitoring never fails the request it watches. */
    void watch(Features row, Prediction answer) {
        if (monitor != null) {
            try {
                monitor.record(row, answer);
            } catch (RuntimeException e) {
                metrics.unwatched();
            }
        }
    }

    /** Retires it; true when no request is in flight, so the caller releases it now. */
    boolean retire() {
        if (monitor != null && !retired) {
            monitor.closeWindow(); // the requests it answered last are still worked out
            monitor.close();
        }
        retired = true;
        return idle() && released.compareAndSet(false, true);
    }

    /** Whether every request that entered has left: {@code left} is read first, so a late entry is never missed. */
    private boolean idle() {
        long out = left.sum();
        return entered.sum() == out;
    }
}
