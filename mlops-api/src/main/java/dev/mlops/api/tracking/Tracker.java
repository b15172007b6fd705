package dev.mlops.api.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tracking store: experiments and their runs, dataset versions and the model registry. Safe to
 * share between threads; close it when done.
 *
 * @since 0.1
 */
public interface Tracker extends AutoCloseable {

    /** The experiment named {@code name}, created if absent. */
    Experiment experiment(String name);

    /** Every experiment's name, sorted. */
    List<String> experimentNames();

    /** The run with {@code runId}, if any. */
    Optional<RunInfo> findRun(String runId);

    /**
     * The run with {@code runId}.
     *
     * @throws NotFoundException if there is none
     */
    default RunInfo run(String runId) {
        return findRun(runId).orElseThrow(() -> new NotFoundException("no run has id '" + runId + "'"));
    }

    /**
     * Opens an existing, still running run to log to it from here (another thread or process).
     * Closing the returned run flushes it but does not end it; {@link Run#end} does.
     *
     * @throws NotFoundException if there is no such run
     * @throws ConflictException if it has ended
     */
    Run attach(String runId);

    /** Every point of {@code metric} the run logged and flushed, in the order logged. */
    List<MetricPoint> metricHistory(String runId, String metric);

    /**
     * The content of a run's artifact, checked against its SHA-256.
     *
     * @throws NotFoundException if the run has no artifact at {@code path}
     * @throws StoreException    if the stored content no longer matches its SHA-256
     */
    byte[] artifact(String runId, String path);

    /** Runs side by side. */
    default RunComparison compare(List<String> runIds) {
        List<RunInfo> runs = new ArrayList<>();
        for (String id : runIds) {
            runs.add(run(id));
        }
        return RunComparison.of(runs);
    }

    /** The dataset versions. */
    Datasets datasets();

    /**
     * The review queue named {@code name}, holding at most {@code capacity} waiting items; created on
     * first use. The capacity is the one given at this call (a queue holding more waiting items than it
     * takes no more until some are reviewed).
     *
     * @throws dev.mlops.api.InvalidInputException if the name is not a valid store name
     * @throws IllegalArgumentException            if the capacity is not positive
     */
    ReviewQueue reviewQueue(String name, int capacity);

    /** The model registry. */
    ModelRegistry registry();

    /** Flushes open runs' buffered metrics and releases files; open runs are not ended. */
    @Override
    void close();
}
