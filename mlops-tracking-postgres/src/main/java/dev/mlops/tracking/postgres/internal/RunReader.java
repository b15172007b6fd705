package dev.mlops.tracking.postgres.internal;

import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.DatasetInput;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.MetricSummary;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.tracking.store.StoreJson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.mlops.api.tracking.RunFilter;
import dev.mlops.api.tracking.RunOrder;
import dev.mlops.api.tracking.RunQuery;

/**
 * Reads runs whole (params, tags, metric summaries, inputs, artifacts) with one query per part for
 * any number of runs, selected by an SQL condition on {@code runs r}, all on the caller's connection
 * (a read never holds one connection while asking the pool for another). A running run whose heartbeat
 * is three periods old reads as ABANDONED: its process died without ending it.
 *
 * <p>A run whose rows do not read (edited by hand: an environment that is not JSON, a status or an
 * input's role that is none, an input whose dataset version does not read) is returned apart, with
 * the reason: a listing leaves it out with a warning ({@link #leaveOut}), as the file store does, while
 * asking for that run by id fails with the reason.
 */
final class RunReader {

    private static final Logger LOG = LoggerFactory.getLogger(RunReader.class);

    /**
     * Runs read, and the runs that matched but could not be read, by id, with the reason (a
     * {@link StoreException} naming the run).
     */
    record Runs(List<RunInfo> runs, Map<String, StoreException> unreadable) {
        static final Runs NONE = new Runs(List.of(), Map.of());
    }

    private final Database database;
    /** Runs left out of listings, with the reason, so the warning is given once per reason (as RunIndex does). */
    private final Map<String, String> leftOut = new java.util.concurrent.ConcurrentHashMap<>();

    RunReader(Database database) {
        this.database = database;
    }

    /** Binds the parameter of a condition's one placeholder. */
    @FunctionalInterface
    interface Parameter {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    /** The runs matching {@code condition} (with {@code parameter} bound to its one placeholder), newest first. */
    Runs read(Connection c, String condition, String parameter) throws SQLException {
        return read(c, condition, (statement, index) -> statement.setString(index, parameter));
    }

    /** The runs whose ids are {@code ids}, newest first. */
    Runs read(Connection c, List<String> ids) throws SQLException {
        return read(c, "r.id = any(?)", (statement, index) -> statement.setArray(index,
                c.createArrayOf("text", ids.toArray())));
    }

    /**
     * The runs of {@code experiment} that {@code query}'s filters may accept ({@link Narrowing}),
     * with only what the query filters and orders on (the metrics, params and tags it names): enough
     * for {@link RunQuery#apply} to pick a page. A run whose status does not read is apart; one whose
     * other parts do not read is found only when it is read whole.
     */
    Runs sketches(Connection c, String experiment, RunQuery query) throws SQLException {
        Set<String> metricNames = new TreeSet<>();
        Set<String> paramNames = new TreeSet<>();
        Set<String> tagNames = new TreeSet<>();
        for (RunFilter filter : query.filters()) {
            if (filter instanceof RunFilter.Metric m) {
                metricNames.add(m.name());
            } else if (filter instanceof RunFilter.Param p) {
                paramNames.add(p.name());
            } else if (filter instanceof RunFilter.Tag t) {
                tagNames.add(t.name());
            }
        }
        if (query.order().key() == RunOrder.Key.METRIC) {
            metricNames.add(query.order().name());
        } else if (query.order().key() == RunOrder.Key.PARAM) {
            paramNames.add(query.order().name());
        }
        Narrowing narrowing = Narrowing.of(query, database);
        Parameter runs = (statement, index) -> {
            statement.setString(index, experiment);
            narrowing.bind(c, statement, index + 1);
        };
        List<Row> rows = rows(c, " where r.experiment = ?" + narrowing.sql(), runs, false);
        String join = " x join " + database.table("runs") + " r on r.id = x.run_id where r.experiment = ?"
                + narrowing.sql() + " and x.";
        Map<String, Map<String, String>> params = paramNames.isEmpty() ? Map.of() : pairs(c, "select x.run_id, x.key,"
                + " x.value from " + database.table("run_params") + join + "key = any(?)", experiment, narrowing,
                paramNames);
        Map<String, Map<String, String>> tags = tagNames.isEmpty() ? Map.of() : pairs(c, "select x.run_id, x.key,"
                + " x.value from " + database.table("run_tags") + join + "key = any(?)", experiment, narrowing,
                tagNames);
        Map<String, Map<String, MetricSummary>> metrics = metricNames.isEmpty() ? Map.of() : metrics(c,
                database.table("run_metrics") + join + "name = any(?)", experiment, narrowing, metricNames);
        List<RunInfo> sketches = new ArrayList<>(rows.size());
        Map<String, StoreException> unreadable = new LinkedHashMap<>();
        for (Row row : rows) {
            try {
                sketches.add(new RunInfo(row.id, row.experiment, row.name, row.parentId, row.status(),
                        Nanos.instant(row.started), null, params.getOrDefault(row.id, Map.of()),
                        tags.getOrDefault(row.id, Map.of()), metrics.getOrDefault(row.id, Map.of()), List.of(),
                        List.of(), Map.of(), null));
            } catch (RuntimeException e) {
                unreadable.put(row.id, unreadable(row.id, e));
            }
        }
        return new Runs(sketches, unreadable);
    }

