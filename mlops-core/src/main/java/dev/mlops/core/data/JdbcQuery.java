package dev.mlops.core.data;

import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/** One execution of a query with fixed settings; see {@link JdbcReader} for the rules it applies. */
final class JdbcQuery {

    /** The most rows a frame can hold: Java arrays stop a little short of {@code Integer.MAX_VALUE}. */
    private static final int MAX_ROWS = Integer.MAX_VALUE - 8;
    /** How much of the SQL text error messages show. */
    private static final int SQL_IN_MESSAGES = 100;
    /** The shortest parameter text redacted from the database's messages. */
    private static final int REDACTED_LENGTH = 4;

    private final JdbcReader.Settings settings;
    private final String sql;
    private final Object[] parameters;
    private final String source;

    JdbcQuery(JdbcReader.Settings settings, String sql, Object[] parameters) {
        this.settings = settings;
        this.sql = sql;
        this.parameters = parameters;
        this.source = label(sql);
    }

    /** How errors name a query: its SQL text, on one line and shortened; never its parameters. */
    static String label(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return "query '" + (line.length() <= SQL_IN_MESSAGES ? line : line.substring(0, SQL_IN_MESSAGES) + "...") + "'";
    }

    Frame run(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection);
        } catch (SQLException e) {
            throw failure(e, 0, null, "");
        }
    }

    /**
     * PostgreSQL's driver streams rows by the fetch size only inside a transaction, so an autocommit connection
     * is switched off for the read, then committed (as autocommit would have) and switched back, or rolled back
     * on failure. A connection already in a transaction is the caller's: it is neither committed nor rolled back.
     */
    private Frame inTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            return query(connection);
        }
        connection.setAutoCommit(false);
        Frame frame;
        try {
            frame = query(connection);
            connection.commit();
        } catch (Throwable e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            try {
                connection.setAutoCommit(true);
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        connection.setAutoCommit(true);
        return frame;
    }

    private Frame query(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(settings.fetchSize());
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return read(rows);
            }
        }
    }

    private Frame read(ResultSet rows) throws SQLException {
        List<JdbcColumn> columns = columns(rows.getMetaData());
        long row = 0;
        try {
            while (rows.next()) {
                row++;
                if (row > MAX_ROWS) {
                    throw new DataException(source, row, null, null, "has more than " + MAX_ROWS
                            + " rows, the most a frame can hold");
                }
                for (JdbcColumn column : columns) {
                    try {
                        column.read(rows, row);
                    } catch (SQLException e) {
                        throw failure(e, row, column.field.name(), "");
                    }
                }
            }
        } catch (SQLException e) {
            // rows arrive in batches, so the row that failed on the server is not known, only how many came first
            throw failure(e, 0, null, " after " + row + " rows");
        }
        Map<String, Column> built = new HashMap<>();
        for (JdbcColumn column : columns) {
            built.put(column.field.name(), column.build());
        }
        List<String> order = settings.schema() != null ? settings.schema().names()
                : columns.stream().map(c -> c.field.name()).toList();
        return Frame.of(order.stream().map(built::get).toList());
    }

    /** A reader for each result column, in result order (the order JDBC drivers read best). */
    private List<JdbcColumn> columns(ResultSetMetaData meta) throws SQLException {
        int count = meta.getColumnCount();
        if (count == 0) {
            throw new DataException(source, 0, null, null, "returns no columns");
        }
        String[] labels = labels(meta);
        if (settings.schema() != null) {
            checkAgainstSchema(labels);
        }
        for (String name : settings.types().keySet()) {
            if (!List.of(labels).contains(name)) {
                throw new IllegalArgumentException("a type was given for column '" + name + "', which " + source
                        + " does not return; its columns are " + List.of(labels));
            }
        }
        List<JdbcColumn> columns = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String label = labels[i - 1];
            String type = SqlKind.describe(meta.getColumnType(i), meta.getColumnTypeName(i));
            SqlKind kind = SqlKind.of(meta.getColumnType(i), meta.getColumnTypeName(i));
            if (kind == null) {
                throw new DataException(source, 0, label, null, "has SQL type " + type + ", which is not read;"
                        + " cast it in the query to a type that is, for example " + cast(label, FieldType.TEXT));
            }
            Field field = field(label, kind);
            if (!kind.readsAs(field.type())) {
                throw new DataException(source, 0, label, null, "has SQL type " + type + ", which is not read as "
                        + field.type() + " without guessing; cast it in the query, for example "
                        + cast(label, field.type()));
            }
            columns.add(JdbcColumn.of(field, i, kind, settings.inexactDecimals(), source, settings.fetchSize()));
        }
        return columns;
    }

    private String[] labels(ResultSetMetaData meta) throws SQLException {
        String[] labels = new String[meta.getColumnCount()];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = meta.getColumnLabel(i + 1);
            if (labels[i] == null || labels[i].isEmpty()) {
                throw new DataException(source, 0, null, null, "column " + (i + 1) + " of the result has no name;"
                        + " name it in the query with AS");
            }
            Integer earlier = seen.put(labels[i], i + 1);
            if (earlier != null) {
                throw new DataException(source, 0, labels[i], null, "the result has two columns of this name, at"
                        + " positions " + earlier + " and " + (i + 1) + "; give them distinct names in the query"
                        + " with AS");
            }
        }
        return labels;
    }

    private void checkAgainstSchema(String[] labels) {
        Set<String> returned = new LinkedHashSet<>(List.of(labels));
        List<String> absent = settings.schema().names().stream().filter(n -> !returned.contains(n)).toList();
        List<String> extra = returned.stream().filter(n -> !settings.schema().contains(n)).toList();
        if (!absent.isEmpty() || !extra.isEmpty()) {
            throw new DataException(source, 0, null, null, "the result's columns do not match the schema"
                    + (absent.isEmpty() ? "" : "; missing from the result: " + absent)
                    + (extra.isEmpty() ? "" : "; not in the schema: " + extra + " (leave them out of the query)"));
        }
    }

    /** The field a column reads into: the schema's, the type given, or the kind's natural type, nullable. */
    private Field field(String label, SqlKind kind) {
        if (settings.schema() != null) {
            return settings.schema().require(label);
        }
        return Field.of(label, settings.types().getOrDefault(label, kind.natural()));
    }

    private static String cast(String label, FieldType type) {
        return "CAST(\"" + label.replace("\"", "\"\"") + "\" AS " + SqlKind.castFor(type) + ")";
    }

    /** The database's error, where it happened: its SQL state and message, with the parameters redacted. */
    private DataException failure(SQLException e, long row, String column, String when) {
        String state = e.getSQLState() == null ? "no SQL state" : "SQL state " + e.getSQLState();
        return new DataException(source, row, column, null, (row > 0 ? "row " + row + ": " : "")
                + "the database reported an error" + when + " (" + state + "): " + redacted(e.getMessage()), e);
    }

    /**
     * The message with each parameter's text replaced by {@code <parameter n>}: a database quotes a value it could
     * not convert, and parameters may be secrets. Texts shorter than {@value #REDACTED_LENGTH} characters are kept,
     * since replacing every "1" would garble the message while hiding little.
     */
    private String redacted(String message) {
        if (message == null) {
            return "(no message)";
        }
        String text = message;
        for (int i = 0; i < parameters.length; i++) {
            String value = parameters[i] == null ? "" : parameters[i].toString();
            if (value.length() >= REDACTED_LENGTH) {
                text = text.replace(value, "<parameter " + (i + 1) + ">");
            }
        }
        return text;
    }
}
