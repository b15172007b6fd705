package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.StoreException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The store's schema migrations (Flyway, forward only, in {@code dev/mlops/tracking/postgres/migration}),
 * recorded in the schema's own {@value #HISTORY} table so they never mix with the application's.
 */
public final class Migrations {

    /** Flyway's history table in the store's schema. */
    public static final String HISTORY = "mlops_schema_history";
    static final String LOCATION = "classpath:dev/mlops/tracking/postgres/migration";

    private Migrations() {
    }

    private static Flyway flyway(DataSource source, String schema) {
        return Flyway.configure(Migrations.class.getClassLoader()).dataSource(source).schemas(schema)
                .defaultSchema(schema).table(HISTORY).locations(LOCATION).createSchemas(true)
                .validateMigrationNaming(true).load();
    }

    /**
     * Brings {@code schema} up to date.
     *
     * @throws StoreException saying why a migration failed (the failed one is rolled back: PostgreSQL
     *         runs each in a transaction)
     */
    public static void apply(DataSource source, String schema) {
        try {
            Flyway flyway = flyway(source, schema);
            refuseNewer(flyway, schema);
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate schema '" + schema + "' of the tracking store: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Refuses a schema that a newer version of the store migrated: its tables may hold what this
     * version cannot read or would damage (Flyway by itself would ignore such migrations).
     */
    private static void refuseNewer(Flyway flyway, String schema) {
        List<String> newer = Arrays.stream(flyway.info().applied())
                .filter(m -> m.getState().name().startsWith("FUTURE"))
                .map(m -> m.getVersion() + " (" + m.getDescription() + ")").toList();
        if (!newer.isEmpty()) {
            throw new StoreException("schema '" + schema + "' of the tracking store was migrated by a newer version of"
                    + " mlops-tracking-postgres (migrations " + String.join(", ", newer) + "); use that version or a"
                    + " later one, not this one");
        }
    }

    /**
     * Checks that {@code schema} is up to date without changing it.
     *
     * @throws StoreException naming the pending migrations, or why the schema does not validate
     */
    public static void check(DataSource source, String schema) {
        Flyway flyway = flyway(source, schema);
        try {
            refuseNewer(flyway, schema);
            MigrationInfo[] pending = flyway.info().pending();
            if (pending.length > 0) {
                throw new StoreException("schema '" + schema + "' of the tracking store lacks migrations "
                        + Arrays.stream(pending).map(m -> m.getVersion() + " (" + m.getDescription() + ")")
                                .collect(Collectors.joining(", "))
                        + "; apply them (they are in " + LOCATION + "), or open with migrate(true)");
            }
            flyway.validate();
        } catch (FlywayException e) {
            throw new StoreException("schema '" + schema + "' of the tracking store does not match its migrations: "
                    + e.getMessage(), e);
        }
    }
}
