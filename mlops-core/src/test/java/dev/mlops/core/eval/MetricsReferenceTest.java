package dev.mlops.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every metric against scikit-learn on generated cases (with ties, with three classes);
 * {@code src/test/resources/eval/eval_reference.py} produced the values.
 */
class MetricsReferenceTest {

    private static final double TOLERANCE = 1e-12;
    private static final JsonNode REFERENCE = load();

    @Test
    void binaryWithTiedScoresMatchesScikitLearn() {
        checkClassification(REFERENCE.get("binaryTies"), true);
    }

    @Test
    void binaryMatchesScikitLearn() {
        checkClassification(REFERENCE.get("binary"), true);
    }

    @Test
    void multiclassMatchesScikitLearn() {
        checkClassification(REFERENCE.get("multiclass"), false);
    }

    @Test
    void regressionMatchesScikitLearnAndNumPy() {
        JsonNode c = REFERENCE.get("regression");
        RegressionMetrics m = RegressionMetrics.of(doubles(c.get("actual")), doubles(c.get("predicted")));
        assertEquals(c.get("rmse").doubleValue(), m.rmse(), TOLERANCE);
        assertEquals(c.get("mae").doubleValue(), m.mae(), TOLERANCE);
        assertEquals(c.get("r2").doubleValue(), m.r2(), TOLERANCE);
        assertEquals(c.get("mape").doubleValue(), m.mape(), TOLERANCE);
        assertEquals(c.get("residualMean").doubleValue(), m.residuals().mean(), TOLERANCE);
        assertEquals(c.get("residualStd").doubleValue(), m.residuals().std(), TOLERANCE);
        double[] quartiles = doubles(c.get("residualQuartiles"));
        assertArrayEquals(quartiles, new double[] {m.residuals().min(), m.residuals().q25(), m.residuals().median(),
            m.residuals().q75(), m.residuals().max()}, TOLERANCE);
    }

    private static void checkClassification(JsonNode c, boolean binary) {
        List<String> labels = strings(c.get("labels"));
        List<String> actual = strings(c.get("actual"));
        List<String> predictedLabels = strings(c.get("predicted"));
        List<Prediction> predicted = new ArrayList<>();
        for (int row = 0; row < actual.size(); row++) {
            Map<String, Double> probabilities = new LinkedHashMap<>();
            JsonNode p = c.get("probabilities").get(row);
            for (int k = 0; k < labels.size(); k++) {
                probabilities.put(labels.get(k), Math.max(0, Math.min(1, p.get(k).doubleValue())));
            }
            predicted.add(Prediction.classification(predictedLabels.get(row), probabilities));
        }
        ClassificationMetrics m = ClassificationMetrics.of(labels, actual, predicted);
        assertEquals(c.get("accuracy").doubleValue(), m.accuracy(), TOLERANCE);
        for (int k = 0; k < labels.size(); k++) {
            ClassMetrics one = m.classes().get(k);
            assertEquals(c.get("precision").get(k).doubleValue(), one.precision(), TOLERANCE);
            assertEquals(c.get("recall").get(k).doubleValue(), one.recall(), TOLERANCE);
            assertEquals(c.get("f1").get(k).doubleValue(), one.f1(), TOLERANCE);
            assertEquals(c.get("support").get(k).intValue(), one.support());
        }
        assertEquals(c.get("macroF1").doubleValue(), m.macroF1(), TOLERANCE);
        assertEquals(c.get("weightedF1").doubleValue(), m.weightedF1(), TOLERANCE);
        assertEquals(c.get("weightedPrecision").doubleValue(), m.weightedPrecision(), TOLERANCE);
        assertEquals(c.get("logLoss").doubleValue(), m.logLoss(), 1e-9);
        assertEquals(c.get("rocAuc").doubleValue(), m.rocAuc(), TOLERANCE);
        assertEquals(c.get("prAuc").doubleValue(), m.prAuc(), TOLERANCE);
        int[][] confusion = m.confusion().counts();
        for (int i = 0; i < labels.size(); i++) {
            for (int j = 0; j < labels.size(); j++) {
                assertEquals(c.get("confusion").get(i).get(j).intValue(), confusion[i][j]);
            }
        }
        if (binary) {
            List<CurvePoint> roc = m.rocCurve("pos");
            assertArrayEquals(doubles(c.get("rocFpr")), roc.stream().mapToDouble(CurvePoint::x).toArray(), TOLERANCE);
            assertArrayEquals(doubles(c.get("rocTpr")), roc.stream().mapToDouble(CurvePoint::y).toArray(), TOLERANCE);
            double[] recall = doubles(c.get("prRecall"));
            double[] precision = doubles(c.get("prPrecision"));
            List<CurvePoint> pr = m.precisionRecallCurve("pos");
            for (int i = 0; i < recall.length; i++) {
                assertEquals(recall[i], pr.get(i + 1).x(), TOLERANCE, "recall at point " + i);
                assertEquals(precision[i], pr.get(i + 1).y(), TOLERANCE, "precision at point " + i);
            }
        }
    }

    private static JsonNode load() {
        try (InputStream in = MetricsReferenceTest.class.getResourceAsStream("/eval/eval_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(node -> list.add(node.textValue()));
        return list;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).doubleValue();
        }
        return values;
    }
}
