package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.TextColumn;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.data.Csv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchScoringTest {

    private static ModelBundle bundle;
    private static Predictor predictor;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        bundle = Toy.bundle();
        predictor = Serving.predictor(bundle, "toy");
    }

    /** The Toy rows with an id column first, written as CSV; returns the frame written. */
    private Frame write(Path file, int rows) {
        Frame frame = Toy.frame(rows, 11);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ids.add("id-" + i);
        }
        Frame withId = Frame.of(Stream.concat(Stream.of(TextColumn.of("id", ids.toArray(String[]::new))),
                frame.columns().stream()).toList());
        Csv.write(withId, file);
        return withId;
    }

    @Test
    void everyRowIsScoredInOrderWithWhatThePredictorGivesIt() {
        Path in = dir.resolve("in.csv");
        Frame input = write(in, 1_000);
        List<ProgressEvent> events = new ArrayList<>();
        BatchResult result = BatchScoring.of(predictor).chunkRows(7).threads(3).listener(events::add)
                .score(in, dir.resolve("out.csv"));
        assertEquals(1_000, result.scored());
        assertEquals(0, result.rejected());
        Frame out = Csv.reader().type("id", FieldType.TEXT).read(dir.resolve("out.csv")).frame();
        assertEquals(1_000, out.rowCount());
        for (int row = 0; row < 1_000; row++) {
            assertEquals("id-" + row, out.text("id").value(row));
            Prediction.Classification expected = (Prediction.Classification) predictor.predict(
                    input.drop("id", "y").row(row));
            assertEquals(expected.label(), out.categorical("prediction").value(row));
            assertEquals(expected.probability("hi"), out.numeric("probability:hi").value(row), 0.0);
            assertEquals(expected.confidence(), out.numeric("confidence").value(row), 0.0);
        }
        ProgressEvent last = events.get(events.size() - 1);
        assertEquals(ProgressEvent.Stage.SCORING, last.stage());
        assertEquals(last.total(), last.done());
        assertEquals(List.of("in.csv", "out.csv"), listing().stream().sorted().toList());
    }

    @Test
    void strictScoringStopsAtTheFirstBadRowNamingItsLineAndLeavesNoOutput() throws IOException {
        Path in = dir.resolve("in.csv");
        write(in, 50);
        List<String> lines = new ArrayList<>(Files.readAllLines(in));
        lines.set(31, lines.get(31).replaceFirst(",(oslo|rome|lima|kyiv|baku),", ",paris,")); // line 32: unseen city
        Files.write(in, lines);
        DataException e = assertThrows(DataException.class, () -> BatchScoring.of(predictor).chunkRows(8)
                .score(in, dir.resolve("out.csv")));
        assertEquals(32, e.line(), e.getMessage());
        assertEquals("city", e.column().orElseThrow(), e.getMessage());
        assertEquals(List.of("in.csv"), listing(), "no output and no partial file");

        lines.set(31, lines.get(31).replace(",paris,", ",oslo,").replaceFirst("^id-30,[^,]*,", "id-30,abc,"));
        Files.write(in, lines);
        DataException parse = assertThrows(DataException.class, () -> BatchScoring.of(predictor)
                .score(in, dir.resolve("out.csv")));
        assertEquals(32, parse.line(), parse.getMessage());
    }

    @Test
    void lenientScoringWritesRejectedRowsAsideAndScoresTheRest() throws IOException {
        Path in = dir.resolve("in.csv");
        write(in, 40);
        List<String> lines = new ArrayList<>(Files.readAllLines(in));
        lines.set(5, lines.get(5).replaceFirst(",(oslo|rome|lima|kyiv|baku),", ",paris,")); // line 6
        lines.set(20, "id-19,1,2"); // line 21: ragged
        Files.write(in, lines);
        BatchResult result = BatchScoring.of(predictor).chunkRows(6).rejectedTo(dir.resolve("rejected.csv"))
                .score(in, dir.resolve("out.csv"));
        assertEquals(38, result.scored());
        assertEquals(2, result.rejected());
        List<String> rejected = Files.readAllLines(dir.resolve("rejected.csv"));
        assertEquals("line,column,reason,fields", rejected.get(0));
        assertTrue(rejected.get(1).startsWith("6,\"city\",\"is 'paris', a category never seen"), rejected.get(1));
        assertTrue(rejected.get(2).startsWith("21,,\"has 3 fields"), rejected.get(2));
        Frame out = Csv.reader().type("id", FieldType.TEXT).read(dir.resolve("out.csv")).frame();
        assertEquals(38, out.rowCount());
        for (int row = 0; row < out.rowCount(); row++) {
            assertFalse(out.text("id").value(row).equals("id-4"), "the rejected row is not scored");
        }
    }

    @Test
    void aMissingInputOrAClashingColumnIsRefusedClearly() throws IOException {
        Path in = dir.resolve("in.csv");
        Csv.write(Toy.frame(5, 1).drop("z"), in);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> BatchScoring.of(predictor).score(in, dir.resolve("out.csv")));
        assertTrue(missing.getMessage().contains("'z'"), missing.getMessage());
        Frame clash = Toy.frame(5, 1);
        Csv.write(Frame.of(Stream.concat(clash.columns().stream(),
                Stream.of(TextColumn.of("prediction", "a", "b", "c", "d", "e"))).toList()), in);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchScoring.of(predictor).score(in, dir.resolve("out.csv")));
        assertTrue(e.getMessage().contains("already has a column 'prediction'"), e.getMessage());
        assertEquals(List.of("in.csv"), listing());
    }

    @Test
    void subnormalNumbersAreWrittenAsZeroSoTheOutputReadsBack() {
        assertEquals(0.0, BatchScoring.writable(3.6241831473E-313));
        assertEquals(-0.0, BatchScoring.writable(-Double.MIN_VALUE));
        assertEquals(Double.MIN_NORMAL, BatchScoring.writable(Double.MIN_NORMAL));
        assertEquals(0.25, BatchScoring.writable(0.25));
        assertTrue(Double.isNaN(BatchScoring.writable(Double.NaN)));
        Frame written = Frame.of(dev.mlops.api.NumericColumn.of("p", BatchScoring.writable(1e-320), 0.5));
        assertEquals(written, Csv.reader().type("p", FieldType.NUMERIC).readString(Csv.writer().writeString(written))
                .frame());
    }

    private List<String> listing() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
