package dev.mlops.core.data;

import dev.mlops.api.Frame;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The entry point for databases: {@link #read(DataSource, String, Object...)} with defaults, or a configurable
 * {@link #reader()}. Needs only {@code java.sql}: the application brings the driver and the {@link DataSource}
 * (a connection pool, say).
 *
 * <pre>{@code
 * Frame trips = Jdbc.read(dataSource, "SELECT distance, duration, paid FROM trips WHERE city = ?", "Lima");
 * }</pre>
 *
 * Errors name the query by its SQL text and leave out the parameters, which may be secrets (see
 * {@link JdbcReader} for how far that goes).
 *
 * @since 0.1
 */
public final class Jdbc {

    private Jdbc() {
    }

    /** A reader with the defaults described in {@link JdbcReader}. */
    public static JdbcReader reader() {
        return JdbcReader.defaults();
    }

    /**
     * Runs {@code sql} with {@code parameters} bound to its placeholders and reads the result with the types of
     * its columns, streaming it 1,000 rows at a time; see {@link JdbcReader} for the rules.
     *
     * @throws dev.mlops.api.DataException if the database reports an error, a column's type is not read, or a value
     *         cannot be read exactly, naming the query (never the parameters), the row, the column and the value
     */
    public static Frame read(DataSource dataSource, String sql, Object... parameters) {
        return reader().read(dataSource, sql, parameters);
    }

    /**
     * A pipeline's data source named {@code name} that runs the query with {@link #read(DataSource, String, Object...)}
     * afresh on each run. The parameters are copied now.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static dev.mlops.api.pipeline.DataSource source(String name, DataSource dataSource, String sql,
            Object... parameters) {
        return source(name, dataSource, reader(), sql, parameters);
    }

    /**
     * A pipeline's data source named {@code name} that runs the query with {@code reader} afresh on each run. The
     * parameters are copied now. Its {@link dev.mlops.api.pipeline.DataSource#origin() origin} is the query and
     * its parameters as text, which a tracked run records with the dataset version it logs: keep secrets out of
     * the parameters of a tracked source.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static dev.mlops.api.pipeline.DataSource source(String name, DataSource dataSource, JdbcReader reader,
            String sql, Object... parameters) {
        Objects.requireNonNull(dataSource, "data source");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sql, "sql");
        Object[] copy = Objects.requireNonNull(parameters, "parameters").clone();
        dev.mlops.api.pipeline.DataSource reading = dev.mlops.api.pipeline.DataSource.of(name,
                () -> reader.read(dataSource, sql, copy));
        dev.mlops.api.tracking.DatasetOrigin origin = dev.mlops.api.tracking.DatasetOrigin.query(sql, copy);
        return new dev.mlops.api.pipeline.DataSource() {
            @Override
            public String name() {
                return reading.name();
            }

            @Override
            public Frame read() {
                return reading.read();
            }

            /** The query and its parameters, which a tracked run records with the dataset version. */
            @Override
            public java.util.Optional<dev.mlops.api.tracking.DatasetOrigin> origin() {
                return java.util.Optional.of(origin);
            }

            @Override
            public String toString() {
                return name + " (query)";
            }
        };
    }
}
