package dev.mlops.tracking.internal;

import dev.mlops.tracking.store.StoreJson;
import dev.mlops.tracking.store.StoreNames;
import dev.mlops.tracking.store.Limits;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

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

    /** The longest stack trace kept for a failed run. */
    private static final int MAX_ERROR_LENGTH = 64_000;
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
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        params.forEach((key, value) -> {
            try {
                Limits.key("param key", key);
                Limits.value("param", key, value, MAX_PARAM_VALUE_LENGTH);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException("params of run " + id, problems);
        }
        store.updateRun(id, d -> {
            requireRunning(d);
            Map<String, String> merged = new TreeMap<>(d.params());
            boolean changed = false;
            for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
                String old = merged.get(param.getKey());
                if (old != null && !old.equals(param.getValue())) {
                    throw new ConflictException("param '" + param.getKey() + "' of run " + id + " is already '"
                            + shorten(old) + "'; params are set once, so '" + shorten(param.getValue())
                            + "' was refused (log it under another key, or as a tag or metric)");
                }
                changed |= old == null;
                merged.put(param.getKey(), param.getValue());
            }
            return changed ? d.withParams(merged) : d;
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
        Limits.key("tag key", key);
        Limits.value("tag", key, value, MAX_TAG_VALUE_LENGTH);
        store.updateRun(id, d -> value.equals(d.tags().get(key)) ? d : d.withTag(key, value));
    }

    @Override
    public ArtifactInfo logArtifact(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        checkArtifactPath(path);
        Blobs.Stored stored = store.blobs().put(content);
        ArtifactInfo artifact = new ArtifactInfo(path, stored.sha256(), stored.size());
        addArtifacts(List.of(artifact));
        return artifact;
    }

    @Override
    public void logArtifact(String path, Path fileOrDirectory) {
        checkArtifactPath(path);
        List<ArtifactInfo> artifacts = new ArrayList<>();
        if (Files.isDirectory(fileOrDirectory)) {
            try (Stream<Path> files = Files.walk(fileOrDirectory)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = fileOrDirectory.relativize(file).toString().replace('\\', '/');
                    String artifactPath = path + "/" + relative;
                    checkArtifactPath(artifactPath);
                    Blobs.Stored stored = store.blobs().put(file);
                    artifacts.add(new ArtifactInfo(artifactPath, stored.sha256(), stored.size()));
                }
            } catch (IOException e) {
                throw new StoreException("cannot read " + fileOrDirectory + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(fileOrDirectory)) {
            Blobs.Stored stored = store.blobs().put(fileOrDirectory);
            artifacts.add(new ArtifactInfo(path, stored.sha256(), stored.size()));
        } else {
            throw new IllegalArgumentException(fileOrDirectory + " is neither a file nor a directory");
        }
        addArtifacts(artifacts);
    }

    @Override
    public ArtifactInfo logJson(String path, String json) {
        Objects.requireNonNull(json, "json");
        Limits.text("JSON artifact '" + path + "'", json);
        String problem = StoreJson.problem(json);
        if (problem != null) {
            throw new InvalidInputException("JSON artifact '" + path + "'",
                    List.of(new InvalidInputException.Problem(path, "is not valid JSON: " + problem)));
        }
        return logArtifact(path, json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void logInput(DatasetVersion dataset, DatasetRole role) {
        Objects.requireNonNull(role, "role");
        DatasetVersion stored = store.datasetVersion(dataset.reference());
        if (!stored.fingerprint().sameContentAs(dataset.fingerprint())) {
            throw new ConflictException("dataset " + dataset.reference() + " in this store has other content than the"
                    + " version given; log the frame to this store's datasets first");
        }
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
        if (status == RunStatus.RUNNING || status == RunStatus.ABANDONED) {
            throw new IllegalArgumentException("a run ends as FINISHED, FAILED or KILLED, not " + status);
        }
        finish(status, null);
    }

    @Override
    public void fail(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        finish(RunStatus.FAILED, Limits.repaired(text.length() > MAX_ERROR_LENGTH
                ? text.substring(0, MAX_ERROR_LENGTH) : text));
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
            if (d.status() != RunStatus.RUNNING) {
                throw new ConflictException("run " + id + " has already ended as " + d.status());
            }
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
        if (d.status() != RunStatus.RUNNING) {
            throw new ConflictException("run " + id + " has ended as " + d.status() + "; it takes no more changes");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("run " + id + " is closed");
        }
    }

    /** Artifact paths are slash-separated store names: each segment passes {@link StoreNames}. */
    private static void checkArtifactPath(String path) {
        if (path == null || path.isEmpty() || path.length() > 1000) {
            throw new InvalidInputException("artifact path", List.of(new InvalidInputException.Problem(
                    "artifact path", "must hold 1 to 1000 characters")));
        }
        for (String segment : path.split("/", -1)) {
            StoreNames.check("artifact path segment", segment);
        }
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

}
