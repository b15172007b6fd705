package dev.mlops.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mlops.api.DataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attacks on IsotonicCalibrator. */
class IsotonicEdgeTest {

    @Test
    void edgeCasesBehave() {
        assertThrows(IllegalArgumentException.class, () -> IsotonicCalibrator.fit(new double[] {0.5, Double.NaN},
                new boolean[] {true, false}));
        assertThrows(IllegalArgumentException.class, () -> IsotonicCalibrator.fit(new double[0], new boolean[0]));
        IsotonicCalibrator one = IsotonicCalibrator.fit(new double[] {0.3}, new boolean[] {true});
        assertEquals(1.0, one.apply(0.0));
        assertEquals(1.0, one.apply(Double.NaN));
        assertEquals(1.0, IsotonicCalibrator.fit(new double[] {0.1, 0.9, 0.5}, new boolean[] {true, true, true})
                .apply(0.2));
        assertEquals(0.0, IsotonicCalibrator.fit(new double[] {0.1, 0.9, 0.5}, new boolean[] {false, false, false})
                .apply(0.95));
        // equal confidences pooled first: 0.5 x4 with 1 right, 0.6 with 1 right -> 0.25, 1
        IsotonicCalibrator dup = IsotonicCalibrator.fit(new double[] {0.5, 0.5, 0.6, 0.5, 0.5},
                new boolean[] {true, false, true, false, false});
        assertEquals(0.25, dup.apply(0.5));
        assertEquals(0.625, dup.apply(0.55), 1e-12);
        IsotonicCalibrator zeros = IsotonicCalibrator.fit(new double[] {-0.0, 0.0, 1.0}, new boolean[] {true, false,
                true});
        assertEquals(zeros, dev.mlops.core.internal.StrictJson.read(dev.mlops.core.internal.StrictJson.write(zeros),
                IsotonicCalibrator.class, "probe"));
        for (String bad : List.of("{\"confidences\":[],\"chances\":[]}", "{\"confidences\":[0.5],\"chances\":[]}",
                "{\"confidences\":[0.5,0.5],\"chances\":[0.1,0.2]}", "{\"confidences\":[0.5],\"chances\":[\"NaN\"]}",
                "{\"confidences\":[0.4,0.5],\"chances\":[0.3,0.2]}", "{\"confidences\":null,\"chances\":[0.1]}")) {
            assertThrows(DataException.class, () -> dev.mlops.core.internal.StrictJson.read(bad,
                    IsotonicCalibrator.class, "probe"), bad);
        }
    }

    /** Monotone, in [0, 1], and preserving the accuracy (the mean of the calibrated chances over the rows). */
    @Test
    void monotoneBoundedAndAccuracyPreserving() {
        qt().withExamples(500).forAll(lists().of(integers().between(0, 40)).ofSizeBetween(1, 60),
                integers().between(0, Integer.MAX_VALUE)).checkAssert((codes, seed) -> {
                    java.util.Random random = new java.util.Random(seed);
                    double[] confidence = codes.stream().mapToDouble(c -> c / 40.0).toArray();
                    boolean[] correct = new boolean[confidence.length];
                    long right = 0;
                    for (int i = 0; i < correct.length; i++) {
                        correct[i] = random.nextDouble() < confidence[i];
                        right += correct[i] ? 1 : 0;
                    }
                    IsotonicCalibrator c = IsotonicCalibrator.fit(confidence, correct);
                    double previous = -1;
                    for (int i = -5; i <= 45; i++) {
                        double v = c.apply(i / 40.0);
                        assertTrue(v >= previous && v >= 0 && v <= 1, "not monotone/bounded at " + i);
                        previous = v;
                    }
                    double sum = 0;
                    for (double x : confidence) {
                        sum += c.apply(x);
                    }
                    assertEquals(right / (double) confidence.length, sum / confidence.length, 1e-9);
                });
    }
}
