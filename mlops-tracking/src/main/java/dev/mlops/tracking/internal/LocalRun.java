package dev.mlops.tracking.internal;

import dev.mlops.tracking.store.Limits;
import dev.mlops.tracking.store.RunRules;
import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An open run of the file store. Metadata changes rewrite {@code run.json} under the run's lock;
 * metric points collect in a batch that is appended to {@code metrics.log} (under the log's lock,
 * so several processes can log to one run) when it fills, on {@link #flush()} and on close.
 *
 * <p>A batch leaves memory only once it is in the log: when an append fails (a full disk), the
 * points stay in the batch and the next flush or close writes them; until then close fails and
 * the run stays open, and new points are refused once {@value #MAX_HELD_BATCHES} batches are held.
 * When forcing the log to disk fails, the operating system may already have dropped the pages
 * (a later force can then "succeed" without them), so that failure is final: every later flush
 * and close reports it, and close ends the run as FAILED instead of FINISHED.
 */
final class LocalRun implements Run {

    /** How many batches' worth of points a run holds while its log cannot be written. */
    static final int MAX_HELD_BATCHES = 64;

    private final FileStore store;
    private final String id;
    private final String experiment;
    private final boolean owned;
    private final Path directory;
    private final Map<String, byte[]> names = new ConcurrentHashMap<>();
    private final MetricCodec.Batch batch = new MetricCodec.Batch();
    private RecordLog metrics;
    /** Whether this run appended points that are not yet forced to disk. Guarded by {@code batch}. */
    private boolean unsynced;
    /** Set once forcing the log failed: the points appended since the last force may be lost. */
    private volatile StoreException durabilityLost;
    private volatile boolean closed;

    LocalRun(FileStore store, String id, String experiment, boolean owned) {
        this.store = store;
        this.id = id;
        this.experiment = experiment;
        this.owned = owned;
        this.directory = store.runDirectory(id);
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
        store.updateRun(id, d -> {
            requireRunning(d);
            Map<String, String> merged = RunRules.merged(id, d.params(), params);
            return merged.size() > d.params().size() ? d.withParams(merged) : d;
        });
    }

    @Override
    public void logMetric(String name, double value, long step) {
        ensureOpen();
        byte[] utf8 = names.computeIfAbsent(name, n -> Limits.key("metric name", n).getBytes(StandardCharsets.UTF_8));
        long now = store.options().clock().millis();
        synchronized (batch) {
            if (batch.size() >= MAX_HELD_BATCHES * store.options().metricBatchSize()) {
                write(false); // throws while the log still cannot be written, before the point is taken
            }
            batch.add(utf8, value, step, now);
            if (store.options().syncEveryMetric()) {
                try {
                    write(true);
                } catch (StoreException e) {
                    if (durabilityLost == null) {
                        batch.clear(); // this call's point alone: refused, so the caller may retry it
                    }
                    throw e;
                }
            } else if (batch.size() >= store.options().metricBatchSize()) {
                try {
                    write(false);
                } catch (StoreException e) {
                    if (durabilityLost != null) {
                        throw e;
                    }
                    // buffered points are acknowledged by flush and close, which report this; keep them
                }
            }
        }
    }

    @Override
    public void tag(String key, String value) {
        RunRules.checkTag(key, value);
        store.updateRun(id, d -> value.equals(d.tags().get(key)) ? d : d.withTag(key, value));
    }

    @Override
    public ArtifactInfo logArtifact(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        RunRules.checkArtifactPath(path);
        Blobs.Stored stored = store.blobs().put(content);
        ArtifactInfo artifact = new ArtifactInfo(path, stored.sha256(), stored.size());
        addArtifacts(List.of(artifact));
        return artifact;
    }

    @Override
    public void logArtifact(String path, Path fileOrDirectory) {
        List<ArtifactInfo> artifacts = new ArrayList<>();
        RunRules.artifactFiles(path, fileOrDirectory).forEach((artifactPath, file) -> {
            Blobs.Stored stored = store.blobs().put(file);
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
        store.updateRun(id, d -> {
            requireRunning(d);
            return d.withInput(new RunDocument.InputDocument(dataset.reference(), role));
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
        try {
            flush();
        } catch (StoreException e) {
            if (durabilityLost == null) {
                throw e; // the points are still held: the run stays open and close can be retried
            }
            try {
                if (owned) {
                    finish(RunStatus.FAILED, Limits.repaired(e.getMessage()));
                }
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            } finally {
                release();
            }
            throw e;
        }
        if (owned && store.requireRun(id).status() == RunStatus.RUNNING) {
            try {
                finish(RunStatus.FINISHED, null); // if this throws, the run stays open and close can be retried
            } catch (ConflictException e) {
                // ended by another process in between: its end stands
            }
        }
        release();
    }

    /**
     * Writes and forces what the run holds and closes its log file, leaving the run as it is (still
     * running): what closing the tracker does to runs the application left open.
     */
    void detach() {
        synchronized (batch) {
            write(true);
            closeLog();
        }
    }

    private void release() {
        closed = true;
        synchronized (batch) {
            closeLog();
        }
        store.forget(this);
    }

    private void finish(RunStatus status, String error) {
        if (durabilityLost == null) {
            flush();
        }
        store.updateRun(id, d -> {
            RunRules.requireNotEnded(id, d.status());
            return d.ended(status, store.options().clock().instant(), error);
        });
    }

    /**
     * Appends the batch (if any) under the log's lock and, when asked, forces what this run appended
     * to disk. Needs no lock, and so no write access, when there is nothing to append or force.
     * Called with {@code batch} held.
     */
    private void write(boolean sync) {
        if (durabilityLost != null) {
            throw new StoreException(durabilityLost.getMessage(), durabilityLost);
        }
        boolean appended = false;
        if (batch.size() > 0 || sync && unsynced) {
            int points = batch.size();
            appended = points > 0;
            if (appended) {
                store.checkNoticePaths(experiment);
            }
            store.withLock(directory.resolve("metrics.lock"), "cannot write " + points + " metric points of run " + id
                    + " to its metrics.log (they are kept, and written by the next flush or close)", () -> {
                if (metrics == null) {
                    metrics = store.openLog(directory.resolve("metrics.log"), false);
                }
                if (batch.size() > 0) {
                    metrics.append(batch.record());
                    batch.clear();
                    unsynced = true;
                }
                if (sync && unsynced) {
                    try {
                        metrics.sync();
                    } catch (IOException e) {
                        durabilityLost = new StoreException("metric points of run " + id + " could not be forced to"
                                + " disk (" + e.getMessage() + "); points logged since the last successful flush"
                                + " may be lost", e);
                        throw e;
                    }
                    unsynced = false;
                }
                return null;
            });
        }
        if (appended) {
            store.notice(experiment, id); // never throws: the points are stored whatever it does
        }
    }

    private void closeLog() {
        if (metrics != null) {
            try {
                metrics.close();
            } catch (IOException e) {
                throw new StoreException("cannot close " + metrics.file() + ": " + e.getMessage(), e);
            } finally {
                metrics = null;
            }
        }
    }

    private void addArtifacts(List<ArtifactInfo> artifacts) {
        store.updateRun(id, d -> {
            requireRunning(d);
            return d.withArtifacts(artifacts);
        });
    }

    private void requireRunning(RunDocument d) {
        RunRules.requireRunning(id, d.status());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("run " + id + " is closed");
        }
    }
}
