package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.RunFilter;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An SQL condition on {@code runs r} that keeps at least every run a query's filters accept, so a
 * search reads only those before {@link RunQuery#apply} decides exactly (the api's semantics stay
 * the only ones). Each filter narrows only where SQL agrees with Java or keeps more: PostgreSQL
 * orders NaN above every number, so {@code latest > bound} also keeps a NaN that Java refuses, and
 * a running run is kept for a filter on ABANDONED (which only the heartbeat decides).
 */
final class Narrowing {

    /** Binds one parameter at {@code index}. */
    @FunctionalInterface
    interface Binder {
        void bind(Connection c, PreparedStatement statement, int index) throws SQLException;
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Binder> binders = new ArrayList<>();

    private Narrowing() {
    }

    /** The narrowing of {@code query} within {@code database}'s tables. */
    static Narrowing of(RunQuery query, Database database) {
        Narrowing narrowing = new Narrowing();
        for (RunFilter filter : query.filters()) {
            narrowing.add(filter, database);
        }
        return narrowing;
    }

    /** The condition, starting with {@code and}, or empty. */
    String sql() {
        return sql.toString();
    }

    /** Binds the condition's parameters from {@code first}; returns the next index. */
    int bind(Connection c, PreparedStatement statement, int first) throws SQLException {
        int index = first;
        for (Binder binder : binders) {
            binder.bind(c, statement, index++);
        }
        return index;
    }

    private void add(RunFilter filter, Database database) {
        if (filter instanceof RunFilter.Status status) {
            Set<String> names = new TreeSet<>();
            for (RunStatus s : status.statuses()) {
                names.add(s == RunStatus.ABANDONED ? RunStatus.RUNNING.name() : s.name());
            }
            sql.append(" and r.status = any(?)");
            binders.add((c, statement, index) -> statement.setArray(index, c.createArrayOf("text", names.toArray())));
        } else if (filter instanceof RunFilter.Metric metric && !Double.isNaN(metric.bound())) {
            String operator = switch (metric.comparison()) {
                case LESS -> "<";
                case LESS_OR_EQUAL -> "<=";
                case EQUAL -> "=";
                case NOT_EQUAL -> "<>";
                case GREATER_OR_EQUAL -> ">=";
                case GREATER -> ">";
            };
            sql.append(" and exists (select 1 from ").append(database.table("run_metrics"))
                    .append(" m where m.run_id = r.id and m.name = ? and m.latest ").append(operator).append(" ?)");
            binders.add((c, statement, index) -> statement.setString(index, metric.name()));
            binders.add((c, statement, index) -> statement.setDouble(index, metric.bound()));
        } else if (filter instanceof RunFilter.Param param) {
            pair(database.table("run_params"), param.name(), param.value());
        } else if (filter instanceof RunFilter.Tag tag) {
            pair(database.table("run_tags"), tag.name(), tag.value());
        } else if (filter instanceof RunFilter.Parent parent) {
            sql.append(" and r.parent_id = ?");
            binders.add((c, statement, index) -> statement.setString(index, parent.parentId()));
        } else if (filter instanceof RunFilter.StartedBetween between) {
            try {
                if (between.from() != null) {
                    long from = Nanos.of(between.from());
                    sql.append(" and r.started_ns >= ?");
                    binders.add((c, statement, index) -> statement.setLong(index, from));
                }
                if (between.until() != null) {
                    long until = Nanos.of(between.until());
                    sql.append(" and r.started_ns < ?");
                    binders.add((c, statement, index) -> statement.setLong(index, until));
                }
            } catch (IllegalArgumentException outsideTheStoresYears) {
                // an instant the store cannot hold: no narrowing; the exact filter decides
            }
        }
    }

    private void pair(String table, String key, String value) {
        sql.append(" and exists (select 1 from ").append(table)
                .append(" p where p.run_id = r.id and p.key = ? and p.value = ?)");
        binders.add((c, statement, index) -> statement.setString(index, key));
        binders.add((c, statement, index) -> statement.setString(index, value));
    }
}
