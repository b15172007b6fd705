package dev.mlops.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/** Reading in chunks gives, chunk after chunk, exactly what reading the whole file gives. */
class CsvChunksTest {

    @TempDir
    Path dir;

    private record Case(String text, int chunkRows) {
    }

    /** CSV text with numbers, labels, free text, missing values, quoted line breaks, blank lines and bad records. */
    private static Gen<Case> cases() {
        return in -> {
            StringBuilder text = new StringBuilder("id,amount,city,note\n");
            int records = (int) in.next(Constraint.between(0, 120));
            for (int i = 0; i < records; i++) {
                long kind = in.next(Constraint.between(0, 19));
                if (kind == 0) {
                    text.append("oops,not-a-number,x,y\n"); // a bad amount
                } else if (kind == 1) {
                    text.append("1,2\n"); // ragged
                } else if (kind == 2) {
                    text.append('\n'); // blank, skipped
                } else {
                    text.append(i).append(',')
                            .append(kind == 3 ? "" : String.valueOf(in.next(Constraint.between(-5_000, 5_000)) / 8.0))
                            .append(',').append(List.of("oslo", "rome", "").get((int) (kind % 3))).append(',')
                            .append(kind == 4 ? "\"two\nlines\"" : "n" + kind).append('\n');
                }
            }
            return new Case(text.toString(), (int) in.next(Constraint.between(1, 40)));
        };
    }

    private static CsvReader reader() {
        return Csv.reader().errorMode(ErrorMode.LENIENT).type("amount", FieldType.NUMERIC)
                .type("city", FieldType.CATEGORICAL);
    }

    @Test
    void chunksConcatenateToTheWholeReadWithTheSameLinesAndRefusals() {
        qt().withExamples(300).forAll(cases()).checkAssert(c -> {
            Path file;
            try {
                file = Files.writeString(dir.resolve("data-" + Math.abs(c.hashCode()) + ".csv"), c.text());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            CsvResult whole = reader().type("id", FieldType.TEXT).type("note", FieldType.TEXT).read(file);
            List<Frame> frames = new ArrayList<>();
            List<RejectedRecord> refused = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            try (CsvChunks chunks = reader().chunks(file, c.chunkRows())) {
                for (CsvChunk chunk : chunks) {
                    assertTrue(chunk.frame().rowCount() <= c.chunkRows());
                    frames.add(chunk.frame());
                    refused.addAll(chunk.rejected());
                    for (int row = 0; row < chunk.frame().rowCount(); row++) {
                        lines.add(chunk.line(row));
                    }
                }
            }
            Frame joined = frames.isEmpty() ? Frame.empty(whole.frame().schema())
                    : Frame.concat(frames.stream().filter(f -> f.rowCount() > 0).toList().isEmpty()
                            ? List.of(frames.get(0)) : frames.stream().filter(f -> f.rowCount() > 0).toList());
            assertEquals(whole.frame(), joined);
            assertEquals(whole.rejected(), refused);
            // each row's line holds its id as the first field
            for (int row = 0; row < joined.rowCount(); row++) {
                String id = joined.text("id").value(row);
                String lineText = c.text().split("\n", -1)[(int) (lines.get(row) - 1)];
                assertTrue(lineText.startsWith(id + ","), "row " + row + " at line " + lines.get(row) + ": " + lineText);
            }
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void strictChunksStopAtTheFirstBadRecordNamingItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,x\n2,y\n3\n4,z\n");
        try (CsvChunks chunks = Csv.reader().type("a", FieldType.NUMERIC).chunks(file, 1)) {
            assertEquals(1, chunks.next().frame().rowCount());
            assertEquals(1, chunks.next().frame().rowCount());
            DataException e = assertThrows(DataException.class, chunks::next);
            assertEquals(4, e.line(), e.getMessage());
        }
    }

    @Test
    void untypedColumnsAreTextAndTheEndIsClear() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.csv"), "a,b\n1,007\n2,8\n");
        try (CsvChunks chunks = Csv.reader().chunks(file, 10)) {
            CsvChunk only = chunks.next();
            assertEquals(FieldType.TEXT, only.frame().schema().field("a").orElseThrow().type());
            assertEquals("007", only.frame().text("b").value(0));
            assertEquals(3, only.line(1));
            assertFalse(chunks.hasNext());
            assertThrows(NoSuchElementException.class, chunks::next);
        }
        assertThrows(IllegalArgumentException.class, () -> Csv.reader().chunks(file, 0));
    }
}
