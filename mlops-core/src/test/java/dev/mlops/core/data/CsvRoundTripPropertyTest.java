package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.TextColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading what was written gives an equal frame, for arbitrary frames and delimiters. */
class CsvRoundTripPropertyTest {

    @TempDir
    Path dir;

    /** A single-column frame ending in a missing value cannot be written with the empty token: see CsvWriter. */
    private static boolean endsWithABlankLine(Frame frame) {
        return frame.columnCount() == 1 && frame.rowCount() > 0 && frame.column(0).isMissing(frame.rowCount() - 1);
    }

    @Test
    void writtenTextReadsBackAsAnEqualFrame() {
        qt().withExamples(600).forAll(FrameGenerators.frames(), FrameGenerators.delimiters())
                .checkAssert((frame, delimiter) -> {
                    CsvWriter writer = Csv.writer().delimiter(delimiter);
                    if (endsWithABlankLine(frame)) {
                        assertThrows(DataException.class, () -> writer.writeString(frame));
                        return;
                    }
                    String text = writer.writeString(frame);
                    Frame back = Csv.reader().delimiter(delimiter).schema(frame.schema()).readString(text).frame();
                    assertEquals(frame, back, () -> "CSV was:\n" + text);
                    assertEquals(frame.fingerprint(), back.fingerprint());
                });
    }

    @Test
    void writtenFilesReadBackAsEqualFramesPlainOrGzipped() {
        qt().withExamples(80).forAll(FrameGenerators.frames()).checkAssert(frame -> {
            if (endsWithABlankLine(frame)) {
                return;
            }
            try {
                for (String name : new String[] {"frame.csv", "frame.csv.gz"}) {
                    Path file = dir.resolve(name);
                    Csv.write(frame, file);
                    assertEquals(frame, Csv.reader().schema(frame.schema()).read(file).frame());
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aMissingTokenOtherThanEmptyRoundTripsAndRefusesValuesEqualToIt() {
        qt().withExamples(300).forAll(FrameGenerators.frames()).checkAssert(frame -> {
            CsvWriter writer = Csv.writer().missingValue("NA");
            boolean collides = frame.columns().stream().anyMatch(c -> holds(c, "NA"));
            if (collides) {
                assertThrows(DataException.class, () -> writer.writeString(frame));
                return;
            }
            String text = writer.writeString(frame);
            assertEquals(frame, Csv.reader().missingValues("NA").schema(frame.schema()).readString(text).frame(),
                    () -> "CSV was:\n" + text);
        });
    }

    @Test
    void unpairedSurrogatesAreRefusedRatherThanReplaced() {
        Frame frame = Frame.of(TextColumn.of("t", "ok", "bad\uD800"));
        DataException e = assertThrows(DataException.class, () -> Csv.write(frame, dir.resolve("x.csv")));
        assertEquals("t", e.column().orElseThrow());
        assertEquals(3, e.line());
        assertTrue(Files.notExists(dir.resolve("x.csv")), "a failed write leaves no file behind");
    }

    @Test
    void aFailedWriteLeavesTheExistingFileIntact() throws IOException {
        Path file = Files.writeString(dir.resolve("keep.csv"), "a\n1\n");
        Frame bad = Frame.of(TextColumn.of("t", "\uDC00"));
        assertThrows(DataException.class, () -> Csv.write(bad, file));
        assertEquals("a\n1\n", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    private static boolean holds(Column column, String text) {
        for (int row = 0; row < column.size(); row++) {
            Object value = column.get(row);
            if (value != null && (text.equals(value) || value instanceof Double d
                    && text.equals(CsvWriter.formatNumber(d)))) {
                return true;
            }
        }
        return false;
    }
}
