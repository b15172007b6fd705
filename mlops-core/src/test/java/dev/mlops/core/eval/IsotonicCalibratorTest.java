package dev.mlops.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The isotonic calibrator against hand-worked cases and SciPy (isotonic_reference.py). */
class IsotonicCalibratorTest {

    @Test
    void violatorsArePooledIntoTheirWeightedMean() {
        // outcomes 1, 1, 0, 0 at rising confidence: all four pool to 0.5
        IsotonicCalibrator pooled = IsotonicCalibrator.fit(new double[] {0.1, 0.2, 0.3, 0.4},
                new boolean[] {true, true, false, false});
        assertEquals(0.5, pooled.apply(0.25));
        assertArrayEquals(new double[] {0.1, 0.4}, pooled.confidences(), "a flat stretch keeps its ends only");
        // ties pool first: at 0.5 one right of two (0.5), at 0.9 right (1): already increasing
        IsotonicCalibrator tied = IsotonicCalibrator.fit(new double[] {0.5, 0.9, 0.5}, new boolean[] {true, true,
                false});
        assertEquals(0.5, tied.apply(0.5));
        assertEquals(0.75, tied.apply(0.7), 1e-15, "halfway between the fitted points");
        assertEquals(0.5, tied.apply(0.0), "clipped below");
        assertEquals(1.0, tied.apply(1.0), "clipped above");
        assertEquals(0.5, tied.apply(Double.NaN), "NaN reads as the lowest chance");
    }

    @Test
    void itMatchesScipyIsotonicRegressionReadWithNumpyInterp() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/eval/isotonic_reference.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        Iterator<Map.Entry<String, JsonNode>> each = cases.fields();
        int checked = 0;
        while (each.hasNext()) {
            Map.Entry<String, JsonNode> c = each.next();
            JsonNode conf = c.getValue().get("confidence");
            double[] confidence = new double[conf.size()];
            boolean[] correct = new boolean[conf.size()];
            for (int i = 0; i < confidence.length; i++) {
                confidence[i] = conf.get(i).asDouble();
                correct[i] = c.getValue().get("correct").get(i).asBoolean();
            }
            IsotonicCalibrator calibrator = IsotonicCalibrator.fit(confidence, correct);
            JsonNode queries = c.getValue().get("queries");
            for (int q = 0; q < queries.size(); q++) {
                assertEquals(c.getValue().get("expected").get(q).asDouble(), calibrator.apply(queries.get(q).asDouble()),
                        1e-12, c.getKey() + " at " + queries.get(q).asDouble());
                checked++;
            }
        }
        assertTrue(checked > 500, "checked " + checked);
    }

    @Test
    void theFittedChanceNeverFallsAsConfidenceRises() {
        qt().withExamples(300).forAll(lists().of(integers().between(0, 2_001)).ofSizeBetween(1, 60))
                .checkAssert(codes -> {
                    double[] confidence = new double[codes.size()];
                    boolean[] correct = new boolean[codes.size()];
                    for (int i = 0; i < confidence.length; i++) {
                        confidence[i] = (codes.get(i) % 1_001) / 1_000.0;
                        correct[i] = codes.get(i) > 1_000;
                    }
                    IsotonicCalibrator calibrator = IsotonicCalibrator.fit(confidence, correct);
                    double previous = -1;
                    for (int step = 0; step <= 100; step++) {
                        double chance = calibrator.apply(step / 100.0);
                        assertTrue(chance >= previous - 1e-15 && chance >= 0 && chance <= 1, "at " + step);
                        previous = chance;
                    }
                });
    }

    @Test
    void badInputIsRefusedWithWhatIsWrong() {
        assertThrows(IllegalArgumentException.class, () -> IsotonicCalibrator.fit(new double[0], new boolean[0]));
        assertThrows(IllegalArgumentException.class, () -> IsotonicCalibrator.fit(new double[] {0.5},
                new boolean[] {true, false}));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> IsotonicCalibrator.fit(new double[] {0.5, Double.NaN}, new boolean[] {true, false}));
        assertTrue(nan.getMessage().contains("confidence 1 is NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IsotonicCalibrator(new double[] {0.5, 0.4},
                new double[] {0.1, 0.2}));
        assertThrows(IllegalArgumentException.class, () -> new IsotonicCalibrator(new double[] {0.4, 0.5},
                new double[] {0.3, 0.2}));
    }
}
