package dev.mlops.core.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.TextColumn;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/** The compact baseline: exact for small references, within its stated error for large ones. */
class DriftBaselineTest {

    private static Frame frame(long seed, int rows, double shift) {
        Random random = new Random(seed);
        NumericColumn.Builder x = NumericColumn.builder("x");
        NumericColumn.Builder small = NumericColumn.builder("small");
        String[] c = new String[rows];
        Boolean[] b = new Boolean[rows];
        for (int i = 0; i < rows; i++) {
            if (i % 17 == 0) {
                x.addMissing();
            } else {
                x.add(random.nextGaussian() + shift);
            }
            small.add(random.nextInt(3));
            c[i] = i % 11 == 0 ? null : List.of("a", "b", "c").get(random.nextInt(3));
            b[i] = random.nextBoolean();
        }
        return Frame.of(x.build(), small.build(), CategoricalColumn.of("c", c), BooleanColumn.of("b", b),
                TextColumn.of("note", c));
    }

    @Test
    void aSmallReferenceIsKeptWholeAndTestsExactlyAsTheFrameItself() {
        Frame reference = frame(1, 400, 0);
        DriftBaseline baseline = DriftBaseline.of(reference);
        assertEquals(List.of("x", "small", "c", "b"), baseline.names(), "text is not compared");
        ColumnBaseline x = baseline.column("x").orElseThrow();
        assertTrue(x.exact());
        assertEquals(376, x.rows());
        assertEquals(24, x.missing());
        assertEquals(Map.of("true", 207L, "false", 193L).keySet(), baseline.column("b").orElseThrow().counts().keySet());
        for (double shift : new double[] {0, 0.3, 1}) {
            Frame current = frame(2, 300, shift);
            assertEquals(DriftReference.of(reference).compare(current), baseline.reference().compare(current),
                    "shift " + shift);
        }
    }

    @Test
    void aLargeColumnKeepsEvenlySpacedOrderStatistics() {
        double[] sorted = new double[10_001];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i;
        }
        double[] sketch = DriftBaseline.sketch(sorted);
        assertEquals(DriftBaseline.SKETCH_POINTS, sketch.length);
        assertEquals(0, sketch[0]);
        assertEquals(5, sketch[1], "ranks round(i * 10000 / 2000)");
        assertEquals(10_000, sketch[sketch.length - 1]);
    }

    @Test
    void aLargeReferenceChoosesItsTestsByItsFullSizeAndScoresWithinTheStatedError() {
        Frame reference = frame(3, 50_000, 0);
        Frame current = frame(4, 800, 0.2);
        DriftReport full = DriftReference.of(reference).compare(current);
        DriftReport sketched = DriftBaseline.of(reference).reference().compare(current);
        ColumnDrift fullX = full.columns().get(0);
        ColumnDrift sketchX = sketched.columns().get(0);
        assertEquals(DriftMethod.WASSERSTEIN, fullX.method());
        assertEquals(DriftMethod.WASSERSTEIN, sketchX.method(), "chosen on 47,058 rows, not on the 2,001 kept");
        assertEquals(fullX.referenceCount(), sketchX.referenceCount());
        assertEquals(fullX.score(), sketchX.score(), 0.005, "normed Wasserstein on the sketch");
        assertEquals(full.columns().get(2), sketched.columns().get(2), "labels are exact");
        DriftReport fullKs = DriftReference.of(reference).method("x", DriftMethod.KS).compare(current);
        DriftReport sketchKs = DriftBaseline.of(reference).reference().method("x", DriftMethod.KS).compare(current);
        assertEquals(fullKs.columns().get(0).statistic(), sketchKs.columns().get(0).statistic(),
                1.0 / (DriftBaseline.SKETCH_POINTS - 1) + 1e-12, "the K-S statistic within 1 / (k - 1)");
    }

    @Test
    void itSurvivesItsJsonAndBadJsonIsADataException() {
        DriftBaseline baseline = DriftBaseline.of(frame(5, 3_000, 0));
        assertEquals(baseline, DriftBaseline.fromJson(baseline.toJson()));
        for (String bad : List.of("", "null", "{\"columns\":[{\"name\":\"x\",\"numeric\":true,\"rows\":2,"
                + "\"missing\":0,\"sketch\":[2,1],\"counts\":{}}]}",
                "{\"columns\":[{\"name\":\"c\",\"numeric\":false,\"rows\":3,\"missing\":0,\"sketch\":[],"
                        + "\"counts\":{\"a\":1}}]}",
                "{\"columns\":[{\"name\":\"c\",\"numeric\":false,\"rows\":1,\"missing\":-1,\"counts\":{\"a\":1}}]}",
                "{\"columns\":[{\"name\":\"x\",\"numeric\":true,\"rows\":1,\"missing\":0,\"sketch\":[\"NaN\"]}]}",
                "{\"columns\":[{\"name\":\"a\",\"numeric\":false,\"rows\":0,\"missing\":0},"
                        + "{\"name\":\"a\",\"numeric\":false,\"rows\":0,\"missing\":0}]}",
                "{\"columns\":[]} trailing", "{\"columns\":[],\"extra\":1}")) {
            assertThrows(DataException.class, () -> DriftBaseline.fromJson(bad), bad);
        }
    }

    @Test
    void anyFrameSurvivesItsJson() {
        Gen<Frame> frames = in -> frame(in.next(Constraint.between(0, 1_000_000)),
                (int) in.next(Constraint.between(0, 3_000)), in.next(Constraint.between(-3, 3)));
        qt().withExamples(40).forAll(frames).checkAssert(f -> {
            DriftBaseline baseline = DriftBaseline.of(f);
            DriftBaseline back = DriftBaseline.fromJson(baseline.toJson());
            assertEquals(baseline, back);
            for (ColumnBaseline c : back.columns()) {
                assertTrue(c.sketch().length <= DriftBaseline.SKETCH_POINTS);
                double[] sorted = c.sketch().clone();
                java.util.Arrays.sort(sorted);
                assertArrayEquals(sorted, c.sketch());
            }
        });
    }
}
