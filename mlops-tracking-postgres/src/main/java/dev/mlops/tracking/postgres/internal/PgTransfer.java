package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.DatasetInput;
import dev.mlops.api.tracking.DatasetOrigin;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ExperimentInfo;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.RegisteredModel;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewedItem;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.tracking.store.DatasetRules;
import dev.mlops.tracking.store.Limits;
import dev.mlops.tracking.store.RegistryRules;
import dev.mlops.tracking.store.RunRules;
import dev.mlops.tracking.store.StoreJson;
import dev.mlops.tracking.store.StoreNames;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The PostgreSQL store's side of copying a whole store ({@link dev.mlops.tracking.store.StoreTransfer}):
 * each entry written as it is, in one transaction, refused when it exists already.
 */
final class PgTransfer {

    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{32}");
    /** Points per stored batch, as a run logging through the API would batch them at most. */
    private static final int POINTS_PER_BATCH = 10_000;

    private final PgTracker store;
    private final Database db;

    PgTransfer(PgTracker store) {
        this.store = store;
        this.db = store.database();
    }

    List<String> reviewQueueNames() {
        return db.transaction("list review queues", c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select q.name from " + db.table("review_queues")
                    + " q where exists (select 1 from " + db.table("review_items") + " i where i.queue = q.name)"
                    + " order by q.name collate \"C\"");
                    ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        });
    }

    int lastVersion(String model) {
        StoreNames.check("model name", model);
        return db.transaction("read model " + model, c -> {
            try (PreparedStatement select = c.prepareStatement("select last_version from " + db.table("models")
                    + " where name = ?")) {
                select.setString(1, model);
                try (ResultSet r = select.executeQuery()) {
                    if (!r.next()) {
                        throw RegistryRules.missingModel(model);
                    }
                    return r.getInt(1);
                }
            }
        });
    }

    void putExperiment(ExperimentInfo experiment) {
        StoreNames.check("experiment name", experiment.name());
        Limits.value("experiment description", experiment.name(), experiment.description(), Run.MAX_TAG_VALUE_LENGTH);
        experiment.tags().forEach(RunRules::checkTag);
        db.transaction("copy experiment " + experiment.name(), c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("experiments")
                    + " (name, description, created_ns) values (?, ?, ?) on conflict (name) do nothing")) {
                insert.setString(1, experiment.name());
                insert.setString(2, experiment.description());
                insert.setLong(3, Nanos.of(experiment.created()));
                if (insert.executeUpdate() == 0) {
                    throw new ConflictException("experiment '" + experiment.name() + "' exists already");
                }
            }
            insertPairs(c, "experiment_tags", "experiment", experiment.name(), experiment.tags());
            return null;
        });
    }

    void putDatasetVersion(DatasetVersion version, Frame frame, String profileJson, DatasetOrigin origin) {
        DatasetRules.check(version.name(), frame);
        DatasetRules.check(origin);
        if (!frame.fingerprint().sha256().equals(version.fingerprint().sha256())) {
            throw new StoreException("the content given for dataset " + version.reference() + " has fingerprint "
                    + frame.fingerprint().sha256() + ", not the version's " + version.fingerprint().sha256());
        }
        String content = store.blobs().put(DatasetRules.encode(version.name(), frame)).sha256();
        String profile = profileJson == null ? null
                : store.blobs().put(profileJson.getBytes(StandardCharsets.UTF_8)).sha256();
        db.transaction("copy dataset " + version.reference(), c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("datasets")
                    + " (name, version, fingerprint, schema, row_count, content, profile, created_ns, source)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                insert.setString(1, version.name());
                insert.setInt(2, version.version());
                insert.setString(3, version.fingerprint().sha256());
                insert.setString(4, DatasetRules.schemaJson(frame.schema()));
                insert.setLong(5, frame.rowCount());
                insert.setString(6, content);
                insert.setString(7, profile);
                insert.setLong(8, Nanos.of(version.created()));
                insert.setString(9, origin == null ? null : StoreJson.text(origin));
                if (insert.executeUpdate() == 0) {
                    throw new ConflictException("dataset " + version.reference() + " (or its content under another"
                            + " number) exists already");
                }
            }
            return null;
        });
    }

    void putRun(RunInfo run) {
        if (!RUN_ID.matcher(run.id()).matches()) {
            throw new StoreException("'" + run.id() + "' is not a run id this store can hold (32 lower-case hex digits)");
        }
        StoreNames.check("experiment name", run.experiment());
        Limits.key("run name", run.name());
        RunRules.checkParams(run.id(), run.params());
        run.tags().forEach(RunRules::checkTag);
        run.artifacts().forEach(artifact -> RunRules.checkArtifactPath(artifact.path()));
        for (DatasetInput input : run.inputs()) {
            RunRules.requireSameContent(store.datasetVersion(input.dataset().reference()), input.dataset());
        }
        if (run.parentId() != null && store.findRun(run.parentId()).isEmpty()) {
            throw new NotFoundException("run " + run.id() + " is a child of run " + run.parentId()
                    + ", which this store does not hold");
        }
        boolean running = run.status() == RunStatus.RUNNING || run.status() == RunStatus.ABANDONED;
        String environment = StoreJson.text(new TreeMap<>(run.environment()));
        db.transaction("copy run " + run.id(), c -> {
            requireExperiment(c, run);
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("runs")
                    + " (id, experiment, name, parent_id, status, started_ns, ended_ns, environment, error,"
                    + " heartbeat_ns, heartbeat_every_ns) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict (id) do nothing")) {
                insert.setString(1, run.id());
                insert.setString(2, run.experiment());
                insert.setString(3, run.name());
                insert.setString(4, run.parentId());
                insert.setString(5, (running ? RunStatus.RUNNING : run.status()).name());
                insert.setLong(6, Nanos.of(run.started()));
                insert.setObject(7, run.ended() == null ? null : Nanos.of(run.ended()), java.sql.Types.BIGINT);
                insert.setString(8, environment);
                insert.setString(9, run.error());
                insert.setLong(10, 0); // a running run's heartbeat stopped long ago: it reads as abandoned
                insert.setLong(11, store.options().heartbeat().toNanos());
                if (insert.executeUpdate() == 0) {
                    throw new ConflictException("run " + run.id() + " exists already");
                }
            }
            insertPairs(c, "run_params", "run_id", run.id(), run.params());
            insertPairs(c, "run_tags", "run_id", run.id(), run.tags());
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("run_inputs")
                    + " (run_id, position, dataset, version, role) values (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < run.inputs().size(); i++) {
                    DatasetInput input = run.inputs().get(i);
                    insert.setString(1, run.id());
                    insert.setInt(2, i);
                    insert.setString(3, input.dataset().name());
                    insert.setInt(4, input.dataset().version());
                    insert.setString(5, input.role().name());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("run_artifacts")
                    + " (run_id, path, sha256, size) values (?, ?, ?, ?)")) {
                for (ArtifactInfo artifact : run.artifacts()) {
                    insert.setString(1, run.id());
                    insert.setString(2, artifact.path());
                    insert.setString(3, artifact.sha256());
                    insert.setLong(4, artifact.size());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    void putMetricPoints(String runId, List<MetricPoint> points) {
        store.run(runId);
        List<PointBatches.Point> all = new ArrayList<>(points.size());
        for (MetricPoint point : points) {
            all.add(new PointBatches.Point(Limits.key("metric name", point.name()), point.value(), point.step(),
                    Nanos.of(point.timestamp())));
        }
        for (int start = 0; start < all.size(); start += POINTS_PER_BATCH) {
            List<PointBatches.Point> batch = all.subList(start, Math.min(all.size(), start + POINTS_PER_BATCH));
            UUID id = UUID.randomUUID(); // drawn once: a retried transaction writes the batch once
            db.transaction("copy " + batch.size() + " metric points of run " + runId,
                    c -> PgRun.writeBatch(db, c, runId, id, batch));
        }
    }

    void putModel(RegisteredModel model, int lastVersion, List<ModelVersion> versions, List<AuditEntry> audit) {
        RegistryRules.checkModel(model.name(), model.description(), model.tags());
        for (ModelVersion version : versions) {
            if (!version.model().equals(model.name()) || version.version() < 1 || version.version() > lastVersion) {
                throw new StoreException("version " + version.reference() + " does not belong to model " + model.name()
                        + " (versions 1 to " + lastVersion + ")");
            }
        }
        for (AuditEntry entry : audit) {
            if (!entry.model().equals(model.name())) {
                throw new StoreException("an audit entry of model " + entry.model() + " is not model " + model.name()
                        + "'s");
            }
        }
        db.transaction("copy model " + model.name(), c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("models")
                    + " (name, description, tags, last_version, created_ns) values (?, ?, ?, ?, ?)"
                    + " on conflict (name) do nothing")) {
                insert.setString(1, model.name());
                insert.setString(2, model.description());
                insert.setString(3, StoreJson.text(model.tags()));
                insert.setInt(4, lastVersion);
                insert.setLong(5, Nanos.of(model.created()));
                if (insert.executeUpdate() == 0) {
                    throw new ConflictException("model " + model.name() + " exists already");
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("model_versions")
                    + " (model, version, body) values (?, ?, ?)")) {
                for (ModelVersion version : versions) {
                    insert.setString(1, model.name());
                    insert.setInt(2, version.version());
                    insert.setString(3, StoreJson.text(version));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("model_aliases")
                    + " (model, alias, version) values (?, ?, ?)")) {
                for (Map.Entry<String, Integer> alias : model.aliases().entrySet()) {
                    insert.setString(1, model.name());
                    insert.setString(2, alias.getKey());
                    insert.setInt(3, alias.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("model_approvals")
                    + " (model, alias) values (?, ?)")) {
                for (String alias : new java.util.TreeSet<>(model.aliasesRequiringApproval())) {
                    insert.setString(1, model.name());
                    insert.setString(2, alias);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            for (AuditEntry entry : audit) {
                PgRegistry.audit(db, c, entry);
            }
            return null;
        });
    }

    void putReviewQueue(String name, List<ReviewItem> pending, List<ReviewedItem> reviewed) {
        StoreNames.check("review queue name", name);
        db.transaction("copy review queue " + name, c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("review_queues")
                    + " (name) values (?) on conflict (name) do nothing")) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
            try (PreparedStatement lock = c.prepareStatement("select 1 from " + db.table("review_queues")
                    + " where name = ? for update")) {
                lock.setString(1, name);
                lock.executeQuery().close();
            }
            try (PreparedStatement any = c.prepareStatement("select 1 from " + db.table("review_items")
                    + " where queue = ? limit 1")) {
                any.setString(1, name);
                try (ResultSet r = any.executeQuery()) {
                    if (r.next()) {
                        throw new ConflictException("review queue '" + name + "' holds items already");
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("review_items")
                    + " (queue, id, item, reviewed, reviewed_order) values (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < reviewed.size(); i++) {
                    ReviewedItem done = reviewed.get(i);
                    insert.setString(1, name);
                    insert.setString(2, done.item().id());
                    insert.setString(3, StoreJson.text(done.item()));
                    insert.setString(4, StoreJson.text(done));
                    insert.setLong(5, i + 1);
                    insert.addBatch();
                }
                for (ReviewItem item : pending) {
                    insert.setString(1, name);
                    insert.setString(2, item.id());
                    insert.setString(3, StoreJson.text(item));
                    insert.setString(4, null);
                    insert.setObject(5, null, java.sql.Types.BIGINT);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    private void requireExperiment(Connection c, RunInfo run) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select 1 from " + db.table("experiments")
                + " where name = ?")) {
            select.setString(1, run.experiment());
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    throw new NotFoundException("run " + run.id() + " belongs to experiment '" + run.experiment()
                            + "', which this store does not hold");
                }
            }
        }
    }

    private void insertPairs(Connection c, String table, String owner, String ownerValue, Map<String, String> pairs)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into " + db.table(table) + " (" + owner
                + ", key, value) values (?, ?, ?)")) {
            for (Map.Entry<String, String> pair : pairs.entrySet()) {
                insert.setString(1, ownerValue);
                insert.setString(2, pair.getKey());
                insert.setString(3, pair.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
