package dev.mlops.tracking.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Schema migrations from every earlier version with data in it: for each version that has a
 * fixture ({@code migration-fixtures/V<n>.sql}, the data {@link MigrationFixtures#write} left in a
 * schema at that version), a fresh schema is migrated to that version, loaded with the fixture, and
 * opened by the store (which migrates it to the newest version); everything written then reads
 * back through the API, and the store goes on writing. A schema a newer SDK migrated is refused.
 */
class MigrationsTest {

    /** The newest schema version; each earlier one, and this one, has a fixture. */
    static final int NEWEST = 1;

    @Test
    void everyEarlierSchemaVersionWithDataMigratesAndReadsBack() throws Exception {
        for (int version = 1; version <= NEWEST; version++) {
            String schema = TestDatabase.freshSchema();
            Flyway.configure(getClass().getClassLoader()).dataSource(TestDatabase.dataSource()).schemas(schema)
                    .defaultSchema(schema).table("mlops_schema_history")
                    .locations("classpath:dev/mlops/tracking/postgres/migration")
                    .target(Integer.toString(version)).load().migrate();
            load(schema, fixture(version));
            try (Tracker tracker = PostgresTracking.open(TestDatabase.dataSource(), PostgresOptions.defaults()
                    .schema(schema).workingDirectory(null).clock(MigrationFixtures.clock()))) {
                readsBack(tracker, "from V" + version);
            }
        }
    }

    private static void readsBack(Tracker tracker, String where) {
        var experiment = tracker.experiment("fixture");
        assertEquals("data written at an earlier schema version", experiment.info().description(), where);
        assertEquals(Map.of("owner", "migrations"), experiment.info().tags(), where);
        List<RunInfo> runs = experiment.runs();
        assertEquals(List.of("trial-0", "trained"), runs.stream().map(RunInfo::name).toList(), where);
        RunInfo trained = runs.get(1);
        assertEquals(RunStatus.FINISHED, trained.status(), where);
        assertEquals(Map.of("lr", "0.1", "quote", "it's"), trained.params(), where);
        assertEquals("final", trained.tags().get("stage"), where);
        List<MetricPoint> loss = tracker.metricHistory(trained.id(), "loss");
        assertEquals(List.of(0.5, 0.25), loss.subList(0, 2).stream().map(MetricPoint::value).toList(), where);
        assertTrue(Double.isNaN(loss.get(2).value()), where);
        assertEquals(3, trained.metrics().get("loss").count(), where);
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), tracker.artifact(trained.id(), "notes/summary.txt"));
        assertEquals(MigrationFixtures.frame(), tracker.datasets().load(trained.inputs().get(0).dataset()), where);
        assertEquals(trained.id(), runs.get(0).parentId(), where);
        assertEquals(1, experiment.search(RunQuery.all().childrenOf(trained.id())).total(), where);
        var registry = tracker.registry();
        ModelVersion champion = registry.version("fixture-model@champion");
        assertEquals(1, champion.version(), where);
        assertEquals(MigrationFixtures.SIGNATURE, champion.signature(), where);
        assertEquals(ReviewState.APPROVED, champion.state(), where);
        assertArrayEquals(new byte[] {1, 2, 3}, registry.artifact(champion), where);
        assertEquals(List.of(1), registry.versions("fixture-model", false).stream().map(ModelVersion::version)
                .toList(), where);
        assertEquals(List.of("create-model", "approval-policy", "register", "register", "review", "set-alias",
                "review"), registry.audit("fixture-model").stream().map(e -> e.action()).toList(), where);
        assertEquals(List.of(champion), registry.versionsFromDataset("train/1"), where);
        var queue = tracker.reviewQueue("fixture-queue", 10);
        assertEquals(List.of("p1"), queue.pending(10).stream().map(i -> i.id()).toList(), where);
        assertEquals("carol", queue.reviewed().get(0).reviewer(), where);
        // and the migrated store goes on: new numbers follow the old ones
        assertEquals(3, registry.register("fixture-model", dev.mlops.api.tracking.ModelSource.opaque(new byte[] {9}))
                .version(), where);
        assertEquals(2, tracker.datasets().log("train", MigrationFixtures.frame().head(1)).version(), where);
        queue.review("p1", "no", "late", "dan");
        assertEquals(8, registry.audit("fixture-model").size(), where);
        assertFalse(tracker.experimentNames().isEmpty(), where);
    }

    @Test
    void aSchemaANewerSdkMigratedIsRefusedWithoutChange() throws SQLException {
        String schema = TestDatabase.freshSchema();
        PostgresTracking.open(TestDatabase.dataSource(), PostgresOptions.defaults().schema(schema)
                .workingDirectory(null)).close();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into \"" + schema + "\".mlops_schema_history (installed_rank, version, description,"
                    + " type, script, checksum, installed_by, execution_time, success) values (99, '99', 'future',"
                    + " 'SQL', 'V99__future.sql', 0, 'someone', 1, true)");
        }
        for (boolean migrate : List.of(true, false)) {
            StoreException refused = assertThrows(StoreException.class, () -> PostgresTracking.open(
                    TestDatabase.dataSource(), PostgresOptions.defaults().schema(schema).migrate(migrate)
                            .workingDirectory(null)));
            assertTrue(refused.getMessage().contains("99"), refused.getMessage());
        }
    }

    @Test
    void theFixtureOfEveryVersionIsCommitted() {
        IntStream.rangeClosed(1, NEWEST).forEach(version -> assertFalse(fixture(version).isBlank(), "V" + version));
    }

    private static String fixture(int version) {
        try (InputStream in = MigrationsTest.class.getResourceAsStream("/migration-fixtures/V" + version + ".sql")) {
            if (in == null) {
                throw new AssertionError("no fixture for schema version " + version + ": run MigrationFixtures " + version);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void load(String schema, String fixture) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(fixture.replace("${schema}", "\"" + schema + "\""));
        }
    }
}
