package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.model.Signature;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.Lineage;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.RegisteredModel;
import dev.mlops.api.tracking.Review;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.tracking.store.BlobStore;
import dev.mlops.tracking.store.RegistryRules;
import dev.mlops.tracking.store.RunRules;
import dev.mlops.tracking.store.StoreJson;
import dev.mlops.tracking.store.StoreNames;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry of the PostgreSQL store. Every change to a model is one transaction that
 * first locks the model's row (so version numbers run 1..N without a gap or a duplicate across
 * clients, and no two changes interleave), changes its rows and appends the audit entry: the audit
 * log and the state always agree, and a call that throws changed nothing. Artifacts are stored in
 * the blobs before the transaction (content addressed, so a failed registration leaves at most an
 * unreferenced body). A version whose row does not read (edited by hand) is left out of listings
 * with a warning, as the file store leaves it out; asking for it fails.
 */
final class PgRegistry implements ModelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PgRegistry.class);

    private final PgTracker store;
    private final Database db;

    PgRegistry(PgTracker store) {
        this.store = store;
        this.db = store.database();
    }

    @Override
    public RegisteredModel createModel(String name, String description, Map<String, String> tags) {
        RegistryRules.checkModel(name, description, tags);
        return db.transaction("create model " + name, c -> {
            boolean created = insertModel(c, name);
            RegisteredModel before = lockModel(c, name);
            Map<String, String> merged = new TreeMap<>(before.tags());
            merged.putAll(tags);
            try (PreparedStatement update = c.prepareStatement("update " + db.table("models")
                    + " set description = ?, tags = ? where name = ?")) {
                update.setString(1, description);
                update.setString(2, StoreJson.text(merged));
                update.setString(3, name);
                update.executeUpdate();
            }
            RegisteredModel after = new RegisteredModel(name, description, merged, before.aliases(),
                    before.aliasesRequiringApproval(), before.created());
            audit(c, RegistryRules.entry(now(), actor(), created ? "create-model" : "update-model", name, 0,
                    created ? null : before, after));
            return after;
        });
    }

    @Override
    public Optional<RegisteredModel> model(String name) {
        StoreNames.check("model name", name);
        return db.transaction("read model " + name, c -> readModel(c, name, false));
    }

    @Override
    public List<String> modelNames() {
        return db.transaction("list models", c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select name from " + db.table("models")
                    + " order by name collate \"C\"");
                    ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        });
    }

    @Override
    public ModelVersion register(String model, ModelSource source) {
        StoreNames.check("model name", model);
        Objects.requireNonNull(source, "source");
        byte[] artifact = source.artifact();
        Signature signature = RegistryRules.checkSource(model, source, artifact, run -> store.findRun(run).isPresent(),
                dataset -> {
                    try {
                        store.datasetVersion(dataset);
                        return null;
                    } catch (NotFoundException e) {
                        return e.getMessage();
                    }
                });
        BlobStore.Stored stored = store.blobs().put(artifact);
        String actor = actor();
        return db.transaction("register a version of " + model, c -> {
            if (insertModel(c, model)) {
                audit(c, RegistryRules.entry(now(), actor, "create-model", model, 0, null, lockModel(c, model)));
            }
            lockModel(c, model);
            int number;
            try (PreparedStatement next = c.prepareStatement("update " + db.table("models")
                    + " set last_version = last_version + 1 where name = ? returning last_version")) {
                next.setString(1, model);
                try (ResultSet r = next.executeQuery()) {
                    r.next();
                    number = r.getInt(1);
                }
            }
            ModelVersion version = RegistryRules.newVersion(model, number, source, stored.sha256(), stored.size(),
                    signature, actor, now());
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("model_versions")
                    + " (model, version, body) values (?, ?, ?)")) {
                insert.setString(1, model);
                insert.setInt(2, number);
                insert.setString(3, StoreJson.text(version));
                insert.executeUpdate();
            }
            audit(c, RegistryRules.entry(now(), actor, "register", model, number, null, version));
            return version;
        });
    }

    @Override
    public ModelVersion version(String reference) {
        RegistryRules.Reference parsed = RegistryRules.reference(reference);
        return db.transaction("read " + reference, c -> {
            String model = parsed.model();
            int number = parsed.version();
            if (parsed.alias() != null) {
                RegisteredModel registered = readModel(c, model, false)
                        .orElseThrow(() -> RegistryRules.missingModel(model));
                Integer aliased = registered.aliases().get(parsed.alias());
                if (aliased == null) {
                    throw new NotFoundException("model " + model + " has no alias '" + parsed.alias() + "'; it has "
                            + registered.aliases().keySet());
                }
                number = aliased;
            }
            int wanted = number;
            return readVersion(c, model, number).orElseThrow(() ->
                    new NotFoundException("model " + model + " has no version " + wanted));
        });
    }

    @Override
    public List<ModelVersion> versions(String model, boolean includeArchived) {
        StoreNames.check("model name", model);
        return db.transaction("list versions of " + model, c -> selectVersions(c, true, "model = ?", model).stream()
                .filter(v -> includeArchived || v.state() != ReviewState.ARCHIVED).toList());
    }

    @Override
    public byte[] artifact(ModelVersion version) {
        return store.blobs().get(version(version.reference()).artifactSha256());
    }

    @Override
    public ModelVersion review(String reference, ReviewState state, String reviewer, String reason) {
        RegistryRules.checkReview(state, reviewer, reason);
        ModelVersion target = version(reference);
        return db.transaction("review " + target.reference(), c -> {
            RegisteredModel model = lockModel(c, target.model());
            ModelVersion before = requireVersion(c, target);
            if (state == ReviewState.ARCHIVED) {
                RegistryRules.requireNoAlias(model, before, "archived");
            }
            ModelVersion after = RegistryRules.with(before, before.tags(), new Review(state, reviewer, reason, now()));
            replace(c, after);
            audit(c, RegistryRules.entry(now(), reviewer, "review", model.name(), before.version(), before, after));
            return after;
        });
    }

    @Override
    public void setAlias(String model, String alias, int version) {
        StoreNames.check("model name", model);
        StoreNames.check("alias", alias);
        db.transaction("set alias " + alias + " of " + model, c -> {
            RegisteredModel before = lockModel(c, model);
            ModelVersion target = readVersion(c, model, version).orElseThrow(() ->
                    new NotFoundException("model " + model + " has no version " + version));
            RegistryRules.requireAliasTarget(before, alias, target);
            try (PreparedStatement upsert = c.prepareStatement("insert into " + db.table("model_aliases")
                    + " (model, alias, version) values (?, ?, ?) on conflict (model, alias) do update set version ="
                    + " excluded.version")) {
                upsert.setString(1, model);
                upsert.setString(2, alias);
                upsert.setInt(3, version);
                upsert.executeUpdate();
            }
            audit(c, RegistryRules.entry(now(), actor(), "set-alias", model, version,
                    Map.of("alias", alias, "version", before.aliases().getOrDefault(alias, 0)),
                    Map.of("alias", alias, "version", version)));
            return null;
        });
    }

    @Override
    public void removeAlias(String model, String alias) {
        StoreNames.check("model name", model);
        StoreNames.check("alias", alias);
        db.transaction("remove alias " + alias + " of " + model, c -> {
            RegisteredModel before = lockModel(c, model);
            Integer old = before.aliases().get(alias);
            if (old == null) {
                return null;
            }
            try (PreparedStatement delete = c.prepareStatement("delete from " + db.table("model_aliases")
                    + " where model = ? and alias = ?")) {
                delete.setString(1, model);
                delete.setString(2, alias);
                delete.executeUpdate();
            }
            audit(c, RegistryRules.entry(now(), actor(), "remove-alias", model, old,
                    Map.of("alias", alias, "version", old), null));
            return null;
        });
    }

    @Override
    public void requireApproval(String model, String alias, boolean required) {
        StoreNames.check("model name", model);
        StoreNames.check("alias", alias);
        db.transaction("set the approval policy of " + model, c -> {
            RegisteredModel before = lockModel(c, model);
            Set<String> policy = new TreeSet<>(before.aliasesRequiringApproval());
            boolean changed = required ? policy.add(alias) : policy.remove(alias);
            if (changed) {
                try (PreparedStatement change = c.prepareStatement(required
                        ? "insert into " + db.table("model_approvals") + " (model, alias) values (?, ?)"
                        : "delete from " + db.table("model_approvals") + " where model = ? and alias = ?")) {
                    change.setString(1, model);
                    change.setString(2, alias);
                    change.executeUpdate();
                }
                audit(c, RegistryRules.entry(now(), actor(), "approval-policy", model, 0,
                        new TreeSet<>(before.aliasesRequiringApproval()), policy));
            }
            return null;
        });
    }

    @Override
    public ModelVersion tagVersion(String reference, String key, String value) {
        RunRules.checkTag(key, value);
        ModelVersion target = version(reference);
        return db.transaction("tag " + target.reference(), c -> {
            RegisteredModel model = lockModel(c, target.model());
            ModelVersion before = requireVersion(c, target);
            Map<String, String> tags = new TreeMap<>(before.tags());
            tags.put(key, value);
            ModelVersion after = RegistryRules.with(before, tags, before.review());
            replace(c, after);
            audit(c, RegistryRules.entry(now(), actor(), "tag-version", model.name(), before.version(), before,
                    after));
            return after;
        });
    }

    @Override
    public void delete(String reference) {
        ModelVersion target = version(reference);
        db.transaction("delete " + target.reference(), c -> {
            RegisteredModel model = lockModel(c, target.model());
            ModelVersion before = requireVersion(c, target);
            RegistryRules.requireNoAlias(model, before, "deleted");
            try (PreparedStatement delete = c.prepareStatement("delete from " + db.table("model_versions")
                    + " where model = ? and version = ?")) {
                delete.setString(1, before.model());
                delete.setInt(2, before.version());
                delete.executeUpdate();
            }
            audit(c, RegistryRules.entry(now(), actor(), "delete", model.name(), before.version(), before, null));
            return null;
        });
    }

    @Override
    public List<AuditEntry> audit(String model) {
        StoreNames.check("model name", model);
        return db.transaction("read the audit log of " + model, c -> {
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select at_ns, actor, action, version, before, after"
                    + " from " + db.table("audit_log") + " where model = ? order by seq")) {
                select.setString(1, model);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        entries.add(new AuditEntry(Nanos.instant(r.getLong(1)), r.getString(2), r.getString(3), model,
                                r.getInt(4), r.getString(5), r.getString(6)));
                    }
                }
            }
            return entries;
        });
    }

    @Override
    public Lineage lineage(String reference) {
        return RegistryRules.lineage(version(reference), store::findRun, store::datasetVersion);
    }

    @Override
    public List<ModelVersion> versionsFromRun(String runId) {
        Objects.requireNonNull(runId, "runId");
        return allVersions().stream().filter(v -> runId.equals(v.runId())).toList();
    }

    @Override
    public List<ModelVersion> versionsFromDataset(String datasetReference) {
        Objects.requireNonNull(datasetReference, "datasetReference");
        return allVersions().stream().filter(v -> RegistryRules.trainedOn(v, datasetReference, store::findRun)).toList();
    }


    private List<ModelVersion> allVersions() {
        return db.transaction("list every model version", c -> selectVersions(c, true, "true"));
    }

    /** Creates the model's row if it has none (a client creating it at once waits, then finds it); true when it did. */
    private boolean insertModel(Connection c, String name) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("models")
                + " (name, description, tags, last_version, created_ns) values (?, '', '{}', 0, ?)"
                + " on conflict (name) do nothing")) {
            insert.setString(1, name);
            insert.setLong(2, Nanos.of(now()));
            return insert.executeUpdate() == 1;
        }
    }

    /** Locks the model's row for this transaction and reads it whole. */
    private RegisteredModel lockModel(Connection c, String name) throws SQLException {
        return readModel(c, name, true).orElseThrow(() -> RegistryRules.missingModel(name));
    }

    private Optional<RegisteredModel> readModel(Connection c, String name, boolean lock) throws SQLException {
        String description;
        String tags;
        long created;
        try (PreparedStatement select = c.prepareStatement("select description, tags, created_ns from "
                + db.table("models") + " where name = ?" + (lock ? " for update" : ""))) {
            select.setString(1, name);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                description = r.getString(1);
                tags = r.getString(2);
                created = r.getLong(3);
            }
        }
        Map<String, Integer> aliases = new TreeMap<>();
        try (PreparedStatement select = c.prepareStatement("select alias, version from " + db.table("model_aliases")
                + " where model = ?")) {
            select.setString(1, name);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    aliases.put(r.getString(1), r.getInt(2));
                }
            }
        }
        Set<String> approvals = new TreeSet<>();
        try (PreparedStatement select = c.prepareStatement("select alias from " + db.table("model_approvals")
                + " where model = ?")) {
            select.setString(1, name);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    approvals.add(r.getString(1));
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, String> tagMap = new TreeMap<>(StoreJson.parse(tags.getBytes(StandardCharsets.UTF_8), Map.class,
                "the tags of model " + name));
        return Optional.of(new RegisteredModel(name, description, tagMap, aliases, approvals, Nanos.instant(created)));
    }

    private Optional<ModelVersion> readVersion(Connection c, String model, int number) throws SQLException {
        return selectVersions(c, false, "model = ? and version = ?", model, number).stream().findFirst();
    }

    /** The version as it is now, under the model's lock: deleted since it was looked up is not found. */
    private ModelVersion requireVersion(Connection c, ModelVersion target) throws SQLException {
        return readVersion(c, target.model(), target.version()).orElseThrow(() ->
                new NotFoundException("model " + target.model() + " has no version " + target.version()));
    }

    /**
     * The versions matching {@code condition}, by model and version; in a {@code listing}, one that
     * does not read is left out with a warning, else it fails the call.
     */
    private List<ModelVersion> selectVersions(Connection c, boolean listing, String condition, Object... parameters)
            throws SQLException {
        List<ModelVersion> versions = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select model, version, body from "
                + db.table("model_versions") + " where " + condition + " order by model collate \"C\", version")) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    try {
                        versions.add(readVersion(r.getString(1), r.getInt(2), r.getString(3)));
                    } catch (StoreException e) {
                        if (!listing) {
                            throw e;
                        }
                        LOG.warn("version {}/{} is left out of the listing: {}", r.getString(1), r.getInt(2),
                                e.getMessage());
                    }
                }
            }
        }
        return versions;
    }

    /**
     * The version stored as {@code body} in the row of {@code model}/{@code number}.
     *
     * @throws StoreException naming it if it does not read, or claims to be another version
     */
    private static ModelVersion readVersion(String model, int number, String body) {
        String where = "version " + model + "/" + number;
        ModelVersion version = StoreJson.parse(body.getBytes(StandardCharsets.UTF_8), ModelVersion.class, where);
        if (!version.model().equals(model) || version.version() != number) {
            throw new StoreException(where + " claims to be " + version.reference());
        }
        return version;
    }

    private void replace(Connection c, ModelVersion version) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update " + db.table("model_versions")
                + " set body = ? where model = ? and version = ?")) {
            update.setString(1, StoreJson.text(version));
            update.setString(2, version.model());
            update.setInt(3, version.version());
            update.executeUpdate();
        }
    }

    private void audit(Connection c, AuditEntry entry) throws SQLException {
        audit(db, c, entry);
    }

    /** Appends {@code entry} to the audit log. */
    static void audit(Database db, Connection c, AuditEntry entry) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("audit_log")
                + " (model, at_ns, actor, action, version, before, after) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, entry.model());
            insert.setLong(2, Nanos.of(entry.at()));
            insert.setString(3, entry.actor());
            insert.setString(4, entry.action());
            insert.setInt(5, entry.version());
            insert.setString(6, entry.before());
            insert.setString(7, entry.after());
            insert.executeUpdate();
        }
    }

    private Instant now() {
        return store.options().clock().instant();
    }

    private String actor() {
        return store.options().actor();
    }
}
