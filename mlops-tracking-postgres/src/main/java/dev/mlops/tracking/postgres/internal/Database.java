package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's connection to PostgreSQL: runs each unit of work in one transaction, retried from the
 * start when PostgreSQL cancels it for a serialization failure or a deadlock (bounded, with a
 * growing random pause), so callers never see those errors while the retries last. Work must be
 * idempotent within its transaction: it is run again only after a rollback. Table names are
 * qualified with the application's schema, which is checked to be a plain identifier.
 */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** serialization_failure, deadlock_detected: PostgreSQL asks the client to retry the transaction. */
    private static final Set<String> RETRIED = Set.of("40001", "40P01");

    private final DataSource source;
    private final String schema;
    private final int attempts;
    private final java.util.concurrent.atomic.LongAdder retries = new java.util.concurrent.atomic.LongAdder();

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public Database(DataSource source, String schema, int attempts) {
        this.source = source;
        this.schema = requireSchema(schema);
        this.attempts = attempts;
    }

    /**
     * Checks a schema name: lower-case letters, digits and underscores, starting with a letter or
     * underscore, at most 63 characters (PostgreSQL's limit), so it can be quoted into SQL safely.
     */
    public static String requireSchema(String schema) {
        if (schema == null || !SCHEMA.matcher(schema).matches() || schema.startsWith("pg_")) {
            throw new IllegalArgumentException("schema '" + schema + "' must be 1 to 63 lower-case letters, digits"
                    + " or underscores, start with a letter or underscore, and not start with pg_");
        }
        return schema;
    }

    /** The schema's name. */
    public String schema() {
        return schema;
    }

    /** {@code table} qualified with the schema, for SQL text. */
    public String table(String table) {
        return '"' + schema + "\"." + table;
    }

    /** How many transactions were retried since the store opened. */
    public long retries() {
        return retries.sum();
    }

    /**
     * Runs {@code work} in a transaction (read committed), retried on serialization failures and
     * deadlocks; {@code what} names it in errors.
     *
     * @throws StoreException when the database refuses it for another reason, or the retries run out
     */
    public <T> T transaction(String what, Work<T> work) {
        return transaction(what, work, true);
    }

    /**
     * {@link #transaction(String, Work)}; when not {@code durable}, its commit does not wait for the
     * write-ahead log to reach disk (PostgreSQL's {@code synchronous_commit = off}: a crash of the
     * database server, not of the client, may lose it). The next durable commit makes it durable
     * too, since the log is written in order.
     */
    public <T> T transaction(String what, Work<T> work, boolean durable) {
        SQLException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Connection connection = source.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    if (!durable) {
                        try (java.sql.Statement local = connection.createStatement()) {
                            local.execute("set local synchronous_commit to off");
                        }
                    }
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollback(connection, e);
                    throw e;
                } finally {
                    restore(connection, autoCommit);
                }
            } catch (SQLException e) {
                if (!RETRIED.contains(e.getSQLState()) || attempt == attempts) {
                    throw new StoreException("cannot " + what + ": " + describe(e), e);
                }
                last = e;
                retries.increment();
                pause(attempt);
            }
        }
        throw new StoreException("cannot " + what + ": " + describe(last), last);
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restore(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            LOG.debug("could not restore autocommit on a connection: {}", e.toString());
        }
    }

    private static void pause(int attempt) {
        long millis = (long) (Math.min(200, 2L << attempt) * (0.5 + Math.random()));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction", e);
        }
    }

    /** The SQL state and message, without the statement's parameter values. */
    static String describe(SQLException e) {
        return e == null ? "unknown" : e.getMessage() + " (SQL state " + e.getSQLState() + ")";
    }
}
