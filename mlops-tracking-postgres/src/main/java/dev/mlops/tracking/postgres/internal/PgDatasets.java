package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.DatasetFingerprint;
import dev.mlops.api.Frame;
import dev.mlops.api.tracking.DatasetOrigin;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Datasets;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.tracking.store.BlobStore;
import dev.mlops.tracking.store.DatasetRules;
import dev.mlops.tracking.store.StoreJson;
import dev.mlops.tracking.store.StoreNames;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dataset versions of the PostgreSQL store. Content and profile are bodies in the store's blobs;
 * a version row names them. Versions of one name are numbered under a per-name advisory lock, so
 * they run 1..N without a gap or a duplicate across clients; the same content logged twice (even at
 * once, by two clients) is one version. A version whose row does not read (edited by hand) is left
 * out of {@link #versions} with a warning, as the file store leaves it out; asking for it fails.
 */
final class PgDatasets implements Datasets {

    private static final Logger LOG = LoggerFactory.getLogger(PgDatasets.class);

    /** The columns a version is read from, in order. */
    static final String COLUMNS = "name, version, fingerprint, schema, row_count, created_ns";

    private final PgTracker store;

    PgDatasets(PgTracker store) {
        this.store = store;
    }

    @Override
    public DatasetVersion log(String name, Frame frame, DatasetOrigin origin) {
        DatasetRules.check(name, frame);
        DatasetRules.check(origin);
        DatasetFingerprint fingerprint = frame.fingerprint();
        Optional<DatasetVersion> existing = byFingerprint(name, fingerprint.sha256());
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] content = DatasetRules.encode(name, frame);
        String profile = DatasetRules.profile(frame);
        String schema = DatasetRules.schemaJson(frame.schema());
        long created = Nanos.of(store.options().clock().instant());
        Database db = store.database();
        BlobStore.Stored stored = store.blobs().put(content);
        String profileSha = profile == null ? null : store.blobs().put(profile.getBytes(StandardCharsets.UTF_8)).sha256();
        return db.transaction("log dataset " + name, c -> {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, PgTracker.DATASETS_LOCK_CLASS);
                lock.setString(2, name);
                lock.execute();
            }
            Optional<DatasetVersion> same = select(c, false, "name = ? and fingerprint = ?", name, fingerprint.sha256())
                    .stream().findFirst();
            if (same.isPresent()) {
                return same.get(); // logged by another client while this one stored the content
            }
            int version;
            try (PreparedStatement next = c.prepareStatement("select coalesce(max(version), 0) + 1 from "
                    + db.table("datasets") + " where name = ?")) {
                next.setString(1, name);
                try (ResultSet r = next.executeQuery()) {
                    r.next();
                    version = r.getInt(1);
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + db.table("datasets")
                    + " (name, version, fingerprint, schema, row_count, content, profile, created_ns, source)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setInt(2, version);
                insert.setString(3, fingerprint.sha256());
                insert.setString(4, schema);
                insert.setLong(5, frame.rowCount());
                insert.setString(6, stored.sha256());
                insert.setString(7, profileSha);
                insert.setLong(8, created);
                insert.setString(9, origin == null ? null : StoreJson.text(origin));
                insert.executeUpdate();
            }
            return DatasetRules.version(name, version, fingerprint.sha256(), frame.schema(), frame.rowCount(),
                    Nanos.instant(created));
        });
    }

    @Override
    public DatasetVersion version(String reference) {
        DatasetRules.Reference parsed = DatasetRules.reference(reference);
        return store.database().transaction("read dataset " + parsed, c -> select(c, false, "name = ? and version = ?",
                parsed.name(), parsed.version())).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("dataset " + parsed.name() + " has no version "
                        + parsed.version()));
    }

    @Override
    public List<DatasetVersion> versions(String name) {
        StoreNames.check("dataset name", name);
        return store.database().transaction("list dataset " + name, c -> select(c, true, "name = ?", name));
    }

    @Override
    public Optional<DatasetVersion> latest(String name) {
        List<DatasetVersion> all = versions(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public List<String> names() {
        Database db = store.database();
        return db.transaction("list datasets", c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select distinct name collate \"C\" as name from "
                    + db.table("datasets") + " order by name"); // Java's order, whatever the database's collation
                    ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        });
    }

    @Override
    public Frame load(DatasetVersion version) {
        DatasetVersion stored = version(version.reference());
        String sha = body(stored, "content");
        return DatasetRules.decode(store.blobs().get(sha), stored, "body " + sha);
    }

    @Override
    public Optional<DatasetOrigin> origin(DatasetVersion version) {
        String json = body(version(version.reference()), "source");
        return json == null ? Optional.empty() : Optional.of(StoreJson.parse(json.getBytes(StandardCharsets.UTF_8),
                DatasetOrigin.class, "the origin of dataset " + version.reference()));
    }

    @Override
    public Optional<String> profileJson(DatasetVersion version) {
        String sha = body(version(version.reference()), "profile");
        return sha == null ? Optional.empty()
                : Optional.of(new String(store.blobs().get(sha), StandardCharsets.UTF_8));
    }

    private String body(DatasetVersion version, String column) {
        Database db = store.database();
        return db.transaction("read dataset " + version.reference(), c -> {
            try (PreparedStatement select = c.prepareStatement("select " + column + " from " + db.table("datasets")
                    + " where name = ? and version = ?")) {
                select.setString(1, version.name());
                select.setInt(2, version.version());
                try (ResultSet r = select.executeQuery()) {
                    if (!r.next()) {
                        throw new NotFoundException("no dataset version " + version.reference());
                    }
                    return r.getString(1);
                }
            }
        });
    }

    private Optional<DatasetVersion> byFingerprint(String name, String fingerprint) {
        return store.database().transaction("find dataset " + name, c -> select(c, false, "name = ? and fingerprint = ?",
                name, fingerprint)).stream().findFirst();
    }

    /**
     * The version in the row's {@link #COLUMNS}, starting at column {@code first}.
     *
     * @throws StoreException naming the version if the row does not read (edited by hand)
     */
    static DatasetVersion read(ResultSet r, int first) throws SQLException {
        String name = r.getString(first);
        int version = r.getInt(first + 1);
        try {
            return DatasetRules.version(name, version, r.getString(first + 2),
                    DatasetRules.schema(r.getString(first + 3), name + "/" + version), r.getLong(first + 4),
                    Nanos.instant(r.getLong(first + 5)));
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("dataset version " + name + "/" + version + " does not read: " + e.getMessage(), e);
        }
    }

    /**
     * The versions matching {@code condition}, by name and version; in a {@code listing}, one that does
     * not read is left out with a warning, else it fails the call.
     */
    List<DatasetVersion> select(Connection c, boolean listing, String condition, Object... parameters)
            throws SQLException {
        List<DatasetVersion> versions = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from "
                + store.database().table("datasets") + " where " + condition + " order by name collate \"C\", version")) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    try {
                        versions.add(read(r, 1));
                    } catch (StoreException e) {
                        if (!listing) {
                            throw e;
                        }
                        LOG.warn("dataset version {}/{} is left out: {}", r.getString(1), r.getInt(2), e.getMessage());
                    }
                }
            }
        }
        return versions;
    }
}
