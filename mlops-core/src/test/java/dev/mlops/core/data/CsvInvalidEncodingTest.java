package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, item 14: bytes invalid in the charset are reported on the line they are on (not where a
 * decoding buffer happened to end), with the column they are in, the field up to them and their byte offset.
 */
class CsvInvalidEncodingTest {

    private static final byte BAD = (byte) 0xFF;

    @TempDir
    Path dir;

    /** Text in UTF-8 with {@code bad} inserted at character index {@code at}. */
    private static byte[] withBadByte(String text, int at, byte... bad) {
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[before.length + bad.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(bad, 0, all, before.length, bad.length);
        System.arraycopy(after, 0, all, before.length + bad.length, after.length);
        return all;
    }

    /** A header {@code id,name,score} and {@code rows} rows whose names hold multi-byte characters. */
    private static String rows(int rows, String lineEnd) {
        StringBuilder text = new StringBuilder("id,name,score").append(lineEnd);
        for (int i = 1; i <= rows; i++) {
            text.append(i).append(",né-").append(i).append(',').append(i * 0.5).append(lineEnd);
        }
        return text.toString();
    }

    private static int indexOfLine(String text, int line) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            at = text.indexOf('\n', at) + 1;
        }
        return at;
    }

    private static long byteOffset(String text, int charIndex) {
        return text.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    private static InvalidEncodingException readFails(byte[] bytes) {
        return assertThrows(InvalidEncodingException.class,
                () -> Csv.reader().read(new ByteArrayInputStream(bytes), "data.csv"));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 500, 20_000})
    void invalidUtf8InADataRowNamesTheTrueLineColumnAndByteOffset(int line) {
        String text = rows(25_000, "\n");
        int at = text.indexOf(",n", indexOfLine(text, line)) + 2; // inside the name, after "n"
        InvalidEncodingException e = readFails(withBadByte(text, at, BAD));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals("name", e.column().orElseThrow(), e.getMessage());
        assertEquals(byteOffset(text, at), e.byteOffset(), e.getMessage());
        assertEquals("n\\xFF", e.rawValue().orElseThrow());
        assertTrue(e.reason().contains("not valid UTF-8: 0xFF at byte offset " + e.byteOffset()), e.getMessage());
    }

    @Test
    void invalidUtf8OnLineOneIsInTheHeaderAtItsPosition() {
        String text = rows(3, "\n");
        InvalidEncodingException e = readFails(withBadByte(text, 4, (byte) 0xC3)); // "id,n|ame"
        assertEquals(1, e.line());
        assertTrue(e.column().isEmpty(), "the header's names are not known yet");
        assertTrue(e.reason().contains("in column 2 of the header"), e.getMessage());
        assertEquals(4, e.byteOffset());
        assertEquals("n\\xC3", e.rawValue().orElseThrow());
    }

    @Test
    void invalidUtf8InsideAQuotedFieldWithLineBreaksNamesItsOwnLineAndTheRecordsFirst() {
        String text = "id,note\n1,plain\n2,\"first line\nsecond line\r\nthird ";
        byte[] bytes = withBadByte(text + "line\"\n3,after\n", text.length(), (byte) 0xE2, (byte) 0x82);
        InvalidEncodingException e = readFails(bytes);
        assertEquals(5, e.line(), e.getMessage());
        assertEquals("note", e.column().orElseThrow());
        assertTrue(e.reason().contains("0xE2 0x82") && e.reason().contains("the record that starts on line 3"),
                e.getMessage());
        assertEquals(byteOffset(text, text.length()), e.byteOffset());
    }

    @Test
    void invalidUtf8WithCrlfLineEnds() {
        String text = rows(600, "\r\n");
        int at = indexOfLine(text, 500); // the first character of line 500: the id
        InvalidEncodingException e = readFails(withBadByte(text, at, BAD));
        assertEquals(500, e.line(), e.getMessage());
        assertEquals("id", e.column().orElseThrow());
        assertEquals(byteOffset(text, at), e.byteOffset());
        assertEquals("\\xFF", e.rawValue().orElseThrow());
    }

    @Test
    void invalidUtf8WithCrOnlyLineEndsJustAfterTheHeader() {
        // the parser looks past the header's CR for an LF and meets the bad byte before returning the header
        byte[] bytes = withBadByte("a,b\r1,2\r", 4, BAD);
        InvalidEncodingException e = readFails(bytes);
        assertEquals(2, e.line(), e.getMessage());
        assertEquals("a", e.column().orElseThrow(), e.getMessage());
        assertEquals(4, e.byteOffset());
    }

    @Test
    void invalidUtf8InGzipInputCountsOffsetsInTheGunzippedData() throws IOException {
        String text = rows(30_000, "\n");
        int at = text.indexOf(",", indexOfLine(text, 20_000) + 2) + 1;
        byte[] plain = withBadByte(text, at, BAD);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(plain);
        }
        Path file = Files.write(dir.resolve("data.csv.gz"), zipped.toByteArray());
        InvalidEncodingException e = assertThrows(InvalidEncodingException.class, () -> Csv.read(file));
        assertEquals(20_000, e.line(), e.getMessage());
        assertEquals("name", e.column().orElseThrow());
        assertEquals(byteOffset(text, at), e.byteOffset());
        assertTrue(e.reason().contains("gunzipped"), e.getMessage());
        assertEquals(file.toString(), e.source());
    }

    @Test
    void invalidUtf8AfterAByteOrderMarkCountsTheMarksBytes() throws IOException {
        String text = "\uFEFF" + rows(10, "\n");
        int at = indexOfLine(text, 4) + 2; // "3,|né-3"
        Path file = Files.write(dir.resolve("bom.csv"), withBadByte(text, at, BAD));
        InvalidEncodingException e = assertThrows(InvalidEncodingException.class, () -> Csv.read(file));
        assertEquals(4, e.line(), e.getMessage());
        assertEquals("name", e.column().orElseThrow());
        assertEquals(byteOffset(text, at), e.byteOffset(), "the offset counts the BOM's three bytes");
        DataException first = assertThrows(InvalidEncodingException.class,
                () -> Csv.read(Files.write(dir.resolve("first.csv"), withBadByte(text, 1, BAD))));
        assertEquals(1, first.line(), "a bad byte right after the BOM is on line 1");
        assertEquals(3, ((InvalidEncodingException) first).byteOffset());
    }

    @Test
    void aTruncatedSequenceAtTheEndOfTheInputIsPlaced() {
        byte[] bytes = withBadByte("a,b\n1,x\n2,y", 11, (byte) 0xC3);
        InvalidEncodingException e = readFails(bytes);
        assertEquals(3, e.line());
        assertEquals("b", e.column().orElseThrow());
        assertEquals(11, e.byteOffset());
    }

    @Test
    void invalidBytesPastTheLastColumnAndInCommentsAreNamedSo() {
        InvalidEncodingException ragged = readFails(withBadByte("a,b\n1,2,x\n", 8, BAD));
        assertTrue(ragged.column().isEmpty());
        assertTrue(ragged.reason().contains("field 3 of a record with more fields than the 2 columns"),
                ragged.getMessage());
        InvalidEncodingException comment = assertThrows(InvalidEncodingException.class, () -> Csv.reader()
                .commentMarker('#').read(new ByteArrayInputStream(withBadByte("a,b\n# note\n1,2\n", 7, BAD)), "c"));
        assertEquals(2, comment.line());
        assertTrue(comment.reason().contains("comment line"), comment.getMessage());
    }

    @Test
    void invalidBytesStopALenientReadAndAReadWithASchema() {
        byte[] bytes = withBadByte(rows(50, "\n"), indexOfLine(rows(50, "\n"), 30) + 1, BAD);
        Schema schema = Schema.of(Field.numeric("id"), Field.categorical("name"), Field.numeric("score"));
        InvalidEncodingException lenient = assertThrows(InvalidEncodingException.class, () -> Csv.reader()
                .errorMode(ErrorMode.LENIENT).schema(schema).read(new ByteArrayInputStream(bytes), "data.csv"));
        assertEquals(30, lenient.line());
        assertEquals("id", lenient.column().orElseThrow());
    }

    @Test
    void otherCharsetsArePlacedTheSameWay() {
        byte[] bytes = "x,y\nok,fine\nnot,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        InvalidEncodingException e = assertThrows(InvalidEncodingException.class, () -> Csv.reader()
                .charset(StandardCharsets.US_ASCII).read(new ByteArrayInputStream(bytes), "ascii.csv"));
        assertEquals(3, e.line());
        assertEquals("y", e.column().orElseThrow());
        assertEquals(bytes.length - 2, e.byteOffset());
        assertTrue(e.reason().contains("US-ASCII: 0xE9"), e.getMessage());
    }

    @Test
    void aUtf16FileReadAsUtf8IsRefusedWithAHint() {
        byte[] bytes = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16); // big-endian, with its BOM FE FF
        InvalidEncodingException e = readFails(bytes);
        assertEquals(0, e.byteOffset());
        assertTrue(e.reason().contains("charset(UTF_16)"), e.getMessage());
        assertEquals(List.of("a", "b"), Csv.reader().charset(StandardCharsets.UTF_16)
                .read(new ByteArrayInputStream(bytes), "utf16.csv").frame().schema().names());
    }

    @Test
    void aFileThatCannotBeOpenedIsAnIoErrorNotAnEncodingError() {
        assertThrows(UncheckedIOException.class, () -> Csv.read(dir.resolve("absent.csv")));
    }
}
