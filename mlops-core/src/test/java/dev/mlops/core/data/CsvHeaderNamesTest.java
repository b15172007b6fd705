package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Issue 11, item 16: a second byte-order mark stayed in the first header name and NUL was accepted
 * in header names. Header names now refuse control characters, byte-order marks and unpaired
 * surrogates, naming the column position; a stray BOM at the start of a data line is a bad record.
 */
class CsvHeaderNamesTest {

    private static final String BOM = "\uFEFF";

    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void aFileBeginningWithTwoByteOrderMarksIsRefusedNamingTheSecond() {
        for (CsvResultSupplier read : List.<CsvResultSupplier>of(
                () -> Csv.reader().read(new ByteArrayInputStream(utf8(BOM + BOM + "a,b\n1,2\n")), "two-boms.csv"),
                () -> Csv.reader().readString(BOM + BOM + "a,b\n1,2\n"))) {
            DataException e = assertThrows(DataException.class, read::get);
            assertEquals(1, e.line());
            assertTrue(e.reason().startsWith("column 1 of the header starts with a byte-order mark (U+FEFF)"),
                    e.getMessage());
            assertEquals("\\uFEFFa", e.rawValue().orElseThrow(), "shown escaped, not invisibly");
        }
        assertEquals(List.of("a", "b"), Csv.reader().readString(BOM + "a,b\n1,2\n").frame().schema().names(),
                "one BOM is the file's and is dropped");
    }

    @Test
    void aByteOrderMarkInALaterHeaderNameIsRefusedQuotedOrNot() {
        for (String header : List.of("a," + BOM + "b", "a,\"" + BOM + "b\"", "a,b" + BOM)) {
            DataException e = assertThrows(DataException.class, () -> Csv.reader().readString(header + "\n1,2\n"));
            assertTrue(e.reason().startsWith("column 2 of the header"), e.getMessage());
            assertTrue(e.reason().contains("byte-order mark"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F})
    void nulAndOtherControlCharactersInHeaderNamesAreRefusedNamingThePosition(int control) {
        String name = "x" + (char) control + "y";
        DataException e = assertThrows(DataException.class,
                () -> Csv.reader().readString("a,\"" + name + "\",c\n1,2,3\n"));
        assertEquals(1, e.line());
        String codePoint = String.format("U+%04X", control);
        assertTrue(e.reason().startsWith("column 2 of the header holds the control character " + codePoint)
                && e.reason().contains("at character 2"), e.getMessage());
        assertEquals("x\\u" + codePoint.substring(2) + "y", e.rawValue().orElseThrow());
    }

    @Test
    void aTabInAHeaderNameIsAllowedUnlessTheTabDelimits() {
        assertEquals(List.of("a\tb", "c"), Csv.reader().readString("\"a\tb\",c\n1,2\n").frame().schema().names());
        DataException e = assertThrows(DataException.class,
                () -> Csv.reader().delimiter("\t").readString("\"a\tb\"\tc\n1\t2\n"));
        assertTrue(e.reason().contains("U+0009"), e.getMessage());
    }

    @Test
    void aByteOrderMarkStartingALaterGzipMemberIsABadRecordNotData() throws IOException {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(gzip(utf8(BOM + "a,b\n1,x\n")));
        joined.write(gzip(utf8(BOM + "2,y\n3,z\n")));
        Path file = Files.write(dir.resolve("joined.csv.gz"), joined.toByteArray());
        DataException e = assertThrows(DataException.class, () -> Csv.read(file));
        assertEquals(3, e.line());
        assertEquals("a", e.column().orElseThrow());
        assertTrue(e.reason().contains("starts with a byte-order mark"), e.getMessage());
        CsvResult lenient = Csv.reader().errorMode(ErrorMode.LENIENT).read(file);
        assertEquals(2, lenient.frame().rowCount());
        assertEquals(3, lenient.rejected().get(0).line());
        assertEquals(dev.mlops.api.FieldType.NUMERIC, lenient.frame().column("a").type(),
                "the refused record does not sway type inference");
    }

    @Test
    void aByteOrderMarkStartingAHeaderlessFileSecondTimeIsABadRecord() {
        DataException e = assertThrows(DataException.class,
                () -> Csv.reader().header(false).readString(BOM + BOM + "1,2\n3,4\n"));
        assertEquals(1, e.line());
        assertEquals("column_1", e.column().orElseThrow());
    }

    @Test
    void aByteOrderMarkInsideQuotesOrLaterInARecordIsText() {
        Frame frame = Csv.reader().readString("a,b\n\"" + BOM + "x\"," + BOM + "y\n").frame();
        assertEquals(BOM + "x", frame.categorical("a").value(0));
        assertEquals(BOM + "y", frame.categorical("b").value(0));
    }

    @Test
    void givenColumnNamesFollowTheSameRule() {
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> Csv.reader().columnNames("ok", "x\u0000"));
        assertTrue(nul.getMessage().contains("column name 2") && nul.getMessage().contains("U+0000"), nul.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().columnNames(""));
        assertEquals(List.of("x", "y"), Csv.reader().columnNames("x", "y").readString(BOM + BOM + "a,b\n1,2\n")
                .frame().schema().names(), "a header replaced by given names is not read as names");
    }

    @Test
    void theWriterRefusesNamesTheReaderWouldRefuse() {
        Frame frame = Frame.of(NumericColumn.of("ok", 1), NumericColumn.of("bad\u0000", 2));
        DataException e = assertThrows(DataException.class, () -> Csv.writer().writeString(frame));
        assertTrue(e.reason().contains("column 2") && e.reason().contains("U+0000"), e.getMessage());
        assertEquals("1\t2\n", Csv.writer().header(false).delimiter("\t").writeString(frame),
                "without a header the names are not written");
    }

    /** Names of 0 to 3 code points drawn from the whole range and from the characters that matter here. */
    private static String name(RandomnessSource in) {
        int[] interesting = {0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, '"', ',', 0x7F, 0x85, 0x9F, 0xA0, 0xFEFF, 0xFFFE,
            0xD800, 0xDC00, 0x200B, 0x1F600, 'a', 'z', 0xE9};
        int length = (int) in.next(Constraint.between(0, 3));
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < length; i++) {
            name.appendCodePoint(in.next(Constraint.between(0, 1)) == 0
                    ? interesting[(int) in.next(Constraint.between(0, interesting.length - 1))]
                    : (int) in.next(Constraint.between(0, Character.MAX_CODE_POINT)));
        }
        return name.toString();
    }

