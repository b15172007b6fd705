package dev.mlops.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calibration against a hand-worked case and numpy reference values (calibration_reference.py). */
class CalibrationTest {

    @Test
    void aHandWorkedCase() {
        // bins (0, 0.5] and (0.5, 1]: {0.3 wrong} has accuracy 0 at confidence 0.3 (gap 0.3, weight 1/4);
        // {0.9 right, 0.9 wrong, 0.6 right} has accuracy 2/3 at confidence 0.8 (gap 2/15, weight 3/4)
        Calibration c = Calibration.of(new double[] {0.9, 0.9, 0.6, 0.3}, new boolean[] {true, false, true, false}, 2);
        assertEquals(0.3 / 4 + 0.75 * 2.0 / 15, c.expectedCalibrationError(), 1e-15);
        assertEquals(0.3, c.maxCalibrationError(), 1e-15);
        assertEquals(1, c.bins().get(0).count());
        assertEquals(3, c.bins().get(1).count());
        assertEquals(0.8, c.bins().get(1).meanConfidence(), 1e-15);
        assertTrue(c.toString().contains("expected error 0.1750"), c.toString());
    }

    @Test
    void agreesWithNumpyOnAThousandPredictions() throws IOException {
        JsonNode reference;
        try (InputStream in = CalibrationTest.class.getResourceAsStream("/eval/calibration_reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        int n = reference.get("confidence").size();
        double[] confidence = new double[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            confidence[i] = reference.get("confidence").get(i).asDouble();
            correct[i] = reference.get("correct").get(i).asBoolean();
        }
        Iterator<Map.Entry<String, JsonNode>> cases = reference.get("bins").fields();
        while (cases.hasNext()) {
            Map.Entry<String, JsonNode> expected = cases.next();
            int bins = Integer.parseInt(expected.getKey());
            Calibration c = Calibration.of(confidence, correct, bins);
            assertEquals(expected.getValue().get("ece").asDouble(), c.expectedCalibrationError(), 1e-12, "bins " + bins);
            assertEquals(expected.getValue().get("mce").asDouble(), c.maxCalibrationError(), 1e-12, "bins " + bins);
            for (int b = 0; b < bins; b++) {
                assertEquals(expected.getValue().get("counts").get(b).asLong(), c.bins().get(b).count(), "bin " + b);
            }
        }
    }

    @Test
    void badInputIsRefusedSayingWhat() {
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[] {0.5}, new boolean[] {true}, 0));
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[0], new boolean[0], 10));
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[] {0.5}, new boolean[2], 10));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Calibration.of(new double[] {0.5, Double.NaN}, new boolean[2], 10));
        assertTrue(nan.getMessage().contains("confidence 1 is NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[] {1.5}, new boolean[1], 10));
    }
}
