package dev.mlops.api.tracking;

import java.nio.file.Path;
import java.util.Map;

/**
 * An open run: what a training job logs to while it works. Closing it ends it as
 * {@link RunStatus#FINISHED} unless it already ended; use it with try-with-resources and call
 * {@link #fail(Throwable)} from a catch block so an error is recorded.
 *
 * <pre>{@code
 * try (Run run = tracker.experiment("adult").start("logistic")) {
 *     run.logParam("epochs", "20");
 *     for (int epoch = 0; epoch < 20; epoch++) {
 *         run.logMetric("loss", loss, epoch);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Durability.</b> Params, tags, artifacts, inputs and the end of the run are on disk
 * (forced) when the call returns. Metric points are buffered: they are written when a batch fills,
 * and are forced to disk when {@link #flush()} or {@link #close()} returns; a store may offer a
 * mode that forces every point before {@code logMetric} returns. A crash loses at most the points
 * logged since the last flush, never an earlier one, and never leaves a point half-written.
 *
 * <p>Limits (checked before anything is written): keys and metric names up to 250 characters,
 * param values up to 6,000, tag values up to 8,000.
 *
 * <p>A run is safe to use from several threads. Several processes may log to one run by attaching
 * to it with {@link Tracker#attach(String)}.
 *
 * @since 0.1
 */
public interface Run extends AutoCloseable {

    /** The longest key or metric name. */
    int MAX_KEY_LENGTH = 250;
    /** The longest param value. */
    int MAX_PARAM_VALUE_LENGTH = 6_000;
    /** The longest tag value. */
    int MAX_TAG_VALUE_LENGTH = 8_000;

    /** The run's id. */
    String id();

    /** The experiment it belongs to. */
    String experiment();

    /**
     * Sets a param. Setting the same value again is allowed; a different value is not.
     *
     * @throws ConflictException if the param already has another value, or the run has ended
     */
    void logParam(String key, String value);

    /** Sets several params at once, all or none. */
    void logParams(Map<String, String> params);

    /** Logs a metric point at step 0. */
    default void logMetric(String name, double value) {
        logMetric(name, value, 0);
    }

    /** Logs a metric point at {@code step}, timestamped now. */
    void logMetric(String name, double value, long step);

    /** Sets (or replaces) a tag. */
    void tag(String key, String value);

    /** Stores {@code content} as the artifact at {@code path} (such as {@code reports/summary.txt}). */
    ArtifactInfo logArtifact(String path, byte[] content);

    /**
     * Stores a file as the artifact at {@code path}, or every file under a directory with
     * {@code path} as the prefix of their relative paths.
     */
    void logArtifact(String path, Path fileOrDirectory);

    /**
     * Stores JSON text as the artifact at {@code path}, after checking that it parses.
     *
     * @throws dev.mlops.api.InvalidInputException if {@code json} is not valid JSON
     */
    ArtifactInfo logJson(String path, String json);

    /** Records that this run used {@code dataset} in {@code role}. */
    void logInput(DatasetVersion dataset, DatasetRole role);

    /** Starts a nested run under this one, in the same experiment (for tuning trials, folds). */
    Run startChild(String name);

    /** Forces every metric point logged so far to disk. */
    void flush();

    /** What the store holds for this run now. */
    RunInfo info();

    /**
     * Ends the run with {@code status}.
     *
     * @throws IllegalArgumentException if {@code status} is {@code RUNNING} or {@code ABANDONED}
     * @throws ConflictException        if the run has already ended
     */
    void end(RunStatus status);

    /** Ends the run as {@link RunStatus#FAILED}, recording {@code error}'s type, message and stack. */
    void fail(Throwable error);

    /** Flushes and, unless it already ended, ends the run as {@link RunStatus#FINISHED}. */
    @Override
    void close();
}
