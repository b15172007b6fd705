package dev.mlops.tracking.postgres;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.DatasetRole;
import dev.mlops.api.tracking.DatasetVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.StoreException;
import dev.mlops.api.tracking.Tracker;
import dev.mlops.core.data.Csv;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows edited by hand in the database (planted here with plain SQL): asking for the damaged entry
 * fails with a {@link StoreException} naming it and what is wrong.
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
}
