package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rows are fetched a batch at a time: PostgreSQL's driver does that only with a fetch size, a forward-only result
 * and autocommit off, which the driver's data source, wrapped to record it, shows; and the connection is handed
 * back as it came.
 */
class JdbcStreamingTest {

    private static final int ROWS = 200_000;

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Test
    void twoHundredThousandRowsAreFetchedInBatchesOfTheFetchSize() {
        RecordingDataSource recording = RecordingDataSource.of(postgres.db());
        Frame frame = Jdbc.reader().fetchSize(500).read(recording,
                "SELECT i, i * 2 AS twice, 'row ' || i AS label FROM generate_series(1, ?) AS i", ROWS);

        assertEquals(ROWS, frame.rowCount());
        NumericColumn i = frame.numeric("i");
        long sum = 0;
        long weighted = 0;
        for (int row = 0; row < ROWS; row++) {
            sum += (long) i.value(row);
            weighted += (long) frame.numeric("twice").value(row) * (row % 7);
        }
        assertEquals((long) ROWS * (ROWS + 1) / 2, sum);
        long expected = 0;
        for (long n = 1; n <= ROWS; n++) {
            expected += 2 * n * ((n - 1) % 7);
        }
        assertEquals(expected, weighted, "every row in its place");
        assertEquals("row 200000", frame.categorical("label").value(ROWS - 1));

        assertEquals(List.of("autocommit=false", "execute fetchSize=500 forwardOnly=true autocommit=false", "commit",
                "autocommit=true", "close autocommit=true"), recording.events());
    }

    @Test
    void aLateServerErrorArrivesAfterTheBatchesBeforeIt() {
        // Without streaming the whole result would be computed before the first row arrives, so the division by
        // zero in row 150,000 would fail the query with no row read; fetched by 500, 149,500 rows come first.
        RecordingDataSource recording = RecordingDataSource.of(postgres.db());
        DataException e = assertThrows(DataException.class, () -> Jdbc.reader().fetchSize(500).read(recording,
                "SELECT i / (i - 150000) AS i FROM generate_series(1, 200000) AS i"));
        assertTrue(e.getMessage().contains("after 149500 rows") && e.getMessage().contains("22012"), e.getMessage());
        assertEquals(List.of("autocommit=false", "execute fetchSize=500 forwardOnly=true autocommit=false", "rollback",
                "autocommit=true", "close autocommit=true"), recording.events());
    }

    @Test
    void theDefaultFetchSizeIsAThousand() {
        RecordingDataSource recording = RecordingDataSource.of(postgres.db());
        assertEquals(3, Jdbc.read(recording, "SELECT * FROM generate_series(1, 3) AS i").rowCount());
        assertTrue(recording.events().contains("execute fetchSize=1000 forwardOnly=true autocommit=false"),
                recording.events()::toString);
    }

    @Test
    void aConnectionAlreadyInATransactionIsNeitherCommittedNorRolledBack() {
        RecordingDataSource inTransaction = RecordingDataSource.inTransaction(postgres.db());
        assertEquals(10, Jdbc.reader().fetchSize(3).read(inTransaction, "SELECT * FROM generate_series(1, 10) AS i")
                .rowCount());
        assertEquals(List.of("execute fetchSize=3 forwardOnly=true autocommit=false", "close autocommit=false"),
                inTransaction.events());

        RecordingDataSource failing = RecordingDataSource.inTransaction(postgres.db());
        assertThrows(DataException.class, () -> Jdbc.read(failing, "SELECT 0.1 AS inexact"));
        assertEquals(List.of("execute fetchSize=1000 forwardOnly=true autocommit=false", "close autocommit=false"),
                failing.events());
    }

    @Test
    void aValueErrorRollsBackAndRestoresAutocommit() {
        RecordingDataSource recording = RecordingDataSource.of(postgres.db());
        assertThrows(DataException.class, () -> Jdbc.read(recording, "SELECT 0.1 AS inexact"));
        assertEquals(List.of("autocommit=false", "execute fetchSize=1000 forwardOnly=true autocommit=false", "rollback",
                "autocommit=true", "close autocommit=true"), recording.events());
    }
}
