package dev.mlops.tracking;

import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Datasets;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.RegisteredModel;
import dev.mlops.api.tracking.ReviewQueue;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.store.StoreTransfer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Copies a whole store into an empty one, such as the file store into PostgreSQL and back:
 * experiments, runs with every metric point, params, tags, inputs, artifacts and environment,
 * dataset versions with their content, profile and origin, the registry with versions, aliases,
 * approval rules, reviews and the audit log, and review queues. Ids, version numbers and instants
 * are kept, so a copy of a copy equals the original ({@link #differences} says where it does not).
 *
 * <pre>{@code
 * try (Tracker files = Tracking.local(Path.of("mlops-data"));
 *      Tracker team = PostgresTracking.open(url, user, password, 4, PostgresOptions.defaults())) {
 *     StoreCopy.Summary copied = StoreCopy.copy(files, team, StoreCopy.Progress.NONE);
 * }
 * }</pre>
 *
 * <p>Nothing should write to the source while it is copied (a run logging meanwhile may be copied
 * without its last points). A run still running in the source arrives abandoned: no process of the
 * new store owns it. A copy cut short leaves a partial target; delete it (the directory, or the
 * schema) and copy again. Review queues keep their items; a queue's capacity is not stored, it is
 * given by whoever opens the queue.
 *
 * @since 0.1
 */
public final class StoreCopy {

    /** Points per write, so a run's history of millions of points is written in bounded pieces. */
    private static final int POINTS_PER_WRITE = 10_000;
    /** The most differences {@link #differences} lists. */
    private static final int MAX_DIFFERENCES = 100;

    private StoreCopy() {
    }

    /** Told after each entry is copied; {@link #NONE} ignores it. */
    @FunctionalInterface
    public interface Progress {

        /** Ignores progress. */
        Progress NONE = (entry, done, total) -> {
        };

        /**
         * Called after each entry (an experiment, a run, a dataset version, a model, a review queue).
         *
         * @param entry what was copied, such as {@code run 3f2a...} or {@code model churn}
         * @param done  how many entries are copied
         * @param total how many there are
         */
        void copied(String entry, long done, long total);
    }

    /**
     * What a copy wrote.
     *
     * @param experiments     experiments
     * @param runs            runs
     * @param metricPoints    metric points, over all runs
     * @param artifacts       run artifacts
     * @param datasetVersions dataset versions
     * @param models          registered models
     * @param modelVersions   model versions
     * @param auditEntries    registry audit entries
     * @param reviewItems     review queue items, waiting and reviewed
     */
    public record Summary(int experiments, int runs, long metricPoints, int artifacts, int datasetVersions,
            int models, int modelVersions, int auditEntries, int reviewItems) {

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%,d experiments, %,d runs with %,d metric points and %,d"
                    + " artifacts, %,d dataset versions, %,d models with %,d versions and %,d audit entries, %,d review"
                    + " items", experiments, runs, metricPoints, artifacts, datasetVersions, models, modelVersions,
                    auditEntries, reviewItems);
        }
    }

    /**
     * Copies everything {@code from} holds into {@code to}, which must be empty.
     *
     * @throws IllegalArgumentException if either store cannot take part in a copy (it is not one of
     *         the SDK's stores), or they are the same object
     * @throws ConflictException        if {@code to} is not empty; nothing was written
     * @throws StoreException           if an entry cannot be read or written; the target is then partial
     */
    public static Summary copy(Tracker from, Tracker to, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        StoreTransfer source = transfer(from, "source");
        StoreTransfer target = transfer(to, "target");
        if (from == to) {
            throw new IllegalArgumentException("the source and the target are the same store");
        }
        requireEmpty(to, target);
        return new Copier(from, source, to, target, progress).run();
    }

    /**
     * Where two stores differ, entry by entry: experiments, runs (every field, every metric point,
     * every artifact read back and checked), dataset versions (content, profile, origin), models
     * (versions, artifacts, aliases, approval rules, the highest version given, the audit log) and
     * review queues. Empty when they hold the same; at most 100 lines otherwise.
     *
     * @throws IllegalArgumentException if either store is not one of the SDK's stores
     * @throws StoreException           if an entry of either cannot be read (damaged content)
     */
    public static List<String> differences(Tracker a, Tracker b) {
        return new Comparison(a, transfer(a, "first"), b, transfer(b, "second")).run();
    }

    private static StoreTransfer transfer(Tracker tracker, String role) {
        Objects.requireNonNull(tracker, role);
        if (!(tracker instanceof StoreTransfer transfer)) {
            throw new IllegalArgumentException("the " + role + " store (" + tracker.getClass().getName()
                    + ") cannot take part in a copy: only the SDK's stores can");
        }
        return transfer;
    }

    private static void requireEmpty(Tracker to, StoreTransfer target) {
        String found = !to.experimentNames().isEmpty() ? "experiment '" + to.experimentNames().get(0) + "'"
                : !to.datasets().names().isEmpty() ? "dataset '" + to.datasets().names().get(0) + "'"
                : !to.registry().modelNames().isEmpty() ? "model '" + to.registry().modelNames().get(0) + "'"
                : !target.reviewQueueNames().isEmpty() ? "review queue '" + target.reviewQueueNames().get(0) + "'"
                : null;
        if (found != null) {
            throw new ConflictException("the target store is not empty (it holds " + found + "); copy into a new"
                    + " directory or schema");
        }
    }

    /** One copy's work and counts. */
    private static final class Copier {
        private final Tracker from;
        private final StoreTransfer source;
        private final Tracker to;
        private final StoreTransfer target;
        private final Progress progress;
        private final Set<String> bodies = new HashSet<>();
        private long done;
        private long total;
        private int runs;
        private long points;
        private int artifacts;
        private int datasetVersions;
        private int modelVersions;
        private int auditEntries;
        private int reviewItems;

        Copier(Tracker from, StoreTransfer source, Tracker to, StoreTransfer target, Progress progress) {
            this.from = from;
            this.source = source;
            this.to = to;
            this.target = target;
            this.progress = progress;
        }

        Summary run() {
            List<String> experiments = from.experimentNames();
            Map<String, List<RunInfo>> runsByExperiment = new LinkedHashMap<>();
            for (String name : experiments) {
                runsByExperiment.put(name, from.experiment(name).runs());
            }
            Datasets datasets = from.datasets();
            Map<String, List<DatasetVersion>> versionsByDataset = new LinkedHashMap<>();
            for (String name : datasets.names()) {
                versionsByDataset.put(name, datasets.versions(name));
            }
            List<String> models = from.registry().modelNames();
            List<String> queues = source.reviewQueueNames();
            total = experiments.size() + runsByExperiment.values().stream().mapToLong(List::size).sum()
                    + versionsByDataset.values().stream().mapToLong(List::size).sum() + models.size() + queues.size();

            versionsByDataset.values().forEach(versions -> versions.forEach(this::copyDatasetVersion));
            runsByExperiment.forEach(this::copyExperiment);
            models.forEach(this::copyModel);
            queues.forEach(this::copyQueue);
            return new Summary(experiments.size(), runs, points, artifacts, datasetVersions, models.size(),
                    modelVersions, auditEntries, reviewItems);
        }

        private void copyDatasetVersion(DatasetVersion version) {
            Datasets datasets = from.datasets();
            target.putDatasetVersion(version, datasets.load(version), datasets.profileJson(version).orElse(null),
                    datasets.origin(version).orElse(null));
            datasetVersions++;
            step("dataset " + version.reference());
        }

        private void copyExperiment(String name, List<RunInfo> experimentRuns) {
            target.putExperiment(from.experiment(name).info());
            step("experiment " + name);
            Map<String, RunInfo> byId = new LinkedHashMap<>();
            experimentRuns.stream().sorted(Comparator.comparing(RunInfo::started).thenComparing(RunInfo::id))
                    .forEach(run -> byId.put(run.id(), run));
            Set<String> copied = new HashSet<>();
            for (RunInfo run : byId.values()) {
                copyRun(run, byId, copied);
            }
        }

        /** Copies {@code run}, its parent first (a parent in another experiment was copied with it). */
        private void copyRun(RunInfo run, Map<String, RunInfo> byId, Set<String> copied) {
            if (!copied.add(run.id())) {
                return;
            }
            RunInfo parent = run.parentId() == null ? null : byId.get(run.parentId());
            if (parent != null) {
                copyRun(parent, byId, copied);
            }
            for (ArtifactInfo artifact : run.artifacts()) {
                copyBody(artifact.sha256(), () -> from.artifact(run.id(), artifact.path()),
                        "artifact '" + artifact.path() + "' of run " + run.id());
                artifacts++;
            }
            target.putRun(run);
            for (String metric : run.metrics().keySet()) {
                List<MetricPoint> history = from.metricHistory(run.id(), metric);
                for (int start = 0; start < history.size(); start += POINTS_PER_WRITE) {
                    target.putMetricPoints(run.id(), history.subList(start,
                            Math.min(history.size(), start + POINTS_PER_WRITE)));
                }
                points += history.size();
            }
            runs++;
            step("run " + run.id());
        }

        private void copyModel(String name) {
            ModelRegistry registry = from.registry();
            RegisteredModel model = registry.model(name).orElseThrow(() -> new StoreException("model '" + name
                    + "' vanished from the source while it was copied"));
            List<ModelVersion> versions = registry.versions(name, true);
            for (ModelVersion version : versions) {
                copyBody(version.artifactSha256(), () -> registry.artifact(version), "model version "
                        + version.reference());
            }
            List<dev.mlops.api.tracking.AuditEntry> audit = registry.audit(name);
            target.putModel(model, source.lastVersion(name), versions, audit);
            modelVersions += versions.size();
            auditEntries += audit.size();
            step("model " + name);
        }

        private void copyQueue(String name) {
            ReviewQueue queue = from.reviewQueue(name, Integer.MAX_VALUE);
            var pending = queue.pending(Integer.MAX_VALUE);
            var reviewed = queue.reviewed();
            target.putReviewQueue(name, pending, reviewed);
            reviewItems += pending.size() + reviewed.size();
            step("review queue " + name);
        }

        private void copyBody(String sha256, java.util.function.Supplier<byte[]> content, String what) {
            if (bodies.contains(sha256)) {
                return;
            }
            String stored = target.putBody(content.get());
            if (!stored.equals(sha256)) {
                throw new StoreException(what + " was stored as " + stored + ", not as the " + sha256
                        + " the source records");
            }
            bodies.add(sha256);
        }

        private void step(String entry) {
            done++;
            progress.copied(entry, done, total);
        }
    }

    /** One comparison's work and findings. */
    private static final class Comparison {
        private final Tracker a;
        private final StoreTransfer aTransfer;
        private final Tracker b;
        private final StoreTransfer bTransfer;
        private final List<String> differences = new ArrayList<>();

        Comparison(Tracker a, StoreTransfer aTransfer, Tracker b, StoreTransfer bTransfer) {
            this.a = a;
            this.aTransfer = aTransfer;
            this.b = b;
            this.bTransfer = bTransfer;
        }

        List<String> run() {
            if (same("experiment names", a.experimentNames(), b.experimentNames())) {
                for (String name : a.experimentNames()) {
                    compareExperiment(name);
                }
            }
            Datasets da = a.datasets();
            Datasets db = b.datasets();
            if (same("dataset names", da.names(), db.names())) {
                for (String name : da.names()) {
                    if (same("versions of dataset " + name, da.versions(name), db.versions(name))) {
                        for (DatasetVersion version : da.versions(name)) {
                            String where = "dataset " + version.reference();
                            same(where + " content", da.load(version), db.load(version));
                            same(where + " profile", da.profileJson(version), db.profileJson(version));
                            same(where + " origin", da.origin(version), db.origin(version));
                        }
                    }
                }
            }
            ModelRegistry ra = a.registry();
            ModelRegistry rb = b.registry();
            if (same("model names", ra.modelNames(), rb.modelNames())) {
                for (String name : ra.modelNames()) {
                    same("model " + name, ra.model(name), rb.model(name));
                    same("highest version of model " + name, aTransfer.lastVersion(name), bTransfer.lastVersion(name));
                    same("audit log of model " + name, ra.audit(name), rb.audit(name));
                    if (same("versions of model " + name, ra.versions(name, true), rb.versions(name, true))) {
                        for (ModelVersion version : ra.versions(name, true)) {
                            same("artifact of model version " + version.reference(), sha(ra.artifact(version)),
                                    sha(rb.artifact(version)));
                        }
                    }
                }
            }
            if (same("review queue names", aTransfer.reviewQueueNames(), bTransfer.reviewQueueNames())) {
                for (String name : aTransfer.reviewQueueNames()) {
                    ReviewQueue qa = a.reviewQueue(name, Integer.MAX_VALUE);
                    ReviewQueue qb = b.reviewQueue(name, Integer.MAX_VALUE);
                    same("waiting items of review queue " + name, qa.pending(Integer.MAX_VALUE),
                            qb.pending(Integer.MAX_VALUE));
                    same("reviewed items of review queue " + name, qa.reviewed(), qb.reviewed());
                }
            }
            return List.copyOf(differences);
        }

        private void compareExperiment(String name) {
            Experiment ea = a.experiment(name);
            Experiment eb = b.experiment(name);
            same("experiment " + name, ea.info(), eb.info());
            Map<String, RunInfo> runsA = byId(ea.runs());
            Map<String, RunInfo> runsB = byId(eb.runs());
            if (!same("run ids of experiment " + name, runsA.keySet(), runsB.keySet())) {
                return;
            }
            for (RunInfo run : runsA.values()) {
                String where = "run " + run.id();
                if (!same(where, run, runsB.get(run.id()))) {
                    continue;
                }
                for (String metric : run.metrics().keySet()) {
                    same(where + " metric " + metric, a.metricHistory(run.id(), metric),
                            b.metricHistory(run.id(), metric));
                }
                for (ArtifactInfo artifact : run.artifacts()) {
                    same(where + " artifact " + artifact.path(), sha(a.artifact(run.id(), artifact.path())),
                            sha(b.artifact(run.id(), artifact.path())));
                }
            }
        }

        private static Map<String, RunInfo> byId(List<RunInfo> runs) {
            Map<String, RunInfo> byId = new java.util.TreeMap<>();
            runs.forEach(run -> byId.put(run.id(), run));
            return byId;
        }

        /** Records a difference unless equal; true when equal. */
        private boolean same(String what, Object first, Object second) {
            if (Objects.equals(first, second)) {
                return true;
            }
            if (differences.size() < MAX_DIFFERENCES) {
                differences.add(what + " differs: " + shortened(first) + " | " + shortened(second));
            }
            return false;
        }

        private static String shortened(Object value) {
            String text = String.valueOf(value);
            return text.length() <= 300 ? text : text.substring(0, 300) + "...";
        }

        private static String sha(byte[] content) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(content));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
