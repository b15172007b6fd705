package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A schema or per-column types read a query's columns as other types, strictly, or say why not. */
class JdbcSchemaTest {

    private static final String MIXED = "SELECT id, amount, flag, at, note FROM (VALUES"
            + " (1, '1.5', 'TRUE', '2024-03-01', 7::bigint),"
            + " (2, NULL, NULL, NULL, NULL),"
            + " (3, '-2e3', 'false', '2024-03-01T10:00:00+01:00', 12345678901)) AS v (id, amount, flag, at, note)"
            + " ORDER BY id";

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Test
    void aSchemaReadsEachColumnAsItsFieldInTheSchemasOrder() {
        Schema schema = Schema.of(Field.timestamp("at"), Field.numeric("amount"), Field.bool("flag"),
                Field.categorical("note"), Field.text("id").required());
        Frame frame = Jdbc.reader().schema(schema).read(postgres.db(), MIXED);
        assertEquals(schema, frame.schema());
        assertEquals(1.5, frame.numeric("amount").value(0));
        assertEquals(-2000, frame.numeric("amount").value(2));
        assertTrue(frame.bool("flag").value(0));
        assertFalse(frame.bool("flag").value(2));
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), frame.timestamp("at").value(0));
        assertEquals(Instant.parse("2024-03-01T09:00:00Z"), frame.timestamp("at").value(2));
        assertEquals("12345678901", frame.categorical("note").value(2));
        assertEquals(List.of("1", "2", "3"), List.of(frame.text("id").value(0), frame.text("id").value(1),
                frame.text("id").value(2)));
        for (String column : List.of("at", "amount", "flag", "note")) {
            assertTrue(frame.column(column).isMissing(1), column);
        }
    }

    @Test
    void textForcedNumericParsesStrictlyAndNamesTheBadRowAndValue() {
        Schema schema = Schema.of(Field.numeric("amount"));
        String sql = "SELECT amount FROM (VALUES (1, '12'), (2, ' 3'), (3, '1,5')) AS v (o, amount) ORDER BY o";
        DataException spaced = assertThrows(DataException.class, () -> Jdbc.reader().schema(schema).read(postgres.db(),
                sql));
        assertEquals(2, spaced.line());
        assertEquals(Optional.of("amount"), spaced.column());
        assertEquals(Optional.of(" 3"), spaced.rawValue());

        DataException comma = assertThrows(DataException.class, () -> Jdbc.reader().schema(schema).read(postgres.db(),
                "SELECT amount FROM (VALUES (1, '12'), (3, '1,5')) AS v (o, amount) ORDER BY o"));
        assertEquals(2, comma.line());
        assertEquals(Optional.of("1,5"), comma.rawValue());
        assertTrue(comma.getMessage().contains("is not a number"), comma.getMessage());
    }

    @Test
    void textForcedBooleanOrTimestampRefusesWhatDoesNotParse() {
        DataException yes = assertThrows(DataException.class, () -> Jdbc.reader().type("b", FieldType.BOOLEAN)
                .read(postgres.db(), "SELECT 'yes' AS b"));
        assertEquals(Optional.of("yes"), yes.rawValue());
        assertEquals(1, yes.line());

        DataException month = assertThrows(DataException.class, () -> Jdbc.reader().type("t", FieldType.TIMESTAMP)
                .read(postgres.db(), "SELECT '2024-13-01' AS t"));
        assertEquals(Optional.of("2024-13-01"), month.rawValue());
        assertEquals(Optional.of("t"), month.column());
    }

    @Test
    void aSchemaFieldMissingFromTheResultIsNamed() {
        Schema schema = Schema.of(Field.numeric("id"), Field.numeric("price"));
        DataException e = assertThrows(DataException.class, () -> Jdbc.reader().schema(schema).read(postgres.db(),
                "SELECT 1 AS id"));
        assertTrue(e.getMessage().contains("missing from the result: [price]"), e.getMessage());
    }

    @Test
    void aResultColumnNotInTheSchemaIsNamedRatherThanDropped() {
        Schema schema = Schema.of(Field.numeric("id"));
        DataException e = assertThrows(DataException.class, () -> Jdbc.reader().schema(schema).read(postgres.db(),
                "SELECT 1 AS id, 'secret' AS password_hash"));
        assertTrue(e.getMessage().contains("not in the schema: [password_hash]"), e.getMessage());
    }

    @Test
    void aNullInARequiredFieldNamesItsRow() {
        Schema schema = Schema.of(Field.numeric("n").required());
        DataException e = assertThrows(DataException.class, () -> Jdbc.reader().schema(schema).read(postgres.db(),
                "SELECT n FROM (VALUES (1, 1), (2, 2), (3, NULL)) AS v (o, n) ORDER BY o"));
        assertEquals(3, e.line());
        assertEquals(Optional.of("n"), e.column());
        assertTrue(e.getMessage().contains("required"), e.getMessage());
    }

    @Test
    void aPairingThatWouldNeedAFormatIsRefusedBeforeAnyRowSuggestingACast() {
        DataException floating = assertThrows(DataException.class, () -> Jdbc.reader()
                .schema(Schema.of(Field.categorical("x"))).read(postgres.db(), "SELECT 0.1::float8 AS x"));
        assertEquals(0, floating.line());
        assertTrue(floating.getMessage().contains("float8") && floating.getMessage().contains("CAST(\"x\" AS text)"),
                floating.getMessage());

        DataException number = assertThrows(DataException.class, () -> Jdbc.reader().type("b", FieldType.BOOLEAN)
                .read(postgres.db(), "SELECT 1 AS b"));
        assertTrue(number.getMessage().contains("CAST(\"b\" AS boolean)"), number.getMessage());

        DataException date = assertThrows(DataException.class, () -> Jdbc.reader().type("d", FieldType.NUMERIC)
                .read(postgres.db(), "SELECT DATE '2024-01-01' AS d"));
        assertTrue(date.getMessage().contains("CAST(\"d\" AS double precision)"), date.getMessage());
    }

    @Test
    void aTypeReadsOneColumnAndLeavesTheOthersToTheirSqlTypes() {
        Frame frame = Jdbc.reader().type("zip", FieldType.CATEGORICAL).type("name", FieldType.TEXT)
                .read(postgres.db(), "SELECT 1010 AS zip, 'Ana' AS name, 2.5::float8 AS score");
        assertEquals(Schema.of(Field.categorical("zip"), Field.text("name"), Field.numeric("score")), frame.schema());
        assertEquals("1010", frame.categorical("zip").value(0));
        assertEquals("Ana", frame.text("name").value(0));
    }

    @Test
    void misuseIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Jdbc.reader().type("nope", FieldType.TEXT)
                .read(postgres.db(), "SELECT 1 AS n"));
        assertThrows(IllegalArgumentException.class, () -> Jdbc.reader().schema(Schema.of(Field.numeric("n")))
                .type("n", FieldType.TEXT).read(postgres.db(), "SELECT 1 AS n"));
        assertThrows(IllegalArgumentException.class, () -> Jdbc.reader().fetchSize(0));
    }

    @Test
    void settingsReturnNewReadersAndLeaveTheOriginalAsItWas() {
        JdbcReader plain = Jdbc.reader();
        JdbcReader typed = plain.type("n", FieldType.CATEGORICAL);
        assertEquals(FieldType.NUMERIC, plain.read(postgres.db(), "SELECT 1 AS n").column("n").type());
        assertEquals(FieldType.CATEGORICAL, typed.read(postgres.db(), "SELECT 1 AS n").column("n").type());
        assertThrows(DataException.class, () -> plain.read(postgres.db(), "SELECT 0.1 AS n"));
        assertEquals(0.1, plain.inexactDecimals(true).read(postgres.db(), "SELECT 0.1 AS n").numeric("n").value(0));
    }
}
