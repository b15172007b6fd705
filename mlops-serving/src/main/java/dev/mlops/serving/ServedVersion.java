package dev.mlops.serving;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A version as one deployment serves it: its predictor, its metrics, and a count of the requests in
 * flight on it, so that it is released only when the last request that started on it has ended.
 */
final class ServedVersion {

    final Predictor predictor;
    final VersionMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean retired;

    ServedVersion(Predictor predictor, VersionMetrics metrics) {
        this.predictor = predictor;
        this.metrics = metrics;
    }

    int version() {
        return predictor.version();
    }

    void enter() {
        inFlight.incrementAndGet();
    }

    /** Ends a request; true when it was the last on a retired version, which the caller then releases. */
    boolean leave() {
        return inFlight.decrementAndGet() == 0 && retired && released.compareAndSet(false, true);
    }

    /** Retires it; true when no request is in flight, so the caller releases it now. */
    boolean retire() {
        retired = true;
        return inFlight.get() == 0 && released.compareAndSet(false, true);
    }

    int inFlight() {
        return inFlight.get();
    }
}
