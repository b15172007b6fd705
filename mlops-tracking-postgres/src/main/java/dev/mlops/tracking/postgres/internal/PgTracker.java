package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Datasets;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.postgres.PostgresOptions;
import dev.mlops.tracking.store.BlobStore;
import dev.mlops.tracking.store.Environment;
import dev.mlops.tracking.store.RunRules;
import dev.mlops.tracking.store.StoreJson;
import dev.mlops.tracking.store.StoreNames;
import dev.mlops.tracking.store.StoreTransfer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker on PostgreSQL. Thread-safe; any number of trackers in any number of processes may
 * share one schema. Open runs of this tracker refresh their heartbeat on a daemon thread, so a run
 * whose process died reads as ABANDONED after three missed heartbeats.
 */
public final class PgTracker implements Tracker, StoreTransfer {

    /** The first key of the advisory locks this store takes (the second is a hash of what is locked). */
    static final int METRICS_LOCK_CLASS = 0x6d6c6f70; // "mlop"
    static final int DATASETS_LOCK_CLASS = METRICS_LOCK_CLASS + 1;
    static final int MODELS_LOCK_CLASS = METRICS_LOCK_CLASS + 2;

    private static final Logger LOG = LoggerFactory.getLogger(PgTracker.class);
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{32}");

    private final Database database;
    private final PostgresOptions options;
    private final BlobStore blobs;
    private final RunReader reader;
    private final PgDatasets datasets;
    private final PgRegistry registry;
    private final PgTransfer transfer;
    private final AutoCloseable ownedPool;
    private final Set<PgRun> openRuns = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat;
    private volatile String environment;
    private volatile boolean closed;

    /**
     * A tracker on {@code database}, migrated or checked already; {@code ownedPool}, when not null, is
     * closed with it.
     */
    public PgTracker(Database database, PostgresOptions options, AutoCloseable ownedPool) {
        this.database = database;
        this.options = options;
        this.ownedPool = ownedPool;
        this.blobs = options.blobDirectory() == null ? new DatabaseBlobs(database)
                : dev.mlops.tracking.Tracking.blobDirectory(options.blobDirectory());
        this.datasets = new PgDatasets(this);
        this.registry = new PgRegistry(this);
        this.transfer = new PgTransfer(this);
        this.reader = new RunReader(database);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "mlops-postgres-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = options.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    Database database() {
        return database;
    }

    PostgresOptions options() {
        return options;
    }

    BlobStore blobs() {
        return blobs;
    }

    /** How many transactions were retried after a serialization failure or deadlock since opening. */
    public long retries() {
        return database.retries();
    }

