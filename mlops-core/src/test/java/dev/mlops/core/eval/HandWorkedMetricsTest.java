package dev.mlops.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Prediction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small cases worked out by hand, in the comments. */
class HandWorkedMetricsTest {

    private static Prediction p(String label, double positive) {
        return Prediction.classification(label, Map.of("n", 1 - positive, "y", positive));
    }

    @Test
    void fourRowBinaryCase() {
        // actual:     y    y    n    n
        // p(y):      0.9  0.4  0.6  0.1   -> predicted y, n, y, n
        // TP=1 FN=1 FP=1 TN=1: accuracy 1/2; precision(y) = 1/2, recall(y) = 1/2, F1 = 1/2.
        // Positive/negative pairs: (0.9>0.6) (0.9>0.1) (0.4<0.6) (0.4>0.1) -> AUC = 3/4.
        // Average precision: thresholds 0.9 (P=1, R=1/2), 0.6 (P=1/2), 0.4 (P=2/3, R=1) -> 1/2*1 + 1/2*2/3 = 5/6.
        // Log loss: -(ln .9 + ln .4 + ln .4 + ln .9)/4.
        ClassificationMetrics m = ClassificationMetrics.of(List.of("n", "y"), List.of("y", "y", "n", "n"),
                List.of(p("y", 0.9), p("n", 0.4), p("y", 0.6), p("n", 0.1)));
        assertEquals(0.5, m.accuracy(), 1e-15);
        assertEquals(0.5, m.of("y").precision(), 1e-15);
        assertEquals(0.5, m.of("y").recall(), 1e-15);
        assertEquals(0.75, m.rocAuc(), 1e-15);
        assertEquals(5.0 / 6, m.prAuc(), 1e-15);
        assertEquals(-(2 * Math.log(0.9) + 2 * Math.log(0.4)) / 4, m.logLoss(), 1e-15);
        assertEquals(1, m.confusion().count("y", "n"));
        assertEquals("y", m.positiveLabel());
    }

    @Test
    void tiedScoresCountHalf() {
        // Every score equal: the ROC is the diagonal, AUC 1/2; average precision = prevalence 1/3.
        ClassificationMetrics m = ClassificationMetrics.of(List.of("n", "y"), List.of("y", "n", "n"),
                List.of(p("y", 0.5), p("y", 0.5), p("y", 0.5)));
        assertEquals(0.5, m.rocAuc(), 1e-15);
        assertEquals(1.0 / 3, m.prAuc(), 1e-15);
        assertEquals(0, m.of("n").precision(), "no row predicted n: zero division gives 0");
        assertEquals(2, m.rocCurve("y").size(), "one point per distinct score, plus the start");
    }

    @Test
    void withoutProbabilitiesLogLossIsNaNAndAucUsesTheHardLabel() {
        // Hard labels y, n, n for actual y, n, y: TPR 1/2 at FPR 0 -> AUC = 1/2 * 1/2 + 1/2 * (1/2 + 1) / 2... worked:
        // points (0,0) (0,1/2) (1,1): area = 0 + (1)(1/2 + 1)/2 = 3/4.
        ClassificationMetrics m = ClassificationMetrics.of(List.of("n", "y"), List.of("y", "n", "y"),
                List.of(Prediction.classification("y"), Prediction.classification("n"), Prediction.classification("n")));
        assertTrue(Double.isNaN(m.logLoss()));
        assertEquals(0.75, m.rocAuc(), 1e-15);
    }

    @Test
    void regressionByHand() {
        // actual 1, 2, 3, 4; predicted 2, 2, 2, 2 -> residuals -1, 0, 1, 2
        // RMSE = sqrt((1 + 0 + 1 + 4)/4) = sqrt(1.5); MAE = 1; SS_tot = 5, SS_res = 6 -> R2 = -0.2
        // MAPE = (1/1 + 0 + 1/3 + 2/4) / 4 = 11/24
        RegressionMetrics m = RegressionMetrics.of(new double[] {1, 2, 3, 4}, new double[] {2, 2, 2, 2});
        assertEquals(Math.sqrt(1.5), m.rmse(), 1e-15);
        assertEquals(1, m.mae(), 1e-15);
        assertEquals(-0.2, m.r2(), 1e-15);
        assertEquals(11.0 / 24, m.mape(), 1e-15);
        assertEquals(0.5, m.residuals().mean(), 1e-15);
        assertEquals(0.5, m.residuals().median(), 1e-15);
        assertEquals(1, RegressionMetrics.of(new double[] {3, 3}, new double[] {3, 3}).r2());
    }

    @Test
    void labelsTheModelDoesNotKnowAreRefusedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(
                List.of("<=50K", ">50K"), List.of(">50K."), List.of(Prediction.classification(">50K"))));
        assertTrue(e.getMessage().contains("[>50K.]") && e.getMessage().contains("map them first"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.of(new double[] {1, Double.NaN},
                new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.of(new double[0], new double[0]));
    }
}
