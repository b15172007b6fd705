package dev.mlops.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.Features;
import dev.mlops.api.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bundles written by each released format version stay loadable and predict exactly what their
 * models predicted when they were written ({@link BundleFixtures} wrote them; never regenerate them):
 * format 1 (no monitoring baseline) and format 2 (with it).
 */
class BundleFormatCompatibilityTest {

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-logistic-regression", "tribuo-xgboost", "smile-gradient-boosting-nominal",
        "smile-random-forest-regression"})
    void formatOneBundlesLoadAndPredictAsWhenWritten(String name) throws IOException {
        ModelBundle bundle = loadsAndPredictsAsWhenWritten("/bundles/format-1/", name);
        assertEquals(java.util.Optional.empty(), bundle.monitoring(), "format 1 has no monitoring baseline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tribuo-logistic-regression", "tribuo-xgboost", "smile-gradient-boosting-nominal",
        "smile-random-forest-regression"})
    void formatTwoBundlesLoadPredictAsWhenWrittenAndCarryTheirMonitoringBaseline(String name) throws IOException {
        ModelBundle bundle = loadsAndPredictsAsWhenWritten("/bundles/format-2/", name);
        MonitoringBaseline monitoring = bundle.monitoring().orElseThrow();
        assertEquals(150, monitoring.heldOutRows());
        org.junit.jupiter.api.Assertions.assertTrue(monitoring.predictionBaseline().isPresent());
        assertEquals(bundle.signature().task() == dev.mlops.api.model.Task.CLASSIFICATION,
                monitoring.heldOutCalibration().isPresent(), "a classifier with probabilities has its calibration");
        assertEquals(monitoring, MonitoringBaseline.fromJson(monitoring.toJson()));
    }

    private ModelBundle loadsAndPredictsAsWhenWritten(String directory, String name) throws IOException {
        ModelBundle bundle;
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream(directory + name + ".bundle");
                InputStream json = getClass().getResourceAsStream(directory + "expected-predictions.json")) {
            bundle = ModelBundle.fromBytes(in.readAllBytes(), name);
            expected = new ObjectMapper().readTree(json).get(name);
        }
        List<Features> rows = BundleFixtures.rows(BundleFixtures.irisWithColour(), bundle.signature().inputs().names());
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Prediction actual = bundle.predict(rows.get(i));
            JsonNode want = expected.get(i);
            if (want.has("value")) {
                assertEquals(want.get("value").doubleValue(), ((Prediction.Regression) actual).value(), 0.0);
            } else {
                Map<String, Double> probabilities = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = want.get("probabilities").fields();
                fields.forEachRemaining(e -> probabilities.put(e.getKey(), e.getValue().doubleValue()));
                assertEquals(Prediction.classification(want.get("label").textValue(), probabilities), actual, "row " + i);
            }
        }
        return bundle;
    }
}
