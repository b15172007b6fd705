package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** Whatever doubles and strings a table holds read back exactly: every bit of a double, every code point of text. */
class JdbcRoundTripPropertyTest {

    /** Pieces strings are made of: SQL quoting and comments, escapes, emoji, right-to-left scripts and marks. */
    private static final List<String> PIECES = List.of("a", "Z", "0", " ", "'", "''", "\"", "\\", ";", "--", "/*",
            "*/", "%", "_", "?", "$1", "\t", "\n", "\r\n", "é", "e\u0301", "中文", "😀", "👩‍💻", "שלום",
            "مرحبا",
            "\u202E", "\u200F", "\uFEFF", "NULL", "NaN", "");

    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        Math.nextDown(Double.MIN_NORMAL),
        Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 1e-300, 0x1p53 + 2};

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private record Row(Double number, String text) {
    }

    @BeforeAll
    static void createTables() {
        postgres.execute("CREATE TABLE rt (id int PRIMARY KEY, d double precision, s text)");
    }

    @Test
    void doublesAndStringsReadBackExactly() {
        qt().withExamples(200).forAll(rows()).checkAssert(rows -> {
            store(rows);
            Frame frame = Jdbc.read(postgres.db(), "SELECT d, s FROM rt ORDER BY id");
            assertEquals(rows.size(), frame.rowCount());
            NumericColumn d = frame.numeric("d");
            CategoricalColumn s = frame.categorical("s");
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                int at = i;
                if (row.number() == null) {
                    assertTrue(d.isMissing(i), () -> "row " + at + " should be missing");
                } else {
                    // Double.equals compares bits: -0.0 is not 0.0, and NaN equals NaN
                    assertEquals(row.number(), (Double) d.value(i), () -> "row " + at);
                    assertTrue(!d.isMissing(i), () -> "row " + at + " is a value");
                }
                assertEquals(row.text(), s.get(i), () -> "row " + at);
            }
        });
    }

    private static void store(List<Row> rows) {
        try (Connection connection = postgres.db().getConnection()) {
            try (Statement truncate = connection.createStatement()) {
                truncate.execute("TRUNCATE rt");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rt VALUES (?, ?, ?)")) {
                for (int i = 0; i < rows.size(); i++) {
                    insert.setInt(1, i);
                    if (rows.get(i).number() == null) {
                        insert.setNull(2, Types.DOUBLE);
                    } else {
                        insert.setDouble(2, rows.get(i).number());
                    }
                    insert.setString(3, rows.get(i).text());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Gen<List<Row>> rows() {
        return in -> {
            int count = between(in, 0, 25);
            List<Row> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Double number = between(in, 0, 6) == 0 ? null : number(in);
                rows.add(new Row(number, between(in, 0, 6) == 0 ? null : string(in)));
            }
            return rows;
        };
    }

    private static double number(RandomnessSource in) {
        return switch (between(in, 0, 4)) {
            case 0 -> SPECIAL[between(in, 0, SPECIAL.length - 1)];
            case 1 -> between(in, -1_000_000, 1_000_000) / 1000.0;
            // subnormal: exponent bits zero, any fraction, either sign
            case 2 -> Double.longBitsToDouble(in.next(Constraint.between(1, (1L << 52) - 1)))
                    * (between(in, 0, 1) == 0 ? 1 : -1);
            default -> Double.longBitsToDouble(in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE)));
        };
    }

    /** Pieces and random code points; never U+0000, which PostgreSQL's text cannot hold, nor a lone surrogate. */
    private static String string(RandomnessSource in) {
        StringBuilder text = new StringBuilder();
        int pieces = between(in, 0, 8);
        for (int i = 0; i < pieces; i++) {
            if (between(in, 0, 3) == 0) {
                int codePoint = between(in, 1, Character.MAX_CODE_POINT - 0x800);
                // skip the surrogate block by shifting everything from it up
                text.appendCodePoint(codePoint < Character.MIN_SURROGATE ? codePoint : codePoint + 0x800);
            } else {
                text.append(PIECES.get(between(in, 0, PIECES.size() - 1)));
            }
        }
        return text.toString();
    }

    private static int between(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }
}
