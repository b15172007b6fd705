package dev.mlops.tracking.postgres;

import dev.mlops.tracking.postgres.internal.Database;
import dev.mlops.tracking.store.Limits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link PostgresTracking} opens a store. Immutable; each method returns a changed copy.
 *
 * <ul>
 *   <li>{@link #schema(String)}: the schema the store's tables live in (default {@code mlops}); created
 *       by the migrations when missing, which needs the CREATE privilege on the database, never a
 *       superuser.</li>
 *   <li>{@link #migrate(boolean)}: apply pending migrations on open (default), or, when the
 *       application runs migrations itself, only check that the schema is up to date and refuse to
 *       open otherwise, saying which migrations are pending.</li>
 *   <li>{@link #clock(Clock)}, {@link #actor(String)}, {@link #workingDirectory(Path)},
 *       {@link #metricBatchSize(int)}: as the file store's {@code LocalOptions}.</li>
 *   <li>{@link #heartbeat(Duration)}: how often an open run tells the database its process is alive
 *       (default 30 s); a running run silent for three heartbeats reads as ABANDONED.</li>
 *   <li>{@link #maxAttempts(int)}: how many times a transaction PostgreSQL cancels for a
 *       serialization failure or a deadlock is tried (default 10).</li>
 *   <li>{@link #blobsIn(Path)}: keep artifact, model and dataset bodies in a directory every client
 *       shares (a network file system) instead of the database (the default: in chunks of 1 MiB).</li>
 * </ul>
 */
public final class PostgresOptions {

    private final Draft values;

    private PostgresOptions(Draft values) {
        this.values = values;
    }

    /** The defaults. */
    public static PostgresOptions defaults() {
        return new PostgresOptions(new Draft());
    }

    /**
     * These options with the store's tables in {@code name}.
     *
     * @throws IllegalArgumentException unless it is 1 to 63 lower-case letters, digits or underscores,
     *         starting with a letter or underscore, and not {@code pg_...}
     */
    public PostgresOptions schema(String name) {
        Database.requireSchema(name);
        return with(d -> d.schema = name);
    }

    public PostgresOptions migrate(boolean apply) {
        return with(d -> d.migrate = apply);
    }

    public PostgresOptions clock(Clock newClock) {
        Objects.requireNonNull(newClock, "clock");
        return with(d -> d.clock = newClock);
    }

    /**
     * These options attributing registry changes to {@code newActor}.
     *
     * @throws IllegalArgumentException if it is blank, longer than 250 characters or not valid Unicode text
     */
    public PostgresOptions actor(String newActor) {
        Objects.requireNonNull(newActor, "actor");
        if (newActor.isBlank() || newActor.length() > 250 || Limits.loneSurrogate(newActor) >= 0
                || Limits.nul(newActor) >= 0) {
            throw new IllegalArgumentException("actor must be 1 to 250 characters of valid Unicode text without NUL,"
                    + " not blank");
        }
        return with(d -> d.actor = newActor);
    }

    /** Where git is looked for when a run's environment is recorded; null to skip git. */
    public PostgresOptions workingDirectory(Path directory) {
        return with(d -> d.workingDirectory = directory);
    }

    /**
     * These options writing metric points in batches of {@code points}.
     *
     * @throws IllegalArgumentException if {@code points} is not between 1 and 1,000,000
     */
    public PostgresOptions metricBatchSize(int points) {
        if (points < 1 || points > 1_000_000) {
            throw new IllegalArgumentException("metric batch size must be between 1 and 1,000,000: " + points);
        }
        return with(d -> d.metricBatchSize = points);
    }

    /**
     * These options refreshing an open run's heartbeat every {@code period}.
     *
     * @throws IllegalArgumentException unless it is between 1 second and 1 hour
     */
    public PostgresOptions heartbeat(Duration period) {
        if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("heartbeat must be between 1 second and 1 hour: " + period);
        }
        return with(d -> d.heartbeat = period);
    }

    /**
     * These options trying a transaction at most {@code attempts} times.
     *
     * @throws IllegalArgumentException unless it is between 1 and 100
     */
    public PostgresOptions maxAttempts(int attempts) {
        if (attempts < 1 || attempts > 100) {
            throw new IllegalArgumentException("attempts must be between 1 and 100: " + attempts);
        }
        return with(d -> d.maxAttempts = attempts);
    }

    /** These options keeping bodies under {@code directory}, shared by every client; null keeps them in the database. */
    public PostgresOptions blobsIn(Path directory) {
        return with(d -> d.blobDirectory = directory);
    }

    /** The shared body directory, or null when bodies are kept in the database. */
    public Path blobDirectory() {
        return values.blobDirectory;
    }

    public String schema() {
        return values.schema;
    }

    public boolean migrate() {
        return values.migrate;
    }

    public Clock clock() {
        return values.clock;
    }

    public String actor() {
        return values.actor;
    }

    /** Where git is looked for, or null when it is not. */
    public Path workingDirectory() {
        return values.workingDirectory;
    }

    public int metricBatchSize() {
        return values.metricBatchSize;
    }

    public Duration heartbeat() {
        return values.heartbeat;
    }

    public int maxAttempts() {
        return values.maxAttempts;
    }

    @Override
    public String toString() {
        return "PostgresOptions[schema=" + values.schema + ", migrate=" + values.migrate + ", actor=" + values.actor
                + ", metricBatchSize=" + values.metricBatchSize + ", heartbeat=" + values.heartbeat + ", maxAttempts="
                + values.maxAttempts + ", blobs=" + (values.blobDirectory == null ? "database" : values.blobDirectory)
                + "]";
    }

    private PostgresOptions with(Consumer<Draft> change) {
        Draft copy = values.copy();
        change.accept(copy);
        return new PostgresOptions(copy);
    }

    /** The values, changed only on a fresh copy before it is wrapped. */
    private static final class Draft {
        String schema = "mlops";
        boolean migrate = true;
        Clock clock = Clock.systemUTC();
        String actor = Limits.repaired(System.getProperty("user.name", "unknown"));
        Path workingDirectory = Path.of("").toAbsolutePath();
        int metricBatchSize = 1024;
        Duration heartbeat = Duration.ofSeconds(30);
        int maxAttempts = 10;
        Path blobDirectory;

        Draft copy() {
            Draft copy = new Draft();
            copy.schema = schema;
            copy.migrate = migrate;
            copy.clock = clock;
            copy.actor = actor;
            copy.workingDirectory = workingDirectory;
            copy.metricBatchSize = metricBatchSize;
            copy.heartbeat = heartbeat;
            copy.maxAttempts = maxAttempts;
            copy.blobDirectory = blobDirectory;
            return copy;
        }
    }
}