    /** The runs matching {@code condition} (with {@code parameter} bound to its one placeholder), newest first. */
    Runs read(Connection c, String condition, Parameter parameter) throws SQLException {
        String where = " where " + condition;
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Row row : rows(c, where, parameter, true)) {
            rows.put(row.id, row);
        }
        if (rows.isEmpty()) {
            return Runs.NONE;
        }
        Map<String, StoreException> unreadable = new LinkedHashMap<>();
        String join = " x join " + database.table("runs") + " r on r.id = x.run_id" + where;
        Map<String, Map<String, String>> params = pairs(c, "select x.run_id, x.key, x.value from "
                + database.table("run_params") + join, parameter);
        Map<String, Map<String, String>> tags = pairs(c, "select x.run_id, x.key, x.value from "
                + database.table("run_tags") + join, parameter);
        Map<String, Map<String, MetricSummary>> metrics = metrics(c, database.table("run_metrics") + join,
                parameter);
        Map<String, List<ArtifactInfo>> artifacts = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select x.run_id, x.path, x.sha256, x.size from "
                + database.table("run_artifacts") + join + " order by x.path")) {
            parameter.bind(select, 1);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    artifacts.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                            .add(new ArtifactInfo(r.getString(2), r.getString(3), r.getLong(4)));
                }
            }
        }
        Map<String, List<DatasetInput>> inputs = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select x.run_id, x.role, d."
                + PgDatasets.COLUMNS.replace(", ", ", d.") + " from " + database.table("run_inputs") + " x join "
                + database.table("datasets") + " d on d.name = x.dataset and d.version = x.version join "
                + database.table("runs") + " r on r.id = x.run_id" + where + " order by x.run_id, x.position")) {
            parameter.bind(select, 1);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    String run = r.getString(1);
                    try {
                        inputs.computeIfAbsent(run, k -> new ArrayList<>()).add(new DatasetInput(
                                PgDatasets.read(r, 3), role(run, r.getString(2))));
                    } catch (RuntimeException e) {
                        unreadable.putIfAbsent(run, unreadable(run, e));
                    }
                }
            }
        }
        List<RunInfo> runs = new ArrayList<>(rows.size());
        for (Row row : rows.values()) {
            if (unreadable.containsKey(row.id)) {
                continue;
            }
            try {
                runs.add(new RunInfo(row.id, row.experiment, row.name, row.parentId, row.status(),
                        Nanos.instant(row.started), row.ended == null ? null : Nanos.instant(row.ended),
                        params.getOrDefault(row.id, Map.of()), tags.getOrDefault(row.id, Map.of()),
                        metrics.getOrDefault(row.id, Map.of()), inputs.getOrDefault(row.id, List.of()),
                        artifacts.getOrDefault(row.id, List.of()), environment(row), row.error));
                if (!leftOut.isEmpty()) {
                    leftOut.remove(row.id); // readable again: a new damage is warned about again
                }
            } catch (RuntimeException e) {
                unreadable.put(row.id, unreadable(row.id, e));
            }
        }
        return new Runs(runs, unreadable);
    }

    /**
     * Warns that the {@code unreadable} runs are left out of a listing of {@code experiment}: once per
     * run and reason.
     */
    void leaveOut(String experiment, Map<String, StoreException> unreadable) {
        unreadable.forEach((id, e) -> {
            if (!e.getMessage().equals(leftOut.put(id, e.getMessage()))) {
                LOG.warn("run {} is left out of queries of experiment {}: {}", id, experiment, e.getMessage());
            }
        });
    }

    /** Why run {@code id} cannot be read, as a StoreException that names it. */
    private static StoreException unreadable(String id, RuntimeException e) {
        if (e instanceof StoreException stored && String.valueOf(e.getMessage()).contains(id)) {
            return stored;
        }
        return new StoreException("run " + id + " cannot be read: " + e.getMessage(), e);
    }

    /**
     * The rows of the runs table matching {@code where}, newest first; without their environment and
     * error unless {@code whole} (a search's sketches need neither).
     */
    private List<Row> rows(Connection c, String where, Parameter parameter, boolean whole) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select r.id, r.experiment, r.name, r.parent_id, r.status,"
                + " r.started_ns, r.ended_ns, " + (whole ? "r.environment, r.error" : "'{}', null") + ", r.status = 'RUNNING' and r.heartbeat_ns < "
                + Nanos.NOW + " - 3 * r.heartbeat_every_ns from " + database.table("runs") + " r" + where
                + " order by r.started_ns desc, r.id")) {
            parameter.bind(select, 1);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    long endedNanos = r.getLong(7);
                    Long ended = r.wasNull() ? null : endedNanos;
                    rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getBoolean(10), r.getLong(6), ended, r.getString(8), r.getString(9)));
                }
            }
        }
        return rows;
    }

    private Map<String, Map<String, String>> pairs(Connection c, String sql, String experiment, Narrowing narrowing,
            Set<String> keys) throws SQLException {
        return pairs(c, sql, (statement, index) -> {
            statement.setString(index, experiment);
            int next = narrowing.bind(c, statement, index + 1);
            statement.setArray(next, c.createArrayOf("text", keys.toArray()));
        });
    }

    private Map<String, Map<String, MetricSummary>> metrics(Connection c, String from, String experiment,
            Narrowing narrowing, Set<String> names) throws SQLException {
        return metrics(c, from, (statement, index) -> {
            statement.setString(index, experiment);
            int next = narrowing.bind(c, statement, index + 1);
            statement.setArray(next, c.createArrayOf("text", names.toArray()));
        });
    }

    private static Map<String, Map<String, MetricSummary>> metrics(Connection c, String from, Parameter parameter)
            throws SQLException {
        Map<String, Map<String, MetricSummary>> metrics = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select x.run_id, x.name, x.latest, x.latest_step,"
                + " x.min_value, x.max_value, x.count from " + from)) {
            parameter.bind(select, 1);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    metrics.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2),
                            new MetricSummary(r.getDouble(3), r.getLong(4), r.getDouble(5), r.getDouble(6),
                                    r.getLong(7)));
                }
            }
        }
        return metrics;
    }

    private static Map<String, Map<String, String>> pairs(Connection c, String sql, Parameter parameter)
            throws SQLException {
        Map<String, Map<String, String>> pairs = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            parameter.bind(select, 1);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    pairs.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getString(3));
                }
            }
        }
        return pairs;
    }

    /**
     * The status stored for run {@code id}.
     *
     * @throws StoreException if it is not a status (edited by hand)
     */
    static RunStatus status(String id, String stored) {
        return parse(RunStatus.class, stored, "run " + id + " has the status");
    }

    /**
     * The role stored for an input of run {@code id}.
     *
     * @throws StoreException if it is not a role (edited by hand)
     */
    static DatasetRole role(String id, String stored) {
        return parse(DatasetRole.class, stored, "run " + id + " has an input whose role is");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String stored, String what) {
        try {
            return Enum.valueOf(type, stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoreException(what + " '" + stored + "' in the database, which is none of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + " (edited by hand?)", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Row row) {
        Map<String, Object> parsed = StoreJson.parse(row.environment.getBytes(StandardCharsets.UTF_8), Map.class,
                "the environment of run " + row.id);
        Map<String, String> environment = new TreeMap<>();
        parsed.forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    /** A row of the runs table, its status as stored: {@link #status()} reads it. */
    private record Row(String id, String experiment, String name, String parentId, String storedStatus,
            boolean abandoned, long started, Long ended, String environment, String error) {

        RunStatus status() {
            return abandoned ? RunStatus.ABANDONED : RunReader.status(id, storedStatus);
        }
    }
}
