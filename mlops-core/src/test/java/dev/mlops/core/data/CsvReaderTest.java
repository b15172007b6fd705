package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Schema;
import dev.mlops.api.TextColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private static Frame read(String text) {
        return Csv.reader().readString(text).frame();
    }

    @Test
    void infersNumericCategoricalBooleanAndTimestampColumns() {
        Frame frame = read("n,c,b,t\n1,a,true,2024-01-01\n2.5,b,FALSE,2024-01-02T03:04:05Z\n,,,\n");
        assertEquals(Schema.of(Field.numeric("n"), Field.categorical("c"), Field.bool("b"), Field.timestamp("t")),
                frame.schema());
        assertEquals(3, frame.rowCount());
        assertEquals(2.5, frame.numeric("n").value(1));
        assertTrue(frame.numeric("n").isMissing(2));
        assertTrue(frame.categorical("c").isMissing(2));
        assertFalse(frame.bool("b").value(1));
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), frame.timestamp("t").value(1));
    }

    @Test
    void readsTheCommaPlusSpaceDelimiterOfTheAdultFiles() {
        Frame frame = Csv.reader().delimiter(", ").missingValues("?")
                .readString("age, workclass, Salary\n39, State-gov, <=50K\n50, ?, >50K.\n").frame();
        assertEquals(List.of("age", "workclass", "Salary"), frame.schema().names());
        assertEquals(FieldType.NUMERIC, frame.column("age").type());
        assertTrue(frame.categorical("workclass").isMissing(1));
        assertEquals(">50K.", frame.categorical("Salary").value(1));
    }

    @Test
    void quotedFieldsKeepDelimitersQuotesAndLineBreaks() {
        Frame frame = read("id,text\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"crlf\r\ninside\"\n");
        CategoricalColumn text = frame.categorical("text");
        assertEquals("a,b", text.value(0));
        assertEquals("say \"hi\"", text.value(1));
        assertEquals("two\nlines", text.value(2));
        assertEquals("crlf\r\ninside", text.value(3));
    }

    @Test
    void emptyQuotedFieldIsAnEmptyStringButAnUnquotedOneIsMissing() {
        Frame frame = read("a,b\n\"\",x\n,y\n");
        assertEquals("", frame.categorical("a").value(0));
        assertTrue(frame.categorical("a").isMissing(1));
    }

    @Test
    void otherMissingTokensMatchQuotedAndUnquotedFieldsAlike() {
        Frame frame = Csv.reader().missingValues("", "NA", "?").readString("a,b\nNA,\"?\"\n1,x\n").frame();
        assertTrue(frame.numeric("a").isMissing(0));
        assertTrue(frame.categorical("b").isMissing(0));
        Frame none = Csv.reader().missingValues().readString("a,b\n,x\n\"\",y\n").frame();
        assertEquals("", none.categorical("a").value(0), "without the empty token, empty fields are values");
        assertEquals(0, none.categorical("a").missingCount());
    }

    @Test
    void byteOrderMarkCrlfAndTrailingBlankLinesAreHandled() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "x,y\r\n1,a\r\n2,b\r\n\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Frame frame = Csv.reader().read(new ByteArrayInputStream(all), "bom.csv").frame();
        assertEquals(List.of("x", "y"), frame.schema().names(), "the BOM is not part of the first name");
        assertEquals(2, frame.rowCount());
        assertEquals("b", frame.categorical("y").value(1));
        assertEquals(frame, read("\uFEFFx,y\n1,a\n2,b"), "a Reader with a BOM, LF, no final newline");
        assertEquals(frame, read("x,y\r1,a\r2,b\r"), "old Mac CR line ends");
    }

    @Test
    void blankLinesBetweenRecordsAreSkipped() {
        assertEquals(3, read("a,b\n\n1,2\n\n\n3,4\n5,6\n\n").rowCount());
    }

    @Test
    void inASingleColumnFileBlankLinesBetweenValuesAreMissingValues() {
        NumericColumn column = read("v\n1\n\n3\n\n\n").numeric("v");
        assertEquals(3, column.size(), "the blank line between values is missing; trailing ones are not rows");
        assertTrue(column.isMissing(1));
        assertEquals(3.0, column.value(2));
    }

    @Test
    void readsGzipByContentNotByName() throws IOException {
        Path file = dir.resolve("data.csv"); // no .gz suffix on purpose
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(file, bytes.toByteArray());
        assertEquals(read("a,b\n1,x\n2,y\n"), Csv.read(file));
        assertEquals(read("a,b\n1,x\n2,y\n"),
                Csv.reader().read(new ByteArrayInputStream(bytes.toByteArray()), "stream").frame());
    }

    @Test
    void readsPathsStreamsAndReadersAlike() throws IOException {
        String text = "a,b\n1,x\n";
        Path file = Files.writeString(dir.resolve("plain.csv"), text);
        Frame expected = read(text);
        assertEquals(expected, Csv.read(file));
        assertEquals(expected, Csv.reader().read(new StringReader(text), "reader").frame());
        assertEquals(expected, Csv.reader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "stream").frame());
    }

    @Test
    void withoutAHeaderColumnsAreNumberedOrNamed() {
        Frame numbered = Csv.reader().header(false).readString("1,a\n2,b\n").frame();
        assertEquals(List.of("column_1", "column_2"), numbered.schema().names());
        assertEquals(2, numbered.rowCount());
        Frame named = Csv.reader().header(false).columnNames("n", "s").readString("1,a\n").frame();
        assertEquals(List.of("n", "s"), named.schema().names());
        Frame renamed = Csv.reader().columnNames("n", "s").readString("x,y\n1,a\n").frame();
        assertEquals(List.of("n", "s"), renamed.schema().names());
        assertEquals(1, renamed.rowCount());
    }

    @Test
    void trimmingAndCommentsAreOptIn() {
        Frame untrimmed = read("a,b\n 1 ,x\n");
        assertEquals(FieldType.CATEGORICAL, untrimmed.column("a").type(), "' 1 ' is not a number without trim");
        Frame trimmed = Csv.reader().trim(true).readString("a , b\n 1 , x \n").frame();
        assertEquals(List.of("a", "b"), trimmed.schema().names());
        assertEquals(1.0, trimmed.numeric("a").value(0));
        assertEquals("x", trimmed.categorical("b").value(0));
        Frame commented = Csv.reader().commentMarker('#').readString("# produced by a tool\na\n1\n# note\n2\n").frame();
        assertEquals(2, commented.rowCount());
    }

    @Test
    void anExplicitSchemaIsCheckedAndOrdersTheColumns() {
        Schema schema = Schema.of(Field.text("name"), Field.numeric("score").required());
        Frame frame = Csv.reader().schema(schema).readString("score,name\n1.5,ann\n2,bob\n").frame();
        assertEquals(schema, frame.schema());
        assertEquals("bob", frame.text("name").value(1));
        DataException missing = assertThrows(DataException.class,
                () -> Csv.reader().schema(schema).readString("score,name\n,ann\n"));
        assertTrue(missing.getMessage().contains("required"), missing.getMessage());
        DataException mismatch = assertThrows(DataException.class,
                () -> Csv.reader().schema(schema).readString("score,nom\n1,a\n"));
        assertTrue(mismatch.getMessage().contains("[nom]") && mismatch.getMessage().contains("[name]"),
                mismatch.getMessage());
    }

    @Test
    void aHeaderOnlyFileWithASchemaIsAnEmptyFrame() {
        Schema schema = Schema.of(Field.numeric("a"), Field.categorical("b"));
        assertEquals(Frame.empty(schema), Csv.reader().schema(schema).readString("a,b\n").frame());
        assertEquals(Frame.empty(schema), Csv.reader().type("a", FieldType.NUMERIC).type("b", FieldType.CATEGORICAL)
                .readString("a,b\n").frame());
    }

    @Test
    void typeOverridesWinOverInference() {
        Frame frame = Csv.reader().type("zip", FieldType.CATEGORICAL).type("note", FieldType.TEXT)
                .readString("zip,note\n01234,hello\n").frame();
        assertEquals("01234", frame.categorical("zip").value(0), "leading zeros kept");
        assertTrue(frame.column("note") instanceof TextColumn);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.reader().type("zap", FieldType.TEXT).readString("zip\n1\n"));
        assertTrue(e.getMessage().contains("'zap'"), e.getMessage());
    }

    @Test
    void aLateNonNumberMakesAFileColumnCategoricalByReReading() throws IOException {
        StringBuilder text = new StringBuilder("v,w\n");
        for (int i = 0; i < 50; i++) {
            text.append(i).append(".0,").append(i).append('\n');
        }
        text.append("n/a,50\n");
        Path file = Files.writeString(dir.resolve("late.csv"), text);
        Frame frame = Csv.reader().inferenceRows(10).read(file).frame();
        assertEquals(FieldType.CATEGORICAL, frame.column("v").type());
        assertEquals("3.0", frame.categorical("v").value(3), "the original text is kept, not a reformatted number");
        assertEquals("n/a", frame.categorical("v").value(50));
        assertEquals(FieldType.NUMERIC, frame.column("w").type());
    }

    @Test
    void aLateNonNumberInAStreamExplainsHowToAvoidIt() {
        String text = "v\n1\n2\n3\nx\n";
        DataException e = assertThrows(DataException.class, () -> Csv.reader().inferenceRows(2)
                .read(new StringReader(text), "upload"));
        assertEquals(5, e.line());
        assertEquals("v", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("inferenceRows"), e.getMessage());
        assertEquals(FieldType.CATEGORICAL, Csv.reader().inferenceRows(10).read(new StringReader(text), "upload")
                .frame().column("v").type(), "a sample that covers the value infers categorical");
    }

    @Test
    void aColumnMissingThroughoutTheSampleIsTypedByItsFirstValue() {
        Frame frame = Csv.reader().inferenceRows(2).readString("a,b\n1,\n2,\n3,4.5\n4,\n").frame();
        assertEquals(FieldType.NUMERIC, frame.column("b").type());
        assertEquals(3, frame.numeric("b").missingCount());
        assertEquals(4.5, frame.numeric("b").value(2));
        Frame empty = read("a,b\n1,\n2,\n");
        assertEquals(FieldType.CATEGORICAL, empty.column("b").type(), "missing throughout: categorical");
        assertEquals(2, empty.categorical("b").missingCount());
    }

    @Test
    void integersBeyondDoublePrecisionAreReadAsCategoriesNotRounded() {
        Frame frame = read("id\n9007199254740993\n12\n");
        assertEquals(FieldType.CATEGORICAL, frame.column("id").type());
        assertEquals("9007199254740993", frame.categorical("id").value(0));
    }

    @Test
    void localTimestampsUseTheConfiguredZone() {
        Frame frame = Csv.reader().zone(ZoneId.of("Asia/Tokyo")).readString("t\n2024-01-01T09:00\n").frame();
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), frame.timestamp("t").value(0));
    }

    @Test
    void readersAreImmutable() {
        CsvReader base = Csv.reader();
        CsvReader semicolon = base.delimiter(";");
        assertEquals(2, base.readString("a,b\n1,2\n").frame().columnCount());
        assertEquals(2, semicolon.readString("a;b\n1;2\n").frame().columnCount());
        assertEquals(1, semicolon.readString("a,b\n1,2\n").frame().columnCount());
    }

    @Test
    void settingsAreCheckedWhenSetOrRead() {
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().delimiter(""));
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().delimiter("\n"));
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().delimiter("\""));
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().quote(','));
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().commentMarker(','));
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().inferenceRows(0));
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().columnNames("a", "a"));
        assertThrows(NullPointerException.class, () -> Csv.reader().missingValues((String) null));
        Schema schema = Schema.of(Field.numeric("a"));
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().schema(schema).columnNames("a")
                .readString("a\n1\n"));
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().schema(schema).type("a", FieldType.TEXT)
                .readString("a\n1\n"));
    }

    @Test
    void aMissingFileIsAnIoErrorNamingThePath() {
        Path absent = dir.resolve("absent.csv");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> Csv.read(absent));
        assertTrue(e.getMessage().contains("absent.csv"), e.getMessage());
    }

    @Test
    void aStreamCanBeReadOnce() {
        // A second read of the same stream source cannot happen through the public API (each call
        // wraps the stream anew), so what matters is that reading closes the stream.
        ClosingStream in = new ClosingStream("a\n1\n".getBytes(StandardCharsets.UTF_8));
        Csv.reader().read(in, "s");
        assertTrue(in.closed);
    }

    private static final class ClosingStream extends ByteArrayInputStream {
        boolean closed;

        ClosingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