    private static Gen<List<String>> headers() {
        return in -> {
            int columns = (int) in.next(Constraint.between(1, 4));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                names.add(name(in));
            }
            return names;
        };
    }

    /** The rule, restated: no Cc character (a tab is fine with a comma delimiter), no BOM, no lone surrogate. */
    private static boolean allowed(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || c == '\uFEFF' || c != '\t' && Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /** What reading the header must say: null when it is read, else the start of the reason. */
    private static String expectedRefusal(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                return "column " + (i + 1) + " of the header has no name";
            }
            if (!allowed(name)) {
                return "column " + (i + 1) + " of the header ";
            }
            if (!seen.add(name)) {
                return "the header names this column twice";
            }
        }
        return null;
    }

    @Test
    void headerNamesOfArbitraryCodePointsAreReadExactlyOrRefusedNamingTheirPosition() {
        qt().withExamples(3_000).forAll(headers()).checkAssert(names -> {
            StringBuilder text = new StringBuilder(BOM); // the file's own BOM, so a BOM in a name is a second one
            List<String> values = new ArrayList<>();
            for (String name : names) {
                text.append(text.length() == 1 ? "" : ",").append('"').append(name.replace("\"", "\"\"")).append('"');
                values.add(Integer.toString(values.size()));
            }
            text.append('\n').append(String.join(",", values)).append('\n');
            String refusal = expectedRefusal(names);
            if (refusal == null) {
                assertEquals(names, Csv.reader().readString(text.toString()).frame().schema().names());
                Frame frame = Frame.of(names.stream().map(n -> (dev.mlops.api.Column) NumericColumn.of(n, 1)).toList());
                Frame back = Csv.reader().schema(frame.schema()).readString(Csv.writer().writeString(frame)).frame();
                assertEquals(frame, back, "the writer writes what the reader accepts");
            } else {
                DataException e = assertThrows(DataException.class, () -> Csv.reader().readString(text.toString()));
                assertEquals(1, e.line());
                assertTrue(e.reason().startsWith(refusal), () -> refusal + " <> " + e.getMessage());
            }
        });
    }

    @FunctionalInterface
    private interface CsvResultSupplier {
        CsvResult get();
    }
}
