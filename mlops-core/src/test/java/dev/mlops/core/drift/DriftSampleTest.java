package dev.mlops.core.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A sample built in pieces, as a sliding window holds its rows, decides as the whole frame does. */
class DriftSampleTest {

    /** Rows with missing values, NaN, infinities, absent labels; {@code shift} moves the numbers. */
    private static Frame frame(long seed, int rows, double shift) {
        Random random = new Random(seed);
        NumericColumn.Builder x = NumericColumn.builder("x");
        NumericColumn.Builder few = NumericColumn.builder("few");
        String[] c = new String[rows];
        Boolean[] b = new Boolean[rows];
        for (int i = 0; i < rows; i++) {
            switch (random.nextInt(20)) {
                case 0 -> x.addMissing();
                case 1 -> x.add(Double.NaN);
                case 2 -> x.add(random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
                default -> x.add(random.nextGaussian() * 3 + shift);
            }
            few.add(random.nextInt(3));
            c[i] = random.nextInt(15) == 0 ? null : List.of("a", "b", "c", "d").get(random.nextInt(4));
            b[i] = random.nextInt(15) == 0 ? null : random.nextBoolean();
        }
        return Frame.of(x.build(), few.build(), CategoricalColumn.of("c", c), BooleanColumn.of("b", b));
    }

    /** The frame's rows appended piece by piece, cut at {@code cuts}. */
    private static DriftSample inPieces(Frame frame, int[] cuts) {
        DriftSample.Builder sample = DriftSample.builder();
        int from = 0;
        for (int p = 0; p <= cuts.length; p++) {
            int to = p < cuts.length ? cuts[p] : frame.rowCount();
            Frame piece = frame.slice(from, to);
            for (String name : List.of("x", "few")) {
                NumericColumn column = (NumericColumn) piece.column(name);
                double[] values = new double[column.size() + 3]; // longer than asked: only the count is read
                Arrays.fill(values, 1e9);
                for (int row = 0; row < column.size(); row++) {
                    values[row] = column.isMissing(row) ? Double.NaN : column.value(row);
                }
                sample.numbers(name, values, column.size());
            }
            for (String name : List.of("c", "b")) {
                Object[] values = new Object[piece.rowCount() + 2];
                Arrays.fill(values, "stale");
                for (int row = 0; row < piece.rowCount(); row++) {
                    values[row] = piece.column(name).get(row);
                }
                sample.labels(name, values, piece.rowCount());
            }
            from = to;
        }
        return sample.build();
    }

    @Test
    void aSampleBuiltInPiecesDecidesAsTheWholeFrame() {
        qt().withExamples(60).forAll(longs().all(), integers().between(2, 600), integers().between(0, 4),
                integers().between(0, 1)).checkAssert((seed, rows, pieces, large) -> {
                    Frame reference = frame(seed, large == 1 ? 1_500 : 300, 0); // distance tests, or the p-value tests
                    Frame current = frame(seed + 1, rows, seed % 2 == 0 ? 0 : 1.5);
                    Random random = new Random(seed);
                    int[] cuts = random.ints(pieces, 0, rows + 1).sorted().toArray();
                    for (DriftReference ref : List.of(DriftReference.of(reference),
                            DriftReference.of(DriftBaseline.of(reference)))) {
                        assertEquals(ref.compare(current), ref.compare(inPieces(current, cuts)),
                                "cut at " + Arrays.toString(cuts));
                    }
                });
    }

    @Test
    void theWassersteinScoreIsTheDistanceOfTheFiniteValuesOverTheReferenceSpread() {
        qt().withExamples(40).forAll(longs().all(), integers().between(1, 400)).checkAssert((seed, rows) -> {
            Frame reference = frame(seed, 1_500, 0); // over 1,000 finite values: the distance test
            Frame current = frame(seed + 7, rows, 0.7);
            ColumnDrift x = DriftReference.of(reference).compare(current).column("x").orElseThrow();
            assertEquals(DriftMethod.WASSERSTEIN, x.method());
            double[] now = finite(current);
            if (now.length == 0) {
                assertTrue(Double.isNaN(x.score()), "no finite value now: nothing to decide on");
                return;
            }
            double expected = DriftStatistics.wassersteinNormed(finite(reference), now);
            assertEquals(expected, x.score(), 1e-12 * Math.max(1, expected));
        });
    }

    private static double[] finite(Frame frame) {
        NumericColumn x = (NumericColumn) frame.column("x");
        double[] values = new double[x.size()];
        int n = 0;
        for (int row = 0; row < x.size(); row++) {
            if (!x.isMissing(row) && Double.isFinite(x.value(row))) {
                values[n++] = x.value(row);
            }
        }
        return Arrays.copyOf(values, n);
    }

    @Test
    void labelsAreCountedByTheirText() {
        DriftSample sample = DriftSample.builder()
                .labels("b", new Object[] {Boolean.TRUE, "true", null, Boolean.FALSE}, 4)
                .labels("b", new Object[] {"true"}, 1)
                .build();
        assertEquals(Map.of("true", 3L, "false", 1L), sample.counts("b"));
    }

    @Test
    void aColumnOfTheOtherKindOrAbsentIsNamed() {
        DriftReference reference = DriftReference.of(frame(1, 200, 0));
        DriftSample labelsForNumbers = DriftSample.builder().labels("x", new Object[] {"1"}, 1)
                .numbers("few", new double[] {1}, 1).labels("c", new Object[] {"a"}, 1)
                .labels("b", new Object[] {true}, 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reference.compare(labelsForNumbers));
        assertTrue(e.getMessage().contains("'x' is numeric in the reference but holds labels"), e.getMessage());
        DriftSample noC = DriftSample.builder().numbers("x", new double[] {1}, 1).numbers("few", new double[] {1}, 1)
                .labels("b", new Object[] {true}, 1).build();
        e = assertThrows(IllegalArgumentException.class, () -> reference.compare(noC));
        assertTrue(e.getMessage().contains("'c' is categorical in the reference but absent"), e.getMessage());
    }

    @Test
    void aColumnHoldsOneKindAndCountsStayInsideTheArray() {
        DriftSample.Builder builder = DriftSample.builder().numbers("x", new double[] {1, 2}, 2);
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> builder.labels("x", new Object[] {"a"}, 1));
        assertTrue(both.getMessage().contains("'x' already holds numbers"), both.getMessage());
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> builder.numbers("y", new double[] {1, 2}, 3));
        assertTrue(beyond.getMessage().contains("3 values asked of an array of 2"), beyond.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.labels("c", new Object[] {"a"}, -1));
        assertEquals(List.of(1.0, 2.0), Arrays.stream(builder.build().sortedView("x")).boxed().toList(),
                "refused calls leave the builder as it was");
    }
}
