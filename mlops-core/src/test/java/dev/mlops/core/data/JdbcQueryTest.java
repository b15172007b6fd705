package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Parameters are bound as data, database errors are wrapped without them, and a source reads afresh. */
class JdbcQueryTest {

    private static final String HOSTILE = "'; drop table t; --";

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @BeforeAll
    static void createTables() {
        postgres.execute("CREATE TABLE t (id int PRIMARY KEY, s text, day date)",
                "INSERT INTO t VALUES (1, 'plain', '2024-01-01'),"
                        + " (2, '" + HOSTILE.replace("'", "''") + "', '2024-01-02')");
    }

    private static long rowsOfT() {
        return (long) Jdbc.read(postgres.db(), "SELECT count(*) AS n FROM t").numeric("n").value(0);
    }

    @Test
    void parametersAreBoundInOrderWithTheirTypes() {
        Frame frame = Jdbc.read(postgres.db(),
                "SELECT id, s FROM t WHERE id >= ? AND day < ? AND s <> ? ORDER BY id", 1,
                LocalDate.of(2024, 1, 2), "nothing");
        assertEquals(1, frame.rowCount());
        assertEquals("plain", frame.categorical("s").value(0));
        Frame nulls = Jdbc.read(postgres.db(), "SELECT count(*) AS n FROM t WHERE s IS NOT DISTINCT FROM ?::text",
                (Object) null);
        assertEquals(0, nulls.numeric("n").value(0));
    }

    @Test
    void aHostileStringComesBackAsDataAndDropsNothing() {
        Frame echoed = Jdbc.read(postgres.db(), "SELECT ?::text AS s", HOSTILE);
        assertEquals(HOSTILE, echoed.categorical("s").value(0));

        Frame matched = Jdbc.read(postgres.db(), "SELECT id FROM t WHERE s = ?", HOSTILE);
        assertEquals(1, matched.rowCount());
        assertEquals(2, matched.numeric("id").value(0));
        assertEquals(2, rowsOfT(), "table t is still there, with its rows");
    }

    @Test
    void databaseErrorsCarryTheSqlStateAndQueryButNeverTheParameters() {
        DataException e = assertThrows(DataException.class, () -> Jdbc.read(postgres.db(),
                "SELECT * FROM no_such_table WHERE token = ?", "s3cret-token"));
        assertTrue(e.getMessage().contains("42P01"), e.getMessage());
        assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
        assertTrue(e.getMessage().startsWith("query 'SELECT * FROM no_such_table WHERE token = ?'"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-token"), e.getMessage());
        assertEquals("42P01", ((java.sql.SQLException) e.getCause()).getSQLState());
    }

    @Test
    void aParameterTheDatabaseQuotesIsRedactedFromTheMessage() {
        DataException e = assertThrows(DataException.class, () -> Jdbc.read(postgres.db(), "SELECT ?::int AS n",
                "s3cret-token"));
        assertTrue(e.getMessage().contains("22P02") && e.getMessage().contains("\"<parameter 1>\""), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-token"), e.getMessage());
        // the driver's own exception is the cause, unchanged, as the Javadoc warns
        assertTrue(e.getCause().getMessage().contains("s3cret-token"), e.getCause().getMessage());
    }

    @Test
    void longSqlIsShortenedInMessagesOnOneLine() {
        String sql = "SELECT 1 AS a,\n" + "  2 AS b,\n".repeat(60) + " 3 AS a";
        DataException e = assertThrows(DataException.class, () -> Jdbc.read(postgres.db(), sql));
        assertTrue(e.source().startsWith("query 'SELECT 1 AS a, 2 AS b, 2 AS b,") && e.source().endsWith("...'"),
                e.source());
        assertTrue(e.source().length() < 120, e.source());
    }

    @Test
    void aStatementThatIsNotAQueryFailsAndIsRolledBack() {
        DataException e = assertThrows(DataException.class, () -> Jdbc.read(postgres.db(),
                "CREATE TABLE sneaky (x int)"));
        assertTrue(e.getMessage().contains("SQL state"), e.getMessage());
        Frame exists = Jdbc.read(postgres.db(), "SELECT to_regclass('sneaky') IS NULL AS gone");
        assertTrue(exists.bool("gone").value(0), "the table the failed read created was rolled back");
    }

    @Test
    void aSourceIsNamedAndReadsAfreshOnEachRunWithTheParametersItWasGiven() {
        Object[] parameters = {"plain"};
        dev.mlops.api.pipeline.DataSource source = Jdbc.source("others", postgres.db(),
                "SELECT count(*) AS n FROM t WHERE s <> ?", parameters);
        parameters[0] = "changed after the source was made";
        assertEquals("others", source.name());
        assertEquals(1, source.read().numeric("n").value(0));
        postgres.execute("INSERT INTO t VALUES (3, 'third', '2024-01-03')");
        try {
            assertEquals(2, source.read().numeric("n").value(0));
        } finally {
            postgres.execute("DELETE FROM t WHERE id = 3");
        }
        assertThrows(IllegalArgumentException.class, () -> Jdbc.source(" ", postgres.db(), "SELECT 1"));
    }

    @Test
    void aSourceWithAReaderUsesItsSettings() {
        dev.mlops.api.pipeline.DataSource source = Jdbc.source("days", postgres.db(), Jdbc.reader().fetchSize(1),
                "SELECT day FROM t WHERE id = ?", 1);
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), source.read().timestamp("day").value(0));
    }
}
