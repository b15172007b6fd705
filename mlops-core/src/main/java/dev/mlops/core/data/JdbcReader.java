package dev.mlops.core.data;

import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads the result of a SQL query into a {@link Frame}, through plain JDBC: any driver on the class path.
 * Immutable and thread-safe: each setting returns a new reader, so a configured reader can be kept and shared.
 *
 * <pre>{@code
 * Frame orders = Jdbc.reader()
 *     .fetchSize(5_000)
 *     .type("customer_id", FieldType.CATEGORICAL)   // an id is a label, not a quantity
 *     .read(dataSource, "SELECT customer_id, amount, placed_at FROM orders WHERE placed_at >= ?", since);
 * }</pre>
 *
 * <h2>How it queries</h2>
 * The SQL runs as a {@link java.sql.PreparedStatement}, forward-only and read-only, with the parameters bound
 * in order by {@code setObject} (so a value is data, never SQL). Rows are fetched {@link #fetchSize(int)} at a
 * time and added to primitive columns as they come, so memory holds the frame being built and one batch.
 * PostgreSQL's driver honours the fetch size only outside autocommit: a connection in autocommit mode is
 * switched out of it for the read, committed after it (as autocommit would have done; rolled back if the read
 * fails) and switched back before it is closed. A connection already in a transaction is left in it, neither
 * committed nor rolled back. The connection comes from the {@link DataSource} and is closed after each read.
 *
 * <h2>Types</h2>
 * Each column's type comes from the driver's {@link java.sql.ResultSetMetaData}:
 * <ul>
 *   <li>SMALLINT, INTEGER, BIGINT (and TINYINT): numeric. An integer a double cannot hold exactly (beyond
 *       2<sup>53</sup>, such as 9007199254740993) is an error.
 *   <li>REAL, DOUBLE, FLOAT: numeric, the value stored (a REAL 1.1 is the single-precision number nearest 1.1,
 *       1.100000023841858); NaN and the infinities are values, as in CSV.
 *   <li>NUMERIC, DECIMAL: numeric when a double holds the value exactly (compared as {@code BigDecimal}s), else
 *       an error unless {@link #inexactDecimals(boolean) inexactDecimals(true)}; beyond the range of a double
 *       always an error. So by default 0.5 reads and 0.1 does not: cast such columns to double precision in the
 *       query, or opt in to rounding by name.
 *   <li>BOOLEAN, BIT: boolean.
 *   <li>CHAR, VARCHAR and their long and national forms (PostgreSQL's {@code text}): categorical, as the CSV
 *       reader infers text; {@link #type(String, FieldType)} or a schema can make them text.
 *   <li>DATE: a timestamp at the start of the day in UTC.
 *   <li>TIMESTAMP (without time zone): a timestamp read as UTC, whatever the session's or the JVM's zone;
 *       convert it in the query ({@code AT TIME ZONE}) when it holds local times of another zone.
 *   <li>TIMESTAMP WITH TIME ZONE (PostgreSQL's {@code timestamptz}): the instant it denotes.
 * </ul>
 * SQL NULL is a missing value. Any other SQL type (arrays, binary, JSON, UUID, intervals, times of day, ...)
 * is an error naming the column and its type, suggesting a cast in the query.
 *
 * <h2>Choosing types</h2>
 * A {@link #schema(Schema) schema} or {@link #type(String, FieldType) type} reads a column as another type,
 * strictly: text parses into numbers by the CSV reader's rule, into booleans ({@code true}/{@code false}, any
 * case) and into ISO-8601 timestamps (UTC unless they carry an offset); integers, decimals and booleans read as
 * categorical or text in their plain spelling; a value that does not parse is an error naming it. A pairing
 * that would need a choice of format (floating point or times as labels, numbers as booleans) is refused before
 * any row is read, suggesting a cast. With a schema, the result must have exactly the schema's columns, in any
 * order: a field missing from the result and a result column not in the schema are both errors, naming them,
 * since a column silently dropped would still have been fetched. The frame follows the schema's order.
 *
 * <h2>Errors</h2>
 * A {@link DataException} names the query by its SQL text (on one line, shortened), so keep secrets out of
 * the SQL and in parameters: the reader never puts a parameter into a message. A bad value's exception has
 * the 1-based row of the result as its {@link DataException#line() line}, the column and the value. The
 * database's own errors are wrapped with their SQL state and message; since a database may quote a value it
 * could not convert, each parameter's text of four characters or more is replaced there by
 * {@code <parameter n>}. The driver's exception is kept as the cause, unchanged: log causes only where
 * parameter values may be seen.
 *
 * @since 0.1
 */
public final class JdbcReader {

    /**
     * The settings of one reader.
     *
     * @param schema the schema the result must match, or null
     * @param types  the types given to columns by name, unmodifiable
     */
    record Settings(int fetchSize, Schema schema, Map<String, FieldType> types, boolean inexactDecimals) {
    }

    private final Settings settings;

    private JdbcReader(Settings settings) {
        this.settings = settings;
    }

    /** The default reader: fetch size 1,000, types from the result's metadata, exact decimals only. */
    static JdbcReader defaults() {
        return new JdbcReader(new Settings(1_000, null, Map.of(), false));
    }

    /**
     * How many rows the driver fetches at a time. Default 1,000.
     *
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public JdbcReader fetchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("fetch size must be at least 1: " + rows);
        }
        return new JdbcReader(new Settings(rows, settings.schema(), settings.types(), settings.inexactDecimals()));
    }

    /**
     * The schema the result must match: exactly its columns, each read as its field's type (see "Choosing
     * types" above), a NULL in a required field being an error.
     */
    public JdbcReader schema(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        return new JdbcReader(new Settings(settings.fetchSize(), schema, settings.types(), settings.inexactDecimals()));
    }

    /** Reads {@code column} as {@code type} instead of its SQL type's (see "Choosing types" above); it is nullable. */
    public JdbcReader type(String column, FieldType type) {
        Map<String, FieldType> copy = new LinkedHashMap<>(settings.types());
        copy.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(type, "type"));
        return new JdbcReader(new Settings(settings.fetchSize(), settings.schema(), Collections.unmodifiableMap(copy),
                settings.inexactDecimals()));
    }

    /**
     * Whether NUMERIC and DECIMAL values that a double cannot hold exactly (such as 0.1) are read as their
     * nearest double instead of refused. Default {@code false}.
     */
    public JdbcReader inexactDecimals(boolean round) {
        return new JdbcReader(new Settings(settings.fetchSize(), settings.schema(), settings.types(), round));
    }

    /**
     * Runs {@code sql} with {@code parameters} bound to its {@code ?} placeholders in order, and reads the result.
     *
     * @param dataSource where the connection comes from; it is closed after the read
     * @param sql        a query returning rows; values belong in parameters, never concatenated into it
     * @param parameters values for the placeholders, bound with {@code setObject}; null binds SQL NULL
     * @throws DataException            if the database reports an error, a column's type is not read, the columns
     *         do not match the schema, or a value cannot be read exactly, naming the query (never the parameters),
     *         the row, the column and the value where there is one
     * @throws IllegalArgumentException if a schema is set together with column types, or a type names a column the
     *         result does not have
     */
    public Frame read(DataSource dataSource, String sql, Object... parameters) {
        Objects.requireNonNull(dataSource, "data source");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(parameters, "parameters");
        if (settings.schema() != null && !settings.types().isEmpty()) {
            throw new IllegalArgumentException("set either a schema or column types, not both: the schema types"
                    + " every column");
        }
        return new JdbcQuery(settings, sql, parameters.clone()).run(dataSource);
    }
}
