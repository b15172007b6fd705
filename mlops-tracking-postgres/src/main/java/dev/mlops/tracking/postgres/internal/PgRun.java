package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.MetricSummary;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.tracking.store.BlobStore;
import dev.mlops.tracking.store.Limits;
import dev.mlops.tracking.store.RunRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An open run of the PostgreSQL store. Metadata changes are transactions that lock the run's row
 * first (the one order every writer takes its locks in). Metric points collect in a batch written
 * when it fills, on {@link #flush()} and on close: one transaction per batch, identified by a UUID
 * recorded with it, so a batch retried after its commit was acknowledged is not written twice; the
 * points go in as one row ({@link PointBatches}), and the metric summaries are folded in under the run's metric lock.
 * As the file store appends a full batch without forcing it to disk and forces on flush and close,
 * a full batch commits without waiting for the log to reach disk and flush and close commit
 * durably (which makes every earlier batch durable too). A batch that cannot be written stays held
 * and is written by the next flush or close.
 */
final class PgRun implements Run {

    /** How many batches' worth of points a run holds while the database cannot be written. */
    static final int MAX_HELD_BATCHES = 64;
    /**
     * The largest file logged as an artifact: a file is stored streaming, but an artifact is read back
     * whole, as one array ({@code Tracker.artifact}).
     */
    static final long MAX_FILE_ARTIFACT_BYTES = Integer.MAX_VALUE - 16;

    private final PgTracker store;
    private final String id;
    private final String experiment;
    private final boolean owned;
    private final List<PointBatches.Point> batch = new ArrayList<>();
    /** The id of the batch being written, kept across retries of the same points. */
    private UUID pendingBatch;
    /**
     * The points of {@code pendingBatch}, frozen: a retry after a lost acknowledgement must send
     * exactly what the first attempt sent, since a batch already committed is skipped by its id.
     */
    private List<PointBatches.Point> pendingPoints;
    /** Whether a batch was committed without waiting for the disk since the last durable commit. */
    private boolean unsynced;
    private volatile boolean closed;

    PgRun(PgTracker store, String id, String experiment, boolean owned) {
        this.store = store;
        this.id = id;
        this.experiment = experiment;
        this.owned = owned;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String experiment() {
        return experiment;
    }

    @Override
    public void logParam(String key, String value) {
        logParams(Map.of(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, () -> "value of " + key)));
    }

    @Override
    public void logParams(Map<String, String> params) {
        RunRules.checkParams(id, params);
        Database db = store.database();
        db.transaction("log params of run " + id, c -> {
            RunRules.requireRunning(id, lockRun(c));
            Map<String, String> existing = new TreeMap<>();
            try (PreparedStatement select = c.prepareStatement("select key, value from " + db.table("run_params")
                    + " where run_id = ?")) {
                select.setString(1, id);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        existing.put(r.getString(1), r.getString(2));
                    }
                }
            }
            Map<String, String> merged = RunRules.merged(id, existing, params);
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("run_params")
                    + " (run_id, key, value) values (?, ?, ?)")) {
                for (Map.Entry<String, String> param : merged.entrySet()) {
                    if (!existing.containsKey(param.getKey())) {
                        insert.setString(1, id);
                        insert.setString(2, param.getKey());
                        insert.setString(3, param.getValue());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void logMetric(String name, double value, long step) {
        ensureOpen();
        Limits.key("metric name", name);
        // to the millisecond, as MetricPoint promises and the file store keeps it: a copy loses nothing
        long now = Nanos.of(store.options().clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        synchronized (batch) {
            if (batch.size() >= MAX_HELD_BATCHES * store.options().metricBatchSize()) {
                write(false); // throws while the database still cannot be written, before the point is taken
            }
            batch.add(new PointBatches.Point(name, value, step, now));
            if (batch.size() >= store.options().metricBatchSize()) {
                try {
                    write(false);
                } catch (StoreException e) {
                    // the points stay held; flush and close report it
                }
            }
        }
    }

    @Override
    public void tag(String key, String value) {
        RunRules.checkTag(key, value);
        Database db = store.database();
        db.transaction("tag run " + id, c -> {
            lockRun(c);
            try (PreparedStatement upsert = c.prepareStatement("insert into " + db.table("run_tags")
                    + " (run_id, key, value) values (?, ?, ?) on conflict (run_id, key) do update set value"
                    + " = excluded.value")) {
                upsert.setString(1, id);
                upsert.setString(2, key);
                upsert.setString(3, value);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public ArtifactInfo logArtifact(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        RunRules.checkArtifactPath(path);
        BlobStore.Stored stored = store.blobs().put(content);
        ArtifactInfo artifact = new ArtifactInfo(path, stored.sha256(), stored.size());
        addArtifacts(List.of(artifact));
        return artifact;
    }

    @Override
    public void logArtifact(String path, Path fileOrDirectory) {
        List<ArtifactInfo> artifacts = new ArrayList<>();
        RunRules.artifactFiles(path, fileOrDirectory).forEach((artifactPath, file) -> {
            try {
                long size = Files.size(file);
                if (size > MAX_FILE_ARTIFACT_BYTES) {
                    throw new StoreException("cannot log " + file + " as an artifact: " + size + " bytes, more than the "
                            + MAX_FILE_ARTIFACT_BYTES + " a body of this store holds");
                }
            } catch (IOException e) {
                throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
            }
            BlobStore.Stored stored = store.blobs().put(file); // streamed: never held in memory whole
            artifacts.add(new ArtifactInfo(artifactPath, stored.sha256(), stored.size()));
        });
        addArtifacts(artifacts);
    }

    @Override
    public ArtifactInfo logJson(String path, String json) {
        Objects.requireNonNull(json, "json");
        RunRules.checkJson(path, json);
        return logArtifact(path, json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void logInput(DatasetVersion dataset, DatasetRole role) {
        Objects.requireNonNull(role, "role");
        DatasetVersion stored = store.datasetVersion(dataset.reference());
        RunRules.requireSameContent(stored, dataset);
        Database db = store.database();
        db.transaction("log an input of run " + id, c -> {
            RunRules.requireRunning(id, lockRun(c));
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("run_inputs")
                    + " (run_id, position, dataset, version, role) select ?, coalesce(max(position), -1) + 1, ?, ?, ?"
                    + " from " + db.table("run_inputs") + " where run_id = ?")) {
                insert.setString(1, id);
                insert.setString(2, stored.name());
                insert.setInt(3, stored.version());
                insert.setString(4, role.name());
                insert.setString(5, id);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Run startChild(String name) {
        Limits.key("run name", name);
        return store.createRun(experiment, name, id);
    }

    @Override
    public void flush() {
        synchronized (batch) {
            write(true);
        }
    }

    @Override
    public RunInfo info() {
        return store.run(id);
    }

    @Override
    public void end(RunStatus status) {
        Objects.requireNonNull(status, "status");
        RunRules.checkEnd(status);
        finish(status, null);
    }

    @Override
    public void fail(Throwable error) {
        finish(RunStatus.FAILED, RunRules.errorText(error));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush(); // if this throws, the points are still held: the run stays open and close can be retried
        if (owned && store.run(id).status() == RunStatus.RUNNING) {
            try {
                finish(RunStatus.FINISHED, null);
            } catch (ConflictException e) {
                // ended by another client in between: its end stands
            }
        }
        closed = true;
        store.forget(this);
    }

    /** Writes what the run holds and leaves it running: what closing the tracker does to open runs. */
    void detach() {
        flush();
        closed = true;
    }

    private void finish(RunStatus status, String error) {
        flush();
        Database db = store.database();
        db.transaction("end run " + id, c -> {
            RunRules.requireNotEnded(id, lockRun(c));
            try (PreparedStatement update = c.prepareStatement("update " + db.table("runs")
                    + " set status = ?, ended_ns = ?, error = ? where id = ?")) {
                update.setString(1, status.name());
                update.setLong(2, Nanos.of(store.options().clock().instant()));
                update.setString(3, error);
                update.setString(4, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Locks the run's row for this transaction and returns its stored status. */
    private RunStatus lockRun(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select status from " + store.database().table("runs")
                + " where id = ? for update")) {
            select.setString(1, id);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    throw new dev.mlops.api.tracking.NotFoundException("no run has id '" + id + "'");
                }
                return RunReader.status(id, r.getString(1));
            }
        }
    }

    private void addArtifacts(List<ArtifactInfo> artifacts) {
        Database db = store.database();
        db.transaction("log artifacts of run " + id, c -> {
            RunRules.requireRunning(id, lockRun(c));
            try (PreparedStatement upsert = c.prepareStatement("insert into " + db.table("run_artifacts")
                    + " (run_id, path, sha256, size) values (?, ?, ?, ?) on conflict (run_id, path) do update set"
                    + " sha256 = excluded.sha256, size = excluded.size")) {
                for (ArtifactInfo artifact : artifacts) {
                    upsert.setString(1, id);
                    upsert.setString(2, artifact.path());
                    upsert.setString(3, artifact.sha256());
                    upsert.setLong(4, artifact.size());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    /**
     * Writes the held batch, if any, in one transaction, durably when asked (then also making
     * earlier batches committed without waiting durable); with {@code batch} held.
     */
    private void write(boolean durable) {
        if (batch.isEmpty()) {
            if (durable && unsynced) {
                syncEarlierBatches();
            }
            return;
        }
        Database db = store.database();
        while (!batch.isEmpty()) {
            if (pendingBatch == null) { // a batch keeps its id and its points until it is written
                pendingBatch = UUID.randomUUID();
                pendingPoints = List.copyOf(batch);
            }
            UUID batchId = pendingBatch;
            List<PointBatches.Point> points = pendingPoints;
            db.transaction("write " + points.size() + " metric points of run " + id
                    + " (they are kept, and written by the next flush or close)", c -> writeBatch(c, batchId, points),
                    durable);
            batch.subList(0, points.size()).clear(); // points logged since it was frozen go in the next batch
            pendingBatch = null;
            pendingPoints = null;
        }
        unsynced = !durable;
    }

    /** A durable commit that writes to the log, so the batches committed before it are on disk too. */
    private void syncEarlierBatches() {
        Database db = store.database();
        db.transaction("force the metric points of run " + id + " to disk", c -> {
            try (PreparedStatement touch = c.prepareStatement("update " + db.table("runs") + " set heartbeat_ns = "
                    + Nanos.NOW + " where id = ?")) {
                touch.setString(1, id);
                touch.executeUpdate();
            }
            return null;
        });
        unsynced = false;
    }

    private Void writeBatch(Connection c, UUID batchId, List<PointBatches.Point> points) throws SQLException {
        return writeBatch(store.database(), c, id, batchId, points);
    }

    /**
     * Writes one batch of run {@code id}'s points and folds them into its metric summaries, unless
     * the batch was written already (by an earlier attempt whose acknowledgement was lost).
     */
    static Void writeBatch(Database db, Connection c, String id, UUID batchId, List<PointBatches.Point> points)
            throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
            lock.setInt(1, PgTracker.METRICS_LOCK_CLASS); // one writer of a run's summaries at a time
            lock.setString(2, id);
            lock.execute();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("metric_batches")
                + " (batch_id, run_id, points, payload) values (?, ?, ?, ?) on conflict (batch_id) do nothing")) {
            insert.setObject(1, batchId);
            insert.setString(2, id);
            insert.setInt(3, points.size());
            insert.setBytes(4, PointBatches.encode(points));
            if (insert.executeUpdate() == 0) {
                return null; // written by an earlier attempt whose acknowledgement was lost
            }
        }
        Map<String, MetricSummary> folded = new TreeMap<>(); // sorted: one order of writing summaries
        Map<String, MetricSummary> existing = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select name, latest, latest_step, min_value, max_value,"
                + " count from " + db.table("run_metrics") + " where run_id = ?")) {
            select.setString(1, id);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    existing.put(r.getString(1), new MetricSummary(r.getDouble(2), r.getLong(3), r.getDouble(4),
                            r.getDouble(5), r.getLong(6)));
                }
            }
        }
        for (PointBatches.Point point : points) {
            MetricSummary before = folded.containsKey(point.name()) ? folded.get(point.name())
                    : existing.get(point.name());
            folded.put(point.name(), before == null ? MetricSummary.of(point.value(), point.step())
                    : before.plus(point.value(), point.step()));
        }
        try (PreparedStatement upsert = c.prepareStatement("insert into " + db.table("run_metrics")
                + " (run_id, name, latest, latest_step, min_value, max_value, count) values (?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (run_id, name) do update set latest = excluded.latest, latest_step ="
                + " excluded.latest_step, min_value = excluded.min_value, max_value = excluded.max_value, count ="
                + " excluded.count")) {
            for (Map.Entry<String, MetricSummary> metric : folded.entrySet()) {
                MetricSummary s = metric.getValue();
                upsert.setString(1, id);
                upsert.setString(2, metric.getKey());
                upsert.setDouble(3, s.latest());
                upsert.setLong(4, s.latestStep());
                upsert.setDouble(5, s.min());
                upsert.setDouble(6, s.max());
                upsert.setLong(7, s.count());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        return null;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("run " + id + " is closed");
        }
    }

    @Override
    public String toString() {
        return "PgRun[" + id + ", " + experiment + "]";
    }
}
