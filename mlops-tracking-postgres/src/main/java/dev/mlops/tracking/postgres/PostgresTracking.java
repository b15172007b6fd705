package dev.mlops.tracking.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.postgres.internal.Database;
import dev.mlops.tracking.postgres.internal.Migrations;
import dev.mlops.tracking.postgres.internal.PgTracker;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Opens the tracking store on PostgreSQL: the same {@link Tracker} as the file store, shared by a
 * team. The application passes its own {@link DataSource} (the store uses it as it is and never
 * closes it), or a JDBC URL and credentials (the store then keeps a small HikariCP pool, closed with
 * the tracker; opening needs two connections at once, for Flyway, so a pool needs at least two).
 * The store's tables live in one schema ({@link PostgresOptions#schema}); migrations are
 * applied on open unless the application says they are its own job.
 *
 * <pre>{@code
 * try (Tracker tracker = PostgresTracking.open("jdbc:postgresql://db:5432/ml", "ml", secret,
 *         PostgresOptions.defaults().schema("tracking"))) {
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class PostgresTracking {

    private PostgresTracking() {
    }

    /**
     * A tracker on {@code dataSource}, with the schema migrated (or checked) as {@code options} say.
     *
     * @throws dev.mlops.api.tracking.StoreException if the database cannot be reached, a migration
     *         fails, or the schema is behind and migrations are the application's job
     */
    public static Tracker open(DataSource dataSource, PostgresOptions options) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(options, "options");
        return open(dataSource, options, null);
    }

    /**
     * A tracker on the database at {@code jdbcUrl} ({@code jdbc:postgresql://host:port/database}),
     * through a pool of at most {@code maxConnections} that the tracker owns.
     *
     * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL or the pool size is not 1 to 100
     * @throws dev.mlops.api.tracking.StoreException as {@link #open(DataSource, PostgresOptions)}
     */
    public static Tracker open(String jdbcUrl, String user, String password, int maxConnections,
            PostgresOptions options) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        if (maxConnections < 2 || maxConnections > 100) { // Flyway holds two connections while it migrates
            throw new IllegalArgumentException("a pool holds 2 to 100 connections, not " + maxConnections);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(2, maxConnections));
        config.setPoolName("mlops-tracking");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return open(pool, options, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * How many transactions {@code tracker} retried because PostgreSQL cancelled them for a
     * serialization failure or a deadlock (each retry is invisible to the caller): a measure of
     * contention.
     *
     * @throws IllegalArgumentException if {@code tracker} is not a PostgreSQL tracker
     */
    public static long retries(Tracker tracker) {
        if (!(tracker instanceof PgTracker pg)) {
            throw new IllegalArgumentException("not a PostgreSQL tracker: " + tracker);
        }
        return pg.retries();
    }

    private static Tracker open(DataSource dataSource, PostgresOptions options, AutoCloseable ownedPool) {
        if (options.migrate()) {
            Migrations.apply(dataSource, options.schema());
        } else {
            Migrations.check(dataSource, options.schema());
        }
        return new PgTracker(new Database(dataSource, options.schema(), options.maxAttempts()), options, ownedPool);
    }
}
