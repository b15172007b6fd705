package dev.mlops.tracking.postgres;

import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Task;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ReviewItem;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.Tracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The data every schema version is tested with: {@link #write} stores a fixed scenario through the
 * API; {@link #dump} turns a schema's tables into SQL that loads them again into a schema of that
 * version. Run {@link #main} once when a migration is added, with the newest version as argument, to
 * commit {@code src/test/resources/migration-fixtures/V<n>.sql}: the data as that version held it,
 * which {@code MigrationsTest} migrates to the newest version and reads back.
 */
final class MigrationFixtures {

    /** Tables in an order that satisfies their foreign keys. */
    static final List<String> TABLES = List.of("experiments", "experiment_tags", "runs", "run_params", "run_tags",
            "metric_batches", "run_metrics", "blobs", "blob_chunks", "run_artifacts", "datasets", "run_inputs",
            "models", "model_versions", "model_aliases", "model_approvals", "audit_log", "review_queues",
            "review_items");
    /** Identity columns, whose sequences must move past the loaded values. */
    static final Map<String, String> IDENTITIES = Map.of("metric_batches", "seq", "audit_log", "seq",
            "review_items", "seq");
    /** Orders that load before what refers to them (a parent run before its children). */
    static final Map<String, String> ORDER = Map.of("runs", "started_ns, id", "review_queues", "1");
    static final Signature SIGNATURE = new Signature(Schema.of(Field.numeric("x").required(),
            Field.categorical("label")), Map.of("label", List.of("neg", "pos")), "y", Task.CLASSIFICATION,
            List.of("no", "yes"));

    private MigrationFixtures() {
    }

    /** A clock that moves one second each time it is read, from a fixed instant. */
    static Clock clock() {
        return new SteppingClock(1_750_000_000L);
    }

    static Frame frame() {
        Frame.RowBuilder rows = Frame.builder(Schema.of(Field.of("x", FieldType.NUMERIC),
                Field.of("label", FieldType.CATEGORICAL)));
        rows.add(1.0, "pos");
        rows.add(-2.5, "neg");
        rows.add(Double.NaN, "pos");
        return rows.build();
    }

    /** The scenario: what {@code MigrationsTest} expects to read back after any migration. */
    static void write(Tracker tracker) {
        var experiment = tracker.experiment("fixture");
        experiment.describe("data written at an earlier schema version");
        experiment.tag("owner", "migrations");
        DatasetVersion train = tracker.datasets().log("train", frame());
        String runId;
        try (Run run = experiment.start("trained")) {
            runId = run.id();
            run.logParams(Map.of("lr", "0.1", "quote", "it's"));
            run.logMetric("loss", 0.5, 0);
            run.logMetric("loss", 0.25, 1);
            run.logMetric("loss", Double.NaN, 2);
            run.tag("stage", "final");
            run.logArtifact("notes/summary.txt", "hello".getBytes(StandardCharsets.UTF_8));
            run.logInput(train, DatasetRole.TRAIN);
            try (Run child = run.startChild("trial-0")) {
                child.logMetric("score", 1, 0);
            }
        }
        var registry = tracker.registry();
        registry.createModel("fixture-model", "a model", Map.of("team", "risk"));
        registry.requireApproval("fixture-model", "champion", true);
        registry.register("fixture-model", ModelSource.opaque(new byte[] {1, 2, 3}).fromRun(runId).trainedOn(train)
                .metric("accuracy", 0.9).signature(SIGNATURE));
        registry.register("fixture-model", ModelSource.opaque(new byte[] {4}));
        registry.review("fixture-model/1", ReviewState.APPROVED, "ana", "good");
        registry.setAlias("fixture-model", "champion", 1);
        registry.review("fixture-model/2", ReviewState.ARCHIVED, "bob", "superseded");
        var queue = tracker.reviewQueue("fixture-queue", 10);
        queue.offer(new ReviewItem("p1", "live", "fixture-model", 1, Map.of("x", 1.0), "yes", 0.51,
                Instant.parse("2026-01-01T00:00:00Z")));
        queue.offer(new ReviewItem("p2", "live", "fixture-model", 1, Map.of("x", 2.0), "no", 0.55,
                Instant.parse("2026-01-01T00:00:01Z")));
        queue.review("p2", "yes", "checked", "carol");
    }

    /** The tables of {@code schema} as SQL that loads them into a schema named by {@code ${schema}}. */
    static String dump(Connection c, String schema) throws SQLException {
        StringBuilder sql = new StringBuilder("-- generated by MigrationFixtures: data written through the API at this"
                + " schema version\n");
        for (String table : TABLES) {
            try (Statement select = c.createStatement();
                    ResultSet r = select.executeQuery("select * from \"" + schema + "\"." + table
                            + " order by " + ORDER.getOrDefault(table, "1, 2"))) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    sql.append("insert into ${schema}.").append(table).append(" (");
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        sql.append(i > 1 ? ", " : "").append(meta.getColumnName(i));
                    }
                    sql.append(IDENTITIES.containsKey(table) ? ") overriding system value values (" : ") values (");
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        sql.append(i > 1 ? ", " : "").append(literal(r, i, meta.getColumnType(i)));
                    }
                    sql.append(");\n");
                }
            }
        }
        IDENTITIES.forEach((table, column) -> sql.append("select setval(pg_get_serial_sequence('${schema}.")
                .append(table).append("', '").append(column).append("'), coalesce((select max(").append(column)
                .append(") from ${schema}.").append(table).append("), 1));\n"));
        return sql.toString();
    }

    private static String literal(ResultSet r, int column, int type) throws SQLException {
        Object value = r.getObject(column);
        if (value == null) {
            return "null";
        }
        return switch (type) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> "'\\x" + HexFormat.of().formatHex(r.getBytes(column))
                    + "'::bytea";
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> value.toString();
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> "'" + r.getDouble(column) + "'::float8";
            case Types.BIT, Types.BOOLEAN -> value.toString();
            default -> "'" + value.toString().replace("'", "''") + "'";
        };
    }

    /** Writes the fixture of schema version {@code args[0]} into the test resources. */
    public static void main(String[] args) throws Exception {
        String schema = "fixture_v" + args[0];
        DataSource source = TestDatabase.dataSource();
        try (Tracker tracker = PostgresTracking.open(source, PostgresOptions.defaults().schema(schema).clock(clock())
                .actor("fixture").workingDirectory(null))) {
            write(tracker);
        }
        try (Connection c = source.getConnection()) {
            Path file = Path.of("src/test/resources/migration-fixtures/V" + args[0] + ".sql");
            Files.createDirectories(file.getParent());
            Files.writeString(file, dump(c, schema));
            System.out.println("wrote " + file.toAbsolutePath());
        }
        System.exit(0);
    }
}
