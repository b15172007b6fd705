package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.ExperimentInfo;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.tracking.store.Limits;
import dev.mlops.tracking.store.RunRules;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An experiment of the PostgreSQL store. */
final class PgExperiment implements Experiment {

    private final PgTracker store;
    private final String name;

    PgExperiment(PgTracker store, String name) {
        this.store = store;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExperimentInfo info() {
        Database db = store.database();
        return db.transaction("read experiment " + name, c -> {
            String description;
            long created;
            try (PreparedStatement select = c.prepareStatement("select description, created_ns from "
                    + db.table("experiments") + " where name = ?")) {
                select.setString(1, name);
                try (ResultSet r = select.executeQuery()) {
                    if (!r.next()) {
                        throw new dev.mlops.api.tracking.StoreException("experiment " + name + " is missing: it was"
                                + " deleted from the database by hand");
                    }
                    description = r.getString(1);
                    created = r.getLong(2);
                }
            }
            Map<String, String> tags = new TreeMap<>();
            try (PreparedStatement select = c.prepareStatement("select key, value from "
                    + db.table("experiment_tags") + " where experiment = ?")) {
                select.setString(1, name);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        tags.put(r.getString(1), r.getString(2));
                    }
                }
            }
            return new ExperimentInfo(name, description, tags, Nanos.instant(created));
        });
    }

    @Override
    public void describe(String description) {
        Limits.value("experiment description", name, description, Run.MAX_TAG_VALUE_LENGTH);
        Database db = store.database();
        db.transaction("describe experiment " + name, c -> {
            try (PreparedStatement update = c.prepareStatement("update " + db.table("experiments")
                    + " set description = ? where name = ?")) {
                update.setString(1, description);
                update.setString(2, name);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void tag(String key, String value) {
        RunRules.checkTag(key, value);
        Database db = store.database();
        db.transaction("tag experiment " + name, c -> {
            try (PreparedStatement upsert = c.prepareStatement("insert into " + db.table("experiment_tags")
                    + " (experiment, key, value) values (?, ?, ?) on conflict (experiment, key) do update set value"
                    + " = excluded.value")) {
                upsert.setString(1, name);
                upsert.setString(2, key);
                upsert.setString(3, value);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Run start() {
        return start(RunRules.defaultName(store.options().clock().instant()));
    }

    @Override
    public Run start(String runName) {
        Limits.key("run name", runName);
        return store.createRun(name, runName, null);
    }

    @Override
    public RunPage search(RunQuery query) {
        return store.search(name, query);
    }

    @Override
    public List<RunInfo> runs() {
        return search(RunQuery.all().limit(RunQuery.MAX_LIMIT)).runs();
    }

    @Override
    public String toString() {
        return "PgExperiment[" + name + "]";
    }
}
