package dev.mlops.tracking.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Experiment;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.RunInfo;
import dev.mlops.api.tracking.RunPage;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.data.Csv;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows edited by hand in the database (planted here with plain SQL): a listing leaves the damaged
 * entry out with a warning naming it and answers the rest, as the file store does; asking for the
 * damaged entry fails with a {@link StoreException} naming it and what is wrong.
 */
class PostgresDamagedRowsTest {

    private String schema;
    private Tracker tracker;

    @BeforeEach
    void open() {
        schema = TestDatabase.freshSchema();
        tracker = PostgresTracking.open(TestDatabase.dataSource(), PostgresOptions.defaults().schema(schema)
                .actor("tester").workingDirectory(null));
    }

    @AfterEach
    void close() {
        tracker.close();
    }

    private void plant(String sql) throws Exception {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("set search_path to \"" + schema + "\"");
            s.execute(sql);
        }
    }

    private static void assertNames(StoreException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' is not in: " + e.getMessage());
        }
    }

    private DatasetVersion dataset(String name, String csv) {
        Frame frame = Csv.reader().readString(csv).frame();
        return tracker.datasets().log(name, frame);
    }

    @Test
    void aStatusOrRoleEditedByHandIsAStoreExceptionNamingTheRunAndTheValue() throws Exception {
        Run open = tracker.experiment("e").start("open");
        String ended;
        try (Run run = tracker.experiment("e").start("ended")) {
            ended = run.id();
            run.logInput(dataset("d", "x\n1\n"), DatasetRole.TRAIN);
        }
        plant("update runs set status = 'BOGUS' where id = '" + open.id() + "'");
        assertNames(assertThrows(StoreException.class, () -> tracker.run(open.id())), open.id(), "'BOGUS'");
        assertNames(assertThrows(StoreException.class, () -> open.logParam("lr", "0.1")), open.id(), "'BOGUS'");
        plant("update run_inputs set role = 'SNACK' where run_id = '" + ended + "'");
        assertNames(assertThrows(StoreException.class, () -> tracker.run(ended)), ended, "'SNACK'");
        assertNames(assertThrows(StoreException.class, () -> tracker.findRun(ended)), ended, "'SNACK'");
    }

    /** How many warnings since {@code mark} name {@code entry}: at least one, each saying it was left out. */
    private static int warned(long mark, String entry) {
        List<String> about = CapturedWarnings.since(mark).stream().filter(w -> w.contains(entry)).toList();
        assertTrue(!about.isEmpty(), () -> "no warning about " + entry + ": " + CapturedWarnings.since(mark));
        about.forEach(warning -> assertTrue(warning.contains("left out"), warning));
        return about.size();
    }

    private static Set<String> ids(List<RunInfo> runs) {
        return runs.stream().map(RunInfo::id).collect(Collectors.toSet());
    }

    @Test
    void aRunThatDoesNotReadIsLeftOutOfListingsWithAWarningAndFailsWhenAskedFor() throws Exception {
        Experiment experiment = tracker.experiment("e");
        DatasetVersion data = dataset("d", "x\n1\n");
        String[] ids = new String[5]; // ids[0] and ids[4] stay readable
        for (int i = 0; i < ids.length; i++) {
            try (Run run = experiment.start("run-" + i)) {
                ids[i] = run.id();
                run.logMetric("loss", i);
                run.logInput(data, DatasetRole.TRAIN);
            }
        }
        plant("update runs set environment = '{not json' where id = '" + ids[1] + "'");
        plant("update runs set status = 'BOGUS' where id = '" + ids[2] + "'");
        plant("update run_inputs set role = 'SNACK' where run_id = '" + ids[3] + "'");
        long mark = CapturedWarnings.count();
        assertEquals(Set.of(ids[0], ids[4]), ids(experiment.runs()));
        RunPage all = experiment.search(RunQuery.all());
        assertEquals(Set.of(ids[0], ids[4]), ids(all.runs()));
        assertEquals(2, all.total());
        RunPage newest = experiment.search(RunQuery.all().limit(1)); // the damaged are the newest but one
        assertEquals(List.of(ids[4]), newest.runs().stream().map(RunInfo::id).toList());
        RunPage byLoss = experiment.search(RunQuery.all().orderByMetric("loss", true).limit(2));
        assertEquals(List.of(ids[4], ids[0]), byLoss.runs().stream().map(RunInfo::id).toList());
        for (int i = 1; i <= 3; i++) {
            assertEquals(1, warned(mark, ids[i]), "once per reason, however often it is listed (as the file store)");
        }
        assertNames(assertThrows(StoreException.class, () -> tracker.run(ids[1])), ids[1], "environment");
        assertNames(assertThrows(StoreException.class, () -> tracker.findRun(ids[2])), ids[2], "'BOGUS'");
        assertNames(assertThrows(StoreException.class, () -> tracker.run(ids[3])), ids[3], "'SNACK'");
        plant("update runs set environment = '{}' where id = '" + ids[1] + "'"); // repaired by hand
        assertEquals(Set.of(ids[0], ids[1], ids[4]), ids(experiment.runs()));
    }

    @Test
    void aDatasetVersionThatDoesNotReadIsLeftOutOfItsListingWithAWarningAndFailsWhenAskedFor() throws Exception {
        DatasetVersion first = dataset("d", "x\n1\n");
        DatasetVersion second = dataset("d", "x\n2\n");
        plant("update datasets set schema = '{not a schema' where name = 'd' and version = 1");
        long mark = CapturedWarnings.count();
        assertEquals(List.of(second), tracker.datasets().versions("d"));
        assertEquals(second, tracker.datasets().latest("d").orElseThrow());
        warned(mark, "d/1");
        assertNames(assertThrows(StoreException.class, () -> tracker.datasets().version(first.reference())), "d/1");
        assertEquals(second, tracker.datasets().version("d/2"));
    }

    @Test
    void aModelVersionThatDoesNotReadIsLeftOutOfListingsWithAWarningAndFailsWhenAskedFor() throws Exception {
        ModelRegistry registry = tracker.registry();
        String run;
        try (Run trained = tracker.experiment("e").start()) {
            run = trained.id();
        }
        ModelVersion first = registry.register("m", ModelSource.opaque(new byte[] {1}).fromRun(run));
        registry.register("m", ModelSource.opaque(new byte[] {2}).fromRun(run));
        ModelVersion third = registry.register("m", ModelSource.opaque(new byte[] {3}).fromRun(run));
        plant("update model_versions set body = '{not json' where model = 'm' and version = 2");
        long mark = CapturedWarnings.count();
        assertEquals(List.of(first, third), registry.versions("m", true));
        warned(mark, "m/2");
        assertEquals(List.of(first, third), registry.versionsFromRun(run));
        assertNames(assertThrows(StoreException.class, () -> registry.version("m/2")), "m/2");
        assertEquals(third, registry.version("m/3"));
    }
}