    @Override
    public Experiment experiment(String name) {
        StoreNames.check("experiment name", name);
        ensureOpen();
        database.transaction("create experiment " + name, c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into " + database.table("experiments")
                    + " (name, description, created_ns) values (?, '', ?) on conflict (name) do nothing")) {
                insert.setString(1, name);
                insert.setLong(2, Nanos.of(options.clock().instant()));
                insert.executeUpdate();
            }
            return null;
        });
        return new PgExperiment(this, name);
    }

    @Override
    public List<String> experimentNames() {
        return database.transaction("list experiments", c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select name from " + database.table("experiments")
                    + " order by name collate \"C\"");  // Java's order, whatever the database's collation
                    ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        });
    }

    @Override
    public Optional<RunInfo> findRun(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            return Optional.empty();
        }
        RunReader.Runs runs = database.transaction("read run " + runId, c -> reader.read(c, "r.id = ?", runId));
        StoreException unreadable = runs.unreadable().get(runId);
        if (unreadable != null) {
            throw unreadable;
        }
        return runs.runs().stream().findFirst();
    }

    /**
     * The page of {@code experiment}'s runs that {@code query} asks for: the api's reference
     * semantics ({@link RunQuery#apply}) pick the page from sketches holding only the metrics,
     * params and tags the query names; only the page's runs are then read whole.
     *
     * <p>A run that does not read (edited by hand) is left out with a warning, as the file store
     * leaves it out: one whose status does not read, before the page is picked; one found on the page
     * when it is read whole, by picking the page again without it. (The total counts a run whose
     * environment or inputs do not read until a page holding it is read.)
     */
    RunPage search(String experiment, RunQuery query) {
        return database.transaction("search the runs of " + experiment, c -> {
            RunReader.Runs sketches = reader.sketches(c, experiment, query);
            reader.leaveOut(experiment, sketches.unreadable());
            List<RunInfo> candidates = new ArrayList<>(sketches.runs());
            while (true) {
                RunPage sketched = query.apply(candidates);
                List<String> ids = sketched.runs().stream().map(RunInfo::id).toList();
                RunReader.Runs whole = ids.isEmpty() ? RunReader.Runs.NONE : reader.read(c, ids);
                if (whole.unreadable().isEmpty()) {
                    Map<String, RunInfo> byId = new java.util.HashMap<>();
                    whole.runs().forEach(run -> byId.put(run.id(), run));
                    return new RunPage(ids.stream().map(byId::get).toList(), sketched.total(), sketched.offset());
                }
                reader.leaveOut(experiment, whole.unreadable());
                candidates.removeIf(run -> whole.unreadable().containsKey(run.id()));
            }
        });
    }

    @Override
    public Run attach(String runId) {
        ensureOpen();
        RunInfo run = findRun(runId).orElseThrow(() -> new NotFoundException("no run has id '" + runId + "'"));
        RunRules.requireAttachable(runId, run.status());
        return register(new PgRun(this, runId, run.experiment(), false));
    }

    @Override
    public List<MetricPoint> metricHistory(String runId, String metric) {
        run(runId);
        return database.transaction("read metric " + metric + " of run " + runId, c -> {
            List<MetricPoint> points = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select seq, payload from "
                    + database.table("metric_batches") + " where run_id = ? order by seq")) {
                select.setString(1, runId);
                select.setFetchSize(64);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        PointBatches.decode(r.getBytes(2), metric, "metric batch " + r.getLong(1) + " of run " + runId,
                                points::add);
                    }
                }
            }
            return points;
        });
    }

    @Override
    public byte[] artifact(String runId, String path) {
        run(runId);
        String sha = database.transaction("find artifact " + path + " of run " + runId, c -> {
            try (PreparedStatement select = c.prepareStatement("select sha256 from " + database.table("run_artifacts")
                    + " where run_id = ? and path = ?")) {
                select.setString(1, runId);
                select.setString(2, path);
                try (ResultSet r = select.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
        if (sha == null) {
            throw new NotFoundException("run " + runId + " has no artifact '" + path + "'");
        }
        return blobs.get(sha);
    }

    @Override
    public Datasets datasets() {
        return datasets;
    }

    @Override
    public ReviewQueue reviewQueue(String name, int capacity) {
        StoreNames.check("review queue name", name);
        if (capacity < 1) {
            throw new IllegalArgumentException("a review queue holds at least one item: " + capacity);
        }
        return new PgReviewQueue(this, name, capacity);
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    // ---- StoreTransfer: what a copy of a whole store reads and writes (see PgTransfer) -------------

    @Override
    public List<String> reviewQueueNames() {
        return transfer.reviewQueueNames();
    }

    @Override
    public int lastVersion(String model) {
        return transfer.lastVersion(model);
    }

    @Override
    public String putBody(byte[] content) {
        ensureOpen();
        return blobs.put(content).sha256();
    }

    @Override
    public void putExperiment(dev.mlops.api.tracking.ExperimentInfo experiment) {
        ensureOpen();
        transfer.putExperiment(experiment);
    }

    @Override
    public void putDatasetVersion(DatasetVersion version, dev.mlops.api.Frame content, String profileJson,
            dev.mlops.api.tracking.DatasetOrigin origin) {
        ensureOpen();
        transfer.putDatasetVersion(version, content, profileJson, origin);
    }

    @Override
    public void putRun(RunInfo run) {
        ensureOpen();
        transfer.putRun(run);
    }

    @Override
    public void putMetricPoints(String runId, List<MetricPoint> points) {
        ensureOpen();
        transfer.putMetricPoints(runId, points);
    }

    @Override
    public void putModel(dev.mlops.api.tracking.RegisteredModel model, int lastVersion,
            List<dev.mlops.api.tracking.ModelVersion> versions, List<dev.mlops.api.tracking.AuditEntry> audit) {
        ensureOpen();
        transfer.putModel(model, lastVersion, versions, audit);
    }

    @Override
    public void putReviewQueue(String name, List<dev.mlops.api.tracking.ReviewItem> pending,
            List<dev.mlops.api.tracking.ReviewedItem> reviewed) {
        ensureOpen();
        transfer.putReviewQueue(name, pending, reviewed);
    }

    /** The dataset version {@code reference} names ({@code name/3}). */
    DatasetVersion datasetVersion(String reference) {
        return datasets.version(reference);
    }

    /** Creates a run, running, and returns it open. */
    PgRun createRun(String experiment, String name, String parentId) {
        ensureOpen();
        String id = UUID.randomUUID().toString().replace("-", "");
        long started = Nanos.of(options.clock().instant());
        String env = environment();
        database.transaction("start a run of " + experiment, c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into " + database.table("runs")
                    + " (id, experiment, name, parent_id, status, started_ns, environment, heartbeat_ns,"
                    + " heartbeat_every_ns) values (?, ?, ?, ?, 'RUNNING', ?, ?, " + Nanos.NOW + ", ?)")) {
                insert.setString(1, id);
                insert.setString(2, experiment);
                insert.setString(3, name);
                insert.setString(4, parentId);
                insert.setLong(5, started);
                insert.setString(6, env);
                insert.setLong(7, options.heartbeat().toNanos());
                insert.executeUpdate();
            }
            return null;
        });
        return register(new PgRun(this, id, experiment, true));
    }

    private PgRun register(PgRun run) {
        openRuns.add(run);
        return run;
    }

    void forget(PgRun run) {
        openRuns.remove(run);
    }

    /** Refreshes the heartbeat of every run this tracker has open. */
    private void beat() {
        List<String> ids = openRuns.stream().map(PgRun::id).distinct().toList();
        if (ids.isEmpty()) {
            return;
        }
        try {
            database.transaction("refresh the heartbeat of open runs", c -> {
                try (PreparedStatement update = c.prepareStatement("update " + database.table("runs")
                        + " set heartbeat_ns = " + Nanos.NOW + " where id = any(?) and status = 'RUNNING'")) {
                    update.setArray(1, c.createArrayOf("text", ids.toArray()));
                    update.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not refresh the heartbeat of {} open runs: {}", ids.size(), e.toString());
        }
    }

    private String environment() {
        String captured = environment;
        if (captured == null) {
            Map<String, String> values = Environment.capture(options.workingDirectory());
            captured = StoreJson.text(new java.util.TreeMap<>(values));
            environment = captured;
        }
        return captured;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the tracker is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        StoreException first = null;
        for (PgRun run : List.copyOf(openRuns)) {
            try {
                run.detach();
            } catch (StoreException e) {
                first = first == null ? e : first;
            }
        }
        openRuns.clear();
        heartbeat.shutdownNow();
        if (ownedPool != null) {
            try {
                ownedPool.close();
            } catch (Exception e) {
                LOG.warn("could not close the connection pool: {}", e.toString());
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "PgTracker[schema " + database.schema() + ", " + options + "]";
    }
}
