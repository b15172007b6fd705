package dev.mlops.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.core.bundle.ModelBundle;
import dev.mlops.core.pipeline.Training;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.train.Algorithms;
import dev.mlops.core.train.Iris;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FairnessAndSlicesTest {

    @Test
    void fairnessByHand() {
        // group  a: actual + + - -  predicted + - + -   -> selection 2/4, TPR 1/2
        // group  b: actual + - - -  predicted + + + -   -> selection 3/4, TPR 1/1
        // group  c: actual - -      predicted - -       -> selection 0,   no actual positive: TPR NaN
        // parity difference 3/4 - 0 = 0.75, ratio 0 / (3/4) = 0, equal opportunity 1 - 1/2 = 0.5 (c left out)
        List<String> groups = List.of("a", "a", "a", "a", "b", "b", "b", "b", "c", "c");
        List<String> actual = List.of("+", "+", "-", "-", "+", "-", "-", "-", "-", "-");
        List<String> predicted = List.of("+", "-", "+", "-", "+", "+", "+", "-", "-", "-");
        Fairness f = Fairness.of("g", "+", groups, actual, predicted);
        assertEquals(Map.of("a", 0.5, "b", 0.75, "c", 0.0), f.selectionRates());
        assertEquals(0.5, f.truePositiveRates().get("a"));
        assertEquals(1.0, f.truePositiveRates().get("b"));
        assertTrue(Double.isNaN(f.truePositiveRates().get("c")));
        assertEquals(0.75, f.demographicParityDifference(), 1e-15);
        assertEquals(0.0, f.demographicParityRatio(), 1e-15);
        assertEquals(0.5, f.equalOpportunityDifference(), 1e-15);
        assertEquals(Map.of("a", 4, "b", 4, "c", 2), f.sizes());

        // Without group c: ratio (2/4) / (3/4) = 2/3.
        Fairness two = Fairness.of("g", "+", groups.subList(0, 8), actual.subList(0, 8), predicted.subList(0, 8));
        assertEquals(2.0 / 3, two.demographicParityRatio(), 1e-15);
        assertEquals(0.25, two.demographicParityDifference(), 1e-15);
    }

    @Test
    void missingGroupValuesFormTheirOwnGroup() {
        Fairness f = Fairness.of("g", "+", Arrays.asList("a", null), List.of("+", "+"), List.of("+", "-"));
        assertEquals(0.0, f.selectionRates().get(Fairness.MISSING_GROUP));
        assertThrows(IllegalArgumentException.class, () -> Fairness.of("g", "+", List.of("a"), List.of(), List.of()));
    }

    @Test
    void slicesAreTheMetricsOfEachGroupsRowsAlone() {
        Frame iris = Iris.frame().take(IntStream.range(50, 150).toArray());
        String[] sides = new String[iris.rowCount()];
        for (int row = 0; row < sides.length; row++) {
            sides[row] = iris.numeric("sepal_width").value(row) >= 2.9 ? "wide" : "narrow";
        }
        Frame data = iris.withColumn(CategoricalColumn.of("side", sides));
        ModelBundle bundle = Training.with(Algorithms.tribuo().logisticRegression().epochs(2))
                .fit(data.drop("side"), "species", Prep.chain(Prep.standardize()));
        SlicedEvaluation sliced = SlicedEvaluation.of(bundle, data, "side");
        assertEquals(List.of("narrow", "wide"), List.copyOf(sliced.slices().keySet()));
        assertEquals("virginica", sliced.fairness().positive());
        for (String side : List.of("narrow", "wide")) {
            int[] rows = IntStream.range(0, data.rowCount()).filter(r -> sides[r].equals(side)).toArray();
            ClassificationMetrics alone = Evaluation.classification(bundle, data.take(rows));
            assertEquals(alone.asMap(), sliced.slices().get(side).asMap(), side);
            assertEquals(rows.length, sliced.fairness().sizes().get(side));
        }
        double gap = Math.abs(sliced.slices().get("wide").accuracy() - sliced.slices().get("narrow").accuracy());
        assertEquals(gap, sliced.gap("accuracy"), 1e-15);
        assertEquals(Evaluation.classification(bundle, data).asMap(), sliced.overall().asMap());
        assertThrows(IllegalArgumentException.class, () -> SlicedEvaluation.of(bundle, data, "colour"));
    }
}
