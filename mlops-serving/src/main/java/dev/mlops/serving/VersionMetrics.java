package dev.mlops.serving;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and a latency histogram for one version in one role. Recording is lock-free and
 * allocation-free (HdrHistogram's {@link Recorder}: writers never wait for a reader), and striped:
 * threads record into one of a few recorders chosen by thread id, so that two cores do not fight
 * over one histogram's counters. A snapshot folds every stripe's interval since the previous one
 * into a running total. Memory is fixed: a few hundred kilobytes per stripe.
 */
final class VersionMetrics {

    /** Latencies up to a minute are kept with three significant digits; longer ones count as a minute. */
    private static final long HIGHEST_NANOS = Duration.ofMinutes(1).toNanos();
    /** Twice the cores, a power of two between 4 and 16. */
    private static final int STRIPES = Integer.highestOneBit(Math.min(16,
            Math.max(2, Runtime.getRuntime().availableProcessors()) * 2));

    private final int version;
    private final Role role;
    private final Instant since;
    private final LongAdder requests = new LongAdder();
    private final LongAdder remembered = new LongAdder();
    private final LongAdder unwatched = new LongAdder();
    private final LongAdder[] errors = new LongAdder[ErrorKind.values().length];
    private final Recorder[] latency = new Recorder[STRIPES];
    private final Histogram total = new Histogram(HIGHEST_NANOS, 3);
    /** Per stripe, the histogram its recorder hands back and takes again (a recorder accepts only its own). */
    private final Histogram[] intervals = new Histogram[STRIPES];

    VersionMetrics(int version, Role role, Instant since) {
        this.version = version;
        this.role = role;
        this.since = since;
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new Recorder(HIGHEST_NANOS, 3);
        }
    }

    void record(long nanos, ErrorKind error) {
        requests.increment();
        if (error != null) {
            errors[error.ordinal()].increment();
        }
        int stripe = (int) Thread.currentThread().getId() & (STRIPES - 1);
        latency[stripe].recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
    }

    /** Counts a request that failed before it could be timed (a shadow whose turn came too late). */
    void recordUnmeasured(ErrorKind error) {
        requests.increment();
        errors[error.ordinal()].increment();
    }

    /** Counts an answer its monitor could not record (it is still answered). */
    void unwatched() {
        unwatched.increment();
    }

    long unwatchedCount() {
        return unwatched.sum();
    }

    /** Counts a request answered from memory (it is also counted by {@link #record}). */
    void remembered() {
        remembered.increment();
    }

    long rememberedCount() {
        return remembered.sum();
    }

    int version() {
        return version;
    }

    Role role() {
        return role;
    }

    long requests() {
        return requests.sum();
    }

    long errors(ErrorKind kind) {
        return errors[kind.ordinal()].sum();
    }

    synchronized VersionStats snapshot(Clock clock) {
        for (int i = 0; i < latency.length; i++) {
            intervals[i] = latency[i].getIntervalHistogram(intervals[i]);
            total.add(intervals[i]);
        }
        Map<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : ErrorKind.values()) {
            byKind.put(kind, errors[kind.ordinal()].sum());
        }
        long count = requests.sum();
        double seconds = Math.max(Duration.between(since, clock.instant()).toNanos(), 1) / 1e9;
        return new VersionStats(version, role, count, remembered.sum(), byKind, micros(total.getValueAtPercentile(50)),
                micros(total.getValueAtPercentile(95)), micros(total.getValueAtPercentile(99)),
                micros(total.getMaxValue()), count / seconds);
    }

    private static double micros(long nanos) {
        return nanos / 1_000.0;
    }
}
