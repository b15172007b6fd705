package dev.mlops.tracking.internal;

import dev.mlops.tracking.store.StoreJson;
import dev.mlops.tracking.store.Environment;
import dev.mlops.tracking.store.StoreNames;
import dev.mlops.tracking.store.StoreTransfer;
import dev.mlops.tracking.store.Limits;
import dev.mlops.tracking.store.RunRules;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.api.Frame;
import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.DatasetInput;
import dev.mlops.api.tracking.DatasetOrigin;
import dev.mlops.api.tracking.ExperimentInfo;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.RegisteredModel;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewedItem;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Datasets;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.MetricSummary;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.LocalOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded file store: see {@link dev.mlops.tracking.Tracking} for its layout. */
public final class FileStore implements Tracker, StoreTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);

    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path root;
    private final StorePaths paths;
    private final LocalOptions options;
    private final Blobs blobs;
    private final LocalDatasets datasets;
    private final LocalRegistry registry;
    private final Cache<String, RunIndex> indexes = Caffeine.newBuilder().maximumSize(256).build();
    private final Set<LocalRun> openRuns = ConcurrentHashMap.newKeySet();
    /** Open change logs, by experiment; used only under the experiment's changes lock. */
    private final Map<String, RecordLog> changeLogs = new ConcurrentHashMap<>();
    /** Change notices not yet written, by experiment (see {@link #notice}). */
    private final Map<String, Set<String>> owedNotices = new ConcurrentHashMap<>();
    private volatile Map<String, String> environment;

    private FileStore(Path root, LocalOptions options) {
        this.root = root;
        this.paths = new StorePaths(root);
        this.options = options;
        this.blobs = new Blobs(paths);
        this.datasets = new LocalDatasets(this);
        this.registry = new LocalRegistry(this);
    }

    /**
     * Opens (creating if absent) the store at {@code root}. The store works under the root's real
     * path from then on, so the same store opened through a link and through its target is one
     * store (one set of in-process locks); below the root, links are never followed. Registry
     * changes that a killed writer recorded but did not finish applying are completed here.
     */
    public static FileStore open(Path root, LocalOptions options) {
        Path absolute = root.toAbsolutePath().normalize();
        Path real;
        try {
            if (!Files.isDirectory(absolute)) {
                Files.createDirectories(absolute);
            }
            real = absolute.toRealPath();
        } catch (IOException e) {
            throw new StoreException("cannot open the store at " + absolute + ": " + e.getMessage(), e);
        }
        FileStore store = new FileStore(real, options);
        Path marker = real.resolve("store.json");
        Optional<StoreDocument> existing = store.readJson(marker, StoreDocument.class);
        if (existing.isEmpty()) {
            store.withLock(real.resolve("store.lock"), () -> {
                if (store.readJson(marker, StoreDocument.class).isEmpty()) {
                    store.writeJson(marker, new StoreDocument(StoreDocument.FORMAT, Environment.sdkVersion()));
                }
                return null;
            });
        } else if (existing.get().format() != StoreDocument.FORMAT) {
            throw new StoreException(marker + " declares store format " + existing.get().format()
                    + "; this SDK reads format " + StoreDocument.FORMAT + " (written by a newer SDK?)");
        }
        store.registry.completeUnfinishedChanges();
        return store;
    }

    // ---- Tracker ----------------------------------------------------------------------------

    @Override
    public Experiment experiment(String name) {
        StoreNames.check("experiment name", name);
        Path file = experimentDirectory(name).resolve("experiment.json");
        if (readJson(file, ExperimentDocument.class).isEmpty()) {
            withLock(experimentDirectory(name).resolve("experiment.lock"), () -> {
                if (readJson(file, ExperimentDocument.class).isEmpty()) {
                    writeJson(file, new ExperimentDocument(ExperimentDocument.FORMAT, name, "", Map.of(),
                            options.clock().instant()));
                }
                return null;
            });
        }
        return new LocalExperiment(this, name);
    }

    @Override
    public dev.mlops.api.tracking.ReviewQueue reviewQueue(String name, int capacity) {
        StoreNames.check("review queue name", name);
        if (capacity < 1) {
            throw new IllegalArgumentException("a review queue holds at least one item: " + capacity);
        }
        return new LocalReviewQueue(this, name, capacity);
    }

    @Override
    public List<String> experimentNames() {
        return childNames(root.resolve("experiments"), "experiment.json");
    }

    @Override
    public Optional<RunInfo> findRun(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            return Optional.empty();
        }
        Optional<RunDocument> document = readRunDocument(runId);
        if (document.isEmpty()) {
            return Optional.empty();
        }
        RunIndex.CachedRun cached = index(document.get().experiment()).run(runId);
        // a run without a change notice (its creation was cut short) has no metrics yet
        return Optional.of(cached == null ? withLiveness(document.get(), build(document.get(), Map.of()))
                : withLiveness(cached.document(), cached.info()));
    }

    @Override
    public Run attach(String runId) {
        RunDocument document = requireRun(runId);
        dev.mlops.tracking.store.RunRules.requireAttachable(runId, document.status());
        return register(new LocalRun(this, runId, document.experiment(), false));
    }

    @Override
    public List<MetricPoint> metricHistory(String runId, String metric) {
        requireRun(runId);
        Path log = metricsLog(runId);
        List<MetricPoint> points = new ArrayList<>();
        try {
            for (byte[] record : RecordLog.read(paths.forReading(log)).records()) {
                MetricCodec.decode(record, log.toString(), point -> {
                    if (point.name().equals(metric)) {
                        points.add(point);
                    }
                });
            }
        } catch (IOException e) {
            throw new StoreException("cannot read " + log + ": " + e.getMessage(), e);
        }
        return points;
    }

    @Override
    public byte[] artifact(String runId, String path) {
        RunDocument document = requireRun(runId);
        return document.artifacts().stream().filter(a -> a.path().equals(path)).findFirst()
                .map(a -> blobs.get(a.sha256()))
                .orElseThrow(() -> new NotFoundException("run " + runId + " has no artifact '" + path + "'"));
    }

    @Override
    public Datasets datasets() {
        return datasets;
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        StoreException first = null;
        for (LocalRun run : List.copyOf(openRuns)) {
            try {
                run.detach();
            } catch (StoreException e) {
                first = first == null ? e : first;
            }
        }
        for (RecordLog log : changeLogs.values()) {
            try {
                log.close();
            } catch (IOException e) {
                first = first == null ? new StoreException("cannot close " + log.file() + ": " + e.getMessage(), e)
                        : first;
            }
        }
        changeLogs.clear();
        if (first != null) {
            throw first;
        }
    }

    // ---- StoreTransfer: what a copy of a whole store reads and writes ------------------------------

    @Override
    public List<String> reviewQueueNames() {
        return childNames(root.resolve("reviews"), "queue.log");
    }

    @Override
    public int lastVersion(String model) {
        return registry.lastVersion(model);
    }

    @Override
    public String putBody(byte[] content) {
        return blobs.put(content).sha256();
    }

    @Override
    public void putExperiment(ExperimentInfo experiment) {
        StoreNames.check("experiment name", experiment.name());
        Limits.value("experiment description", experiment.name(), experiment.description(), Run.MAX_TAG_VALUE_LENGTH);
        experiment.tags().forEach(RunRules::checkTag);
        Path directory = experimentDirectory(experiment.name());
        withLock(directory.resolve("experiment.lock"), () -> {
            if (readJson(directory.resolve("experiment.json"), ExperimentDocument.class).isPresent()) {
                throw new ConflictException("experiment '" + experiment.name() + "' exists already");
            }
            writeJson(directory.resolve("experiment.json"), new ExperimentDocument(ExperimentDocument.FORMAT,
                    experiment.name(), experiment.description(), experiment.tags(), experiment.created()));
            return null;
        });
    }

    @Override
    public void putDatasetVersion(DatasetVersion version, Frame content, String profileJson, DatasetOrigin origin) {
        datasets.put(version, content, profileJson, origin);
    }

    @Override
    public void putRun(RunInfo run) {
        if (!RUN_ID.matcher(run.id()).matches()) {
            throw new StoreException("'" + run.id() + "' is not a run id this store can hold (32 lower-case hex digits)");
        }
        StoreNames.check("experiment name", run.experiment());
        if (readJson(experimentDirectory(run.experiment()).resolve("experiment.json"), ExperimentDocument.class)
                .isEmpty()) {
            throw new NotFoundException("run " + run.id() + " belongs to experiment '" + run.experiment()
                    + "', which this store does not hold");
        }
        if (run.parentId() != null) {
            requireRun(run.parentId());
        }
        Limits.key("run name", run.name());
        RunRules.checkParams(run.id(), run.params());
        run.tags().forEach(RunRules::checkTag);
        List<RunDocument.InputDocument> inputs = new ArrayList<>();
        for (DatasetInput input : run.inputs()) {
            RunRules.requireSameContent(datasets.version(input.dataset().reference()), input.dataset());
            inputs.add(new RunDocument.InputDocument(input.dataset().reference(), input.role()));
        }
        for (ArtifactInfo artifact : run.artifacts()) {
            RunRules.checkArtifactPath(artifact.path());
        }
        boolean running = run.status() == RunStatus.RUNNING || run.status() == RunStatus.ABANDONED;
        RunDocument document = new RunDocument(RunDocument.FORMAT, run.id(), run.experiment(), run.name(),
                run.parentId(), running ? RunStatus.RUNNING : run.status(), run.started(), run.ended(), run.params(),
                run.tags(), inputs, run.artifacts(), run.environment(), run.error(),
                running ? Owner.nobody() : Owner.current(), 1);
        checkNoticePaths(run.experiment());
        Path directory = runDirectory(run.id());
        withLock(directory.resolve("run.lock"), () -> {
            if (readRunDocument(run.id()).isPresent()) {
                throw new ConflictException("run " + run.id() + " exists already");
            }
            writeJson(directory.resolve("run.json"), document);
            return null;
        });
        notice(run.experiment(), run.id());
    }

    @Override
    public void putMetricPoints(String runId, List<MetricPoint> points) {
        RunDocument run = requireRun(runId);
        List<byte[]> records = new ArrayList<>();
        MetricCodec.Batch batch = new MetricCodec.Batch();
        for (MetricPoint point : points) {
            batch.add(Limits.key("metric name", point.name()).getBytes(StandardCharsets.UTF_8), point.value(),
                    point.step(), point.timestamp().toEpochMilli());
            if (batch.size() == 1_000) { // a record of 1,000 points stays far below the log's record limit
                records.add(batch.drain());
            }
        }
        if (batch.size() > 0) {
            records.add(batch.drain());
        }
        Path directory = runDirectory(runId);
        checkNoticePaths(run.experiment());
        withLock(directory.resolve("metrics.lock"), "cannot write " + points.size() + " metric points of run " + runId,
                () -> {
                    RecordLog log = openLog(directory.resolve("metrics.log"), false);
                    try {
                        for (byte[] record : records) {
                            log.append(record);
                        }
                        log.sync();
                    } finally {
                        log.close();
                    }
                    return null;
                });
        notice(run.experiment(), runId);
    }

    @Override
    public void putModel(RegisteredModel model, int lastVersion, List<ModelVersion> versions,
            List<AuditEntry> audit) {
        registry.put(model, lastVersion, versions, audit);
    }

    @Override
    public void putReviewQueue(String name, List<ReviewItem> pending, List<ReviewedItem> reviewed) {
        StoreNames.check("review queue name", name);
        new LocalReviewQueue(this, name, Integer.MAX_VALUE).restore(pending, reviewed);
    }

    // ---- used by runs, experiments, datasets and the registry ----------------------------------

    Path root() {
        return root;
    }

    StorePaths paths() {
        return paths;
    }

    /** Reads a store document, the path first proven inside the root; empty when absent. */
    <T> Optional<T> readJson(Path file, Class<T> type) {
        return StoreJson.read(paths.forReading(file), type);
    }

    /** Replaces a store document atomically, the path first proven inside the root. */
    void writeJson(Path file, Object document) {
        Path target = paths.forWriting(file);
        try {
            AtomicFiles.write(target, StoreJson.bytes(document));
        } catch (IOException e) {
            throw new StoreException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Opens a log for appending, the path first proven inside the root. */
    RecordLog openLog(Path file, boolean syncEveryAppend) throws IOException {
        return RecordLog.open(paths.forAppending(file), syncEveryAppend);
    }

    /** Reads a log from {@code offset}, the path first proven inside the root. */
    RecordLog.Contents readLog(Path file, long offset) {
        try {
            return RecordLog.readFrom(paths.forReading(file), offset);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    LocalOptions options() {
        return options;
    }

    Blobs blobs() {
        return blobs;
    }

    LocalDatasets localDatasets() {
        return datasets;
    }

    Path experimentDirectory(String name) {
        return resolve("experiment name", "experiments", name);
    }

    Path runDirectory(String id) {
        if (!RUN_ID.matcher(id).matches()) {
            throw new NotFoundException("'" + id + "' is not a run id (32 lower-case hex digits)");
        }
        return root.resolve("runs").resolve(id);
    }

    Path metricsLog(String id) {
        return runDirectory(id).resolve("metrics.log");
    }

    /** Resolves user-given names under the root, segment by segment. */
    Path resolve(String kind, String... segments) {
        try {
            return StoreNames.resolve(root, kind, segments);
        } catch (IOException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    Optional<RunDocument> readRunDocument(String id) {
        return readJson(runDirectory(id).resolve("run.json"), RunDocument.class);
    }

    RunDocument requireRun(String id) {
        if (id == null || !RUN_ID.matcher(id).matches()) {
            throw new NotFoundException("no run has id '" + id + "'");
        }
        return readRunDocument(id).orElseThrow(() -> new NotFoundException("no run has id '" + id + "'"));
    }

    RunIndex index(String experiment) {
        return indexes.get(experiment, name -> new RunIndex(this, name, experimentDirectory(name).resolve("changes.log")));
    }

    /** Creates a run and announces it to its experiment. */
    LocalRun createRun(String experiment, String name, String parentId) {
        String id = UUID.randomUUID().toString().replace("-", "");
        checkNoticePaths(experiment);
        RunDocument document = new RunDocument(RunDocument.FORMAT, id, experiment, name, parentId, RunStatus.RUNNING,
                options.clock().instant(), null, Map.of(), Map.of(), List.of(), List.of(), environment(), null,
                Owner.current(), 1);
        Path directory = runDirectory(id);
        withLock(directory.resolve("run.lock"), () -> {
            writeJson(directory.resolve("run.json"), document);
            return null;
        });
        notice(experiment, id);
        return register(new LocalRun(this, id, experiment, true));
    }

    /** Rewrites a run's document under its lock; returns the new document. */
    RunDocument updateRun(String id, UnaryOperator<RunDocument> change) {
        Path directory = runDirectory(id);
        RunDocument updated = withLock(directory.resolve("run.lock"), () -> {
            RunDocument current = requireRun(id);
            checkNoticePaths(current.experiment());
            RunDocument next = change.apply(current);
            if (next != current) {
                writeJson(directory.resolve("run.json"), next);
            }
            return next;
        });
        notice(updated.experiment(), id);
        return updated;
    }

    /**
     * Tells readers of the experiment, in every process, that run {@code id} changed. Called after
     * the change is stored, so it cannot fail the change: a notice that cannot be written (a full
     * disk) is kept, with a warning, and written with the next one; until then this process's
     * queries still see the change, and other processes see it late.
     */
    void notice(String experiment, String id) {
        Set<String> owed = owedNotices.computeIfAbsent(experiment, name -> ConcurrentHashMap.newKeySet());
        owed.add(id);
        Path directory = experimentDirectory(experiment);
        try {
            withLock(directory.resolve("changes.lock"), () -> {
                RecordLog log = changeLogs.get(experiment);
                if (log == null) {
                    log = openLog(directory.resolve("changes.log"), false);
                    changeLogs.put(experiment, log);
                }
                for (String each : List.copyOf(owed)) {
                    log.append(each.getBytes(StandardCharsets.US_ASCII));
                    owed.remove(each);
                }
                return null;
            });
        } catch (StoreException e) {
            LOG.warn("run {} of experiment {} changed, but other processes cannot be told yet (retried with the next"
                    + " change): {}", id, experiment, e.getMessage());
        }
    }

    /**
     * Proves, before a change, that the experiment's notice files are where the store keeps them
     * (no planted link), so such a fault fails the change instead of its notice afterwards.
     */
    void checkNoticePaths(String experiment) {
        Path directory = experimentDirectory(experiment);
        paths.forWriting(directory.resolve("changes.lock"));
        paths.forWriting(directory.resolve("changes.log"));
    }

    /** Runs of {@code experiment} whose change notice could not be written yet. */
    Set<String> owedNotices(String experiment) {
        Set<String> owed = owedNotices.get(experiment);
        return owed == null ? Set.of() : Set.copyOf(owed);
    }

    RunPage search(String experiment, RunQuery query) {
        List<RunInfo> runs = new ArrayList<>();
        for (RunIndex.CachedRun cached : index(experiment).runs()) {
            runs.add(withLiveness(cached.document(), cached.info()));
        }
        return query.apply(runs);
    }

    /** The run as stored, with the stored status. */
    RunInfo build(RunDocument d, Map<String, MetricSummary> metrics) {
        List<DatasetInput> inputs = new ArrayList<>();
        for (RunDocument.InputDocument input : d.inputs()) {
            inputs.add(new DatasetInput(datasets.version(input.dataset()), input.role()));
        }
        return new RunInfo(d.id(), d.experiment(), d.name(), d.parentId(), d.status(), d.started(), d.ended(),
                d.params(), d.tags(), metrics, inputs, d.artifacts(), d.environment(), d.error());
    }

    /** {@code info}, reported as ABANDONED when it is still marked running but its process is gone. */
    private static RunInfo withLiveness(RunDocument d, RunInfo info) {
        if (info.status() != RunStatus.RUNNING || !d.owner().gone()) {
            return info;
        }
        return new RunInfo(info.id(), info.experiment(), info.name(), info.parentId(), RunStatus.ABANDONED,
                info.started(), info.ended(), info.params(), info.tags(), info.metrics(), info.inputs(),
                info.artifacts(), info.environment(), info.error());
    }

    void forget(LocalRun run) {
        openRuns.remove(run);
    }

    <T> T withLock(Path lockFile, StoreLock.IoAction<T> action) {
        return withLock(lockFile, "cannot update the store under " + lockFile.getParent(), action);
    }

    /** Runs {@code action} under the lock; an I/O failure is reported as {@code failure: reason}. */
    <T> T withLock(Path lockFile, String failure, StoreLock.IoAction<T> action) {
        paths.forWriting(lockFile);
        try {
            return StoreLock.withLock(lockFile, action);
        } catch (IOException e) {
            throw new StoreException(failure + ": " + e.getMessage(), e);
        }
    }

    List<String> childNames(Path directory, String marker) {
        paths.forReading(directory);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                        && StorePaths.exists(child.resolve(marker))) {
                    names.add(child.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        return List.copyOf(names);
    }

    DatasetVersion datasetVersion(String reference) {
        return datasets.version(reference);
    }

    private LocalRun register(LocalRun run) {
        openRuns.add(run);
        return run;
    }

    private Map<String, String> environment() {
        Map<String, String> captured = environment;
        if (captured == null) {
            captured = Map.copyOf(Environment.capture(options.workingDirectory()));
            environment = captured;
        }
        return captured;
    }
}
