package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Schema;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each SQL type PostgreSQL returns, read into the field type {@link JdbcReader} documents, NULLs included. */
class JdbcTypesTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Test
    void smallintIntegerAndBigintAreNumericAndNullIsMissing() {
        postgres.execute("CREATE TABLE ints (id int, s smallint, i integer, b bigint)",
                "INSERT INTO ints VALUES (1, 32767, -2147483648, 9007199254740992), (2, NULL, NULL, NULL),"
                        + " (3, -32768, 2147483647, -9007199254740992), (4, 0, 0, 9007199254740994)");
        Frame frame = Jdbc.read(postgres.db(), "SELECT s, i, b FROM ints ORDER BY id");
        assertEquals(Schema.of(Field.numeric("s"), Field.numeric("i"), Field.numeric("b")), frame.schema());
        assertEquals(32767, frame.numeric("s").value(0));
        assertEquals(-2147483648, frame.numeric("i").value(0));
        assertEquals(0x1p53, frame.numeric("b").value(0));
        assertEquals(-0x1p53, frame.numeric("b").value(2));
        // beyond 2^53 only the even integers are doubles, and those are exact
        assertEquals(9007199254740994.0, frame.numeric("b").value(3));
        for (String column : new String[] {"s", "i", "b"}) {
            assertTrue(frame.numeric(column).isMissing(1), column);
            assertFalse(frame.numeric(column).isMissing(0), column);
        }
    }

    @Test
    void aBigintThatADoubleCannotHoldIsRefusedNamingColumnRowAndValue() {
        DataException e = assertThrows(DataException.class, () -> Jdbc.read(postgres.db(),
                "SELECT x AS id FROM (VALUES (1::bigint, 1), (9007199254740993, 2)) AS v (x, o) ORDER BY o"));
        assertEquals(2, e.line());
        assertEquals(Optional.of("id"), e.column());
        assertEquals(Optional.of("9007199254740993"), e.rawValue());
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("9007199254740992"), e.getMessage());

        DataException max = assertThrows(DataException.class, () -> Jdbc.read(postgres.db(),
                "SELECT 9223372036854775807::bigint AS m"));
        assertEquals(Optional.of("9223372036854775807"), max.rawValue());
    }

    @Test
    void realAndDoubleAreNumericWithNaNAndInfinitiesAsValues() {
        Frame frame = Jdbc.read(postgres.db(),
                "SELECT r, d FROM (VALUES (1, 1.1::real, 'NaN'::float8), (2, NULL, 'Infinity'),"
                        + " (3, '-Infinity', '-0'), (4, 'NaN', NULL), (5, 3.4e38, 2.2250738585072014e-308))"
                        + " AS v (o, r, d) ORDER BY o");
        assertEquals(Schema.of(Field.numeric("r"), Field.numeric("d")), frame.schema());
        NumericColumn r = frame.numeric("r");
        NumericColumn d = frame.numeric("d");
        // the single-precision number stored, not the decimal typed
        assertEquals((double) 1.1f, r.value(0));
        assertTrue(Double.isNaN(d.value(0)) && !d.isMissing(0));
        assertTrue(r.isMissing(1));
        assertEquals(Double.POSITIVE_INFINITY, d.value(1));
        assertEquals(Double.NEGATIVE_INFINITY, r.value(2));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d.value(2)));
        assertTrue(Double.isNaN(r.value(3)) && !r.isMissing(3));
        assertTrue(d.isMissing(3));
        assertEquals((double) 3.4e38f, r.value(4));
        assertEquals(Double.MIN_NORMAL, d.value(4));
    }

    @Test
    void decimalsADoubleHoldsExactlyAreRead() {
        Frame frame = Jdbc.read(postgres.db(),
                "SELECT n FROM (VALUES (1, 0.5::numeric(10,2)), (2, NULL), (3, -12345.25),"
                        + " (4, 9007199254740992), (5, 'NaN')) AS v (o, n) ORDER BY o");
        NumericColumn n = frame.numeric("n");
        assertEquals(0.5, n.value(0));
        assertTrue(n.isMissing(1));
        assertEquals(-12345.25, n.value(2));
        assertEquals(0x1p53, n.value(3));
        assertTrue(Double.isNaN(n.value(4)) && !n.isMissing(4));
    }

    @Test
    void anInexactDecimalIsRefusedNamingColumnRowAndValue() {
        DataException e = assertThrows(DataException.class, () -> Jdbc.read(postgres.db(),
                "SELECT price FROM (VALUES (1, 0.5::numeric), (2, 1.25), (3, 0.1)) AS v (o, price) ORDER BY o"));
        assertEquals(3, e.line());
        assertEquals(Optional.of("price"), e.column());
        assertEquals(Optional.of("0.1"), e.rawValue());
        assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("inexactDecimals(true)")
                && e.getMessage().contains("0.1000000000000000055511151231257827021181583404541015625"),
                e.getMessage());
    }

    @Test
    void inexactDecimalsByOptInAreTheirNearestDoubleButNeverBeyondRange() {
        Frame frame = Jdbc.reader().inexactDecimals(true).read(postgres.db(),
                "SELECT n FROM (VALUES (1, 0.1::numeric), (2, 9007199254740993), (3, NULL)) AS v (o, n) ORDER BY o");
        assertEquals(0.1, frame.numeric("n").value(0));
        assertEquals(0x1p53, frame.numeric("n").value(1));
        assertTrue(frame.numeric("n").isMissing(2));

        DataException huge = assertThrows(DataException.class, () -> Jdbc.reader().inexactDecimals(true)
                .read(postgres.db(), "SELECT 1e400::numeric AS n"));
        assertEquals(Optional.of("n"), huge.column());
        assertTrue(huge.getMessage().contains("beyond the range of a double"), huge.getMessage());
    }

    @Test
    void booleanAndBitAreBoolean() {
        Frame frame = Jdbc.read(postgres.db(),
                "SELECT b, bit FROM (VALUES (1, true, B'1'), (2, false, B'0'), (3, NULL, NULL))"
                        + " AS v (o, b, bit) ORDER BY o");
        assertEquals(Schema.of(Field.bool("b"), Field.bool("bit")), frame.schema());
        assertTrue(frame.bool("b").value(0));
        assertFalse(frame.bool("b").value(1));
        assertTrue(frame.bool("bit").value(0));
        assertFalse(frame.bool("bit").value(1));
        assertTrue(frame.bool("b").isMissing(2));
        assertTrue(frame.bool("bit").isMissing(2));
    }

    @Test
    void charVarcharAndTextAreCategorical() {
        Frame frame = Jdbc.read(postgres.db(),
                "SELECT c, v, t FROM (VALUES (1, 'ab'::char(3), 'x'::varchar(5), 'long text'),"
                        + " (2, NULL, NULL, NULL), (3, 'ab', '', 'long text')) AS q (o, c, v, t) ORDER BY o");
        assertEquals(Schema.of(Field.categorical("c"), Field.categorical("v"), Field.categorical("t")), frame.schema());
        // char(n) is padded by the database, and kept so
        assertEquals("ab ", frame.categorical("c").value(0));
        assertEquals("", frame.categorical("v").value(2));
        assertTrue(frame.categorical("t").isMissing(1));
        assertFalse(frame.categorical("v").isMissing(2), "an empty string is a value, NULL is missing");
        assertEquals(1, frame.categorical("t").dictionarySize(), "one label, repeated");
    }

    @Test
    void datesAndBothTimestampKindsIgnoreTheSessionAndJvmZones() {
        TimeZone jvmZone = TimeZone.getDefault();
        // the driver sets the session's zone to the JVM's when it connects, so set the session's after that
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        try {
            DataSource lima = RecordingDataSource.of(postgres.db(), "SET TIME ZONE 'America/Lima'");
            Frame zone = Jdbc.read(lima, "SELECT current_setting('TimeZone') AS zone");
            assertEquals("America/Lima", zone.categorical("zone").value(0), "the session is not in UTC");

            Frame frame = Jdbc.read(lima, "SELECT d, ts, tstz, tstz_local FROM (VALUES"
                    + " (1, DATE '2024-03-10', TIMESTAMP '2024-03-10 12:34:56.123456',"
                    + "  TIMESTAMPTZ '2024-03-10 12:00:00+02', '2024-03-10 12:00:00'::timestamptz),"
                    + " (2, NULL, NULL, NULL, NULL)) AS v (o, d, ts, tstz, tstz_local) ORDER BY o");
            assertEquals(Schema.of(Field.timestamp("d"), Field.timestamp("ts"), Field.timestamp("tstz"),
                    Field.timestamp("tstz_local")), frame.schema());
            assertEquals(Instant.parse("2024-03-10T00:00:00Z"), frame.timestamp("d").value(0));
            assertEquals(Instant.parse("2024-03-10T12:34:56.123456Z"), frame.timestamp("ts").value(0));
            assertEquals(Instant.parse("2024-03-10T10:00:00Z"), frame.timestamp("tstz").value(0));
            // written without an offset in a Lima session (UTC-5), so five hours after noon UTC
            assertEquals(Instant.parse("2024-03-10T17:00:00Z"), frame.timestamp("tstz_local").value(0));
            for (String column : frame.schema().names()) {
                assertTrue(frame.timestamp(column).isMissing(1), column);
            }
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    @Test
    void anInfiniteTimestampIsRefusedNamingColumnRowAndValue() {
        DataException e = assertThrows(DataException.class, () -> Jdbc.read(postgres.db(),
                "SELECT t FROM (VALUES (1, TIMESTAMPTZ '2024-01-01 00:00Z'), (2, 'infinity')) AS v (o, t) ORDER BY o"));
        assertEquals(2, e.line());
        assertEquals(Optional.of("t"), e.column());
        assertTrue(e.rawValue().isPresent(), e.getMessage());

    }

    @Test
    void otherSqlTypesAreRefusedNamingColumnAndTypeAndSuggestingACast() {
        String[][] cases = {
            {"'{1,2}'::int[]", "_int4"}, {"'\\x00ff'::bytea", "bytea"}, {"'{\"a\": 1}'::json", "json"},
            {"'{\"a\": 1}'::jsonb", "jsonb"}, {"gen_random_uuid()", "uuid"}, {"INTERVAL '1 day'", "interval"},
            {"TIME '12:00'", "time"},
        };
        for (String[] c : cases) {
            DataException e = assertThrows(DataException.class, () -> Jdbc.read(postgres.db(), "SELECT 1 AS ok, " + c[0]
                    + " AS odd"), c[0]);
            assertEquals(Optional.of("odd"), e.column(), c[0]);
            assertTrue(e.getMessage().contains("SQL type " + c[1] + " (JDBC ")
                    && e.getMessage().contains("CAST(\"odd\" AS text)"),
                    () -> Arrays.toString(c) + ": " + e.getMessage());
        }
    }

    @Test
    void repeatedColumnNamesAreRefusedSuggestingAliases() {
        DataException e = assertThrows(DataException.class, () -> Jdbc.read(postgres.db(),
                "SELECT 1 AS a, 2 AS b, 3 AS a"));
        assertEquals(Optional.of("a"), e.column());
        assertTrue(e.getMessage().contains("positions 1 and 3") && e.getMessage().contains("AS"), e.getMessage());
    }

    @Test
    void anEmptyResultHasTheColumnsTypes() {
        Frame frame = Jdbc.read(postgres.db(),
                "SELECT 1::int AS n, 'a'::text AS t, true AS b, now() AS at WHERE false");
        assertEquals(0, frame.rowCount());
        assertEquals(Schema.of(Field.numeric("n"), Field.categorical("t"), Field.bool("b"), Field.timestamp("at")),
                frame.schema());
    }
}
