package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets a specific answer that says what and where, and nothing is silently dropped. */
class CsvMalformedInputTest {

    private static final Schema NUMBERS = Schema.of(Field.numeric("id"), Field.numeric("score"));

    @TempDir
    Path dir;

    private static DataException strictFailure(CsvReader reader, String text) {
        return assertThrows(DataException.class, () -> reader.readString(text));
    }

    @Test
    void aRaggedRowNamesItsLineAndFieldCount() {
        DataException tooFew = strictFailure(Csv.reader(), "a,b,c\n1,2,3\n4,5\n");
        assertEquals(3, tooFew.line());
        assertTrue(tooFew.reason().contains("has 2 fields but there are 3 columns"), tooFew.getMessage());
        DataException tooMany = strictFailure(Csv.reader(), "a,b\n1,2\n3,4\n5,6,\n");
        assertEquals(4, tooMany.line());
        assertTrue(tooMany.reason().contains("ragged"), tooMany.getMessage());
    }

    @Test
    void anUnclosedQuoteNamesTheLineWhereTheRecordStarts() {
        DataException e = strictFailure(Csv.reader(), "a,b\n1,ok\n2,\"never closed\n3,x\n4,y\n");
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("not well-formed CSV"), e.getMessage());
        DataException lenient = strictFailure(Csv.reader().errorMode(ErrorMode.LENIENT),
                "a,b\n1,ok\n2,\"never closed\n3,x\n");
        assertEquals(3, lenient.line(), "an unclosed quote makes the rest unreadable, even when lenient");
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        DataException e = strictFailure(Csv.reader(), "a,b\n1,\"x\"y\n");
        assertEquals(2, e.line());
    }

    @Test
    void aNonNumberInANumericColumnNamesLineColumnValueAndType() {
        DataException e = strictFailure(Csv.reader().schema(NUMBERS), "id,score\n1,0.5\n2,abc\n");
        assertEquals("text", e.source());
        assertEquals(3, e.line());
        assertEquals("score", e.column().orElseThrow());
        assertEquals("abc", e.rawValue().orElseThrow());
        assertTrue(e.reason().contains("is not a number") && e.reason().contains("NUMERIC"), e.getMessage());
        assertEquals("text, line 3, column 'score', value 'abc': is not a number (the column is NUMERIC)",
                e.getMessage());
    }

    @Test
    void lineNumbersCountLinesInsideQuotedFields() {
        // header: line 1; first record: lines 2-3; second: lines 4-6 (CRLF counts once); bad record: line 7
        DataException e = strictFailure(Csv.reader().schema(Schema.of(Field.numeric("id"), Field.text("note"))),
                "id,note\n1,\"two\nlines\"\n2,\"three\r\nlines\nhere\"\nx,after\n");
        assertEquals(7, e.line(), e.getMessage());
    }

    @Test
    void anEmptyFileAndBlankLinesOnlyAreEmpty() {
        DataException empty = strictFailure(Csv.reader(), "");
        assertTrue(empty.reason().contains("is empty"), empty.getMessage());
        assertTrue(strictFailure(Csv.reader(), "\n\n\r\n").reason().contains("is empty"));
        assertTrue(strictFailure(Csv.reader().header(false), "").reason().contains("no records"));
        assertEquals(Frame.empty(NUMBERS), Csv.reader().header(false).schema(NUMBERS).readString("").frame());
    }

    @Test
    void aHeaderOnlyFileCannotBeInferredButCanBeReadWithASchema() {
        DataException e = strictFailure(Csv.reader(), "a,b\n");
        assertEquals(1, e.line());
        assertTrue(e.reason().contains("no data rows") && e.reason().contains("schema"), e.getMessage());
        assertEquals(0, Csv.reader().schema(Schema.of(Field.text("a"), Field.text("b"))).readString("a,b\n")
                .frame().rowCount());
    }

    @Test
    void headersWithEmptyOrRepeatedNamesAreRefused() {
        DataException blank = strictFailure(Csv.reader(), "a,,c\n1,2,3\n");
        assertTrue(blank.reason().contains("column 2"), blank.getMessage());
        DataException twice = strictFailure(Csv.reader(), "a,b,a\n1,2,3\n");
        assertEquals("a", twice.column().orElseThrow());
        assertTrue(twice.reason().contains("1 and 3"), twice.getMessage());
        assertTrue(strictFailure(Csv.reader().columnNames("x"), "a,b\n1,2\n").reason().contains("2 columns"));
    }

    @Test
    void bytesInvalidInTheCharsetAreAnErrorNotAReplacementCharacter() {
        byte[] bytes = {'a', '\n', 'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
        DataException e = assertThrows(DataException.class,
                () -> Csv.reader().read(new ByteArrayInputStream(bytes), "latin1.csv"));
        assertTrue(e.reason().contains("not valid UTF-8"), e.getMessage());
        Frame latin = Csv.reader().charset(StandardCharsets.ISO_8859_1)
                .read(new ByteArrayInputStream(new byte[] {'a', '\n', (byte) 0xE9, '\n'}), "latin1.csv").frame();
        assertEquals("é", latin.categorical("a").value(0));
    }

    @Test
    void truncatedOrCorruptGzipIsReportedAsSuch() throws IOException {
        Path good = dir.resolve("good.csv.gz");
        Csv.write(Csv.reader().readString("a,b\n1,x\n2,y\n").frame(), good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.csv.gz"), Arrays.copyOf(bytes, bytes.length - 12));
        DataException e = assertThrows(DataException.class, () -> Csv.read(truncated));
        assertTrue(e.reason().contains("gzip"), e.getMessage());
        byte[] corrupt = bytes.clone();
        corrupt[3] = (byte) 0xFF; // reserved header flags
        Path bad = Files.write(dir.resolve("corrupt.csv.gz"), corrupt);
        DataException header = assertThrows(DataException.class, () -> Csv.read(bad));
        assertTrue(header.reason().contains("gzip"), header.getMessage());
    }

    @Test
    void lenientModeReturnsEveryRejectedRecordWithItsReason() {
        String text = "id,score\n1,0.5\n2,abc\n3\n4,0.75\n,1\n5,6,7\n";
        CsvResult result = Csv.reader().schema(Schema.of(Field.numeric("id").required(), Field.numeric("score")))
                .errorMode(ErrorMode.LENIENT).readString(text);
        Frame frame = result.frame();
        assertEquals(2, frame.rowCount());
        assertEquals(4.0, frame.numeric("id").value(1));
        List<RejectedRecord> rejected = result.rejected();
        assertEquals(List.of(3L, 4L, 6L, 7L), rejected.stream().map(RejectedRecord::line).toList());
        assertEquals("score", rejected.get(0).column());
        assertEquals("abc", rejected.get(0).rawValue());
        assertEquals(List.of("2", "abc"), rejected.get(0).fields());
        assertNull(rejected.get(1).column(), "a ragged row is refused as a whole");
        assertTrue(rejected.get(2).reason().contains("required"), rejected.get(2).toString());
        assertEquals(Arrays.asList(null, "1"), rejected.get(2).fields(), "unquoted empty fields are null");
        assertTrue(rejected.get(3).reason().contains("ragged"));
    }

    @Test
    void lenientModeRejectsLateTypeConflictsInStreams() {
        CsvResult result = Csv.reader().errorMode(ErrorMode.LENIENT).inferenceRows(2)
                .read(new java.io.StringReader("v\n1\n2\nthree\n4\n"), "stream");
        assertEquals(3, result.frame().rowCount());
        assertEquals(FieldType.NUMERIC, result.frame().column("v").type());
        assertEquals(4, result.rejected().get(0).line());
    }

    @Test
    void strictAndLenientAgreeOnCleanInput() {
        String text = "a,b\n1,x\n2,y\n";
        CsvResult lenient = Csv.reader().errorMode(ErrorMode.LENIENT).readString(text);
        assertTrue(lenient.isClean());
        assertEquals(Csv.reader().readString(text).frame(), lenient.frame());
    }

    @Test
    void hugeFieldsAndWideRowsAreRead() {
        String huge = "x".repeat(2_000_000);
        Frame frame = Csv.reader().readString("a,b\n1,\"" + huge + "\"\n").frame();
        assertEquals(huge, frame.categorical("b").value(0));
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            header.append(i == 0 ? "" : ",").append("c").append(i);
            row.append(i == 0 ? "" : ",").append(i);
        }
        assertEquals(5_000, Csv.reader().readString(header + "\n" + row + "\n").frame().columnCount());
    }

    @Test
    void nonNumbersThatJavaWouldParseAreNotNumbers() {
        Schema schema = Schema.of(Field.numeric("v"));
        for (String text : List.of("0x10", "1d", "1f", "1e999", "9007199254740993", "1_000")) {
            DataException e = strictFailure(Csv.reader().schema(schema), "v\n" + text + "\n");
            assertEquals(text, e.rawValue().orElseThrow());
        }
    }

    @Test
    void timestampsAndBooleansAreCheckedAgainstAnExplicitSchema() {
        Schema schema = Schema.of(Field.timestamp("t"), Field.bool("b"));
        DataException t = strictFailure(Csv.reader().schema(schema), "t,b\n03/01/2024,true\n");
        assertEquals("t", t.column().orElseThrow());
        assertTrue(t.reason().contains("ISO-8601"), t.getMessage());
        DataException b = strictFailure(Csv.reader().schema(schema), "t,b\n2024-03-01,yes\n");
        assertEquals("b", b.column().orElseThrow());
    }
}
