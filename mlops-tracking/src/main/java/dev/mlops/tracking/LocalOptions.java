package dev.mlops.tracking;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How {@link Tracking#local(Path, LocalOptions)} opens the file store. Immutable; each method
 * returns a changed copy.
 *
 * <ul>
 *   <li>{@link #clock(Clock)}: where run, metric and registry timestamps come from (default: UTC system clock).</li>
 *   <li>{@link #actor(String)}: who registry changes are attributed to in the audit log (default: the
 *       {@code user.name} system property).</li>
 *   <li>{@link #syncEveryMetric(boolean)}: force every metric point to disk before {@code logMetric}
 *       returns (default false: points are batched, see {@link dev.mlops.api.tracking.Run}).</li>
 *   <li>{@link #metricBatchSize(int)}: points per batch in the buffered mode (default 1,024).</li>
 *   <li>{@link #workingDirectory(Path)}: where to look for a git checkout when recording a run's
 *       environment (default: the process's working directory; null to skip git).</li>
 * </ul>
 */
public final class LocalOptions {

    private final Clock clock;
    private final String actor;
    private final boolean syncEveryMetric;
    private final int metricBatchSize;
    private final Path workingDirectory;

    private LocalOptions(Clock clock, String actor, boolean syncEveryMetric, int metricBatchSize,
            Path workingDirectory) {
        this.clock = clock;
        this.actor = actor;
        this.syncEveryMetric = syncEveryMetric;
        this.metricBatchSize = metricBatchSize;
        this.workingDirectory = workingDirectory;
    }

    /** The defaults. */
    public static LocalOptions defaults() {
        return new LocalOptions(Clock.systemUTC(),
                dev.mlops.tracking.store.Limits.repaired(System.getProperty("user.name", "unknown")), false, 1024,
                Path.of("").toAbsolutePath());
    }

    public LocalOptions clock(Clock newClock) {
        return new LocalOptions(Objects.requireNonNull(newClock, "clock"), actor, syncEveryMetric, metricBatchSize,
                workingDirectory);
    }

    /**
     * These options attributing registry changes to {@code newActor}.
     *
     * @throws IllegalArgumentException if it is blank, longer than 250 characters or not valid Unicode text
     */
    public LocalOptions actor(String newActor) {
        Objects.requireNonNull(newActor, "actor");
        if (newActor.isBlank() || newActor.length() > 250) {
            throw new IllegalArgumentException("actor must be 1 to 250 characters, not blank: '" + newActor + "'");
        }
        if (dev.mlops.tracking.store.Limits.loneSurrogate(newActor) >= 0) {
            throw new IllegalArgumentException("actor holds a lone UTF-16 surrogate, which is not valid Unicode text");
        }
        if (dev.mlops.tracking.store.Limits.nul(newActor) >= 0) {
            throw new IllegalArgumentException("actor holds NUL (U+0000), which not every store can hold");
        }
        return new LocalOptions(clock, newActor, syncEveryMetric, metricBatchSize, workingDirectory);
    }

    public LocalOptions syncEveryMetric(boolean sync) {
        return new LocalOptions(clock, actor, sync, metricBatchSize, workingDirectory);
    }

    /**
     * These options appending metric points in batches of {@code points}.
     *
     * @throws IllegalArgumentException if {@code points} is not between 1 and 1,000,000
     */
    public LocalOptions metricBatchSize(int points) {
        if (points < 1 || points > 1_000_000) {
            throw new IllegalArgumentException("metric batch size must be between 1 and 1,000,000: " + points);
        }
        return new LocalOptions(clock, actor, syncEveryMetric, points, workingDirectory);
    }

    public LocalOptions workingDirectory(Path directory) {
        return new LocalOptions(clock, actor, syncEveryMetric, metricBatchSize, directory);
    }

    public Clock clock() {
        return clock;
    }

    public String actor() {
        return actor;
    }

    public boolean syncEveryMetric() {
        return syncEveryMetric;
    }

    public int metricBatchSize() {
        return metricBatchSize;
    }

    /** Where git is looked for, or null when it is not. */
    public Path workingDirectory() {
        return workingDirectory;
    }
}
