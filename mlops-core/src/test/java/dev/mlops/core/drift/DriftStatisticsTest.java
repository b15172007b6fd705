package dev.mlops.core.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-worked cases and the decision rules. */
class DriftStatisticsTest {

    @Test
    void wassersteinOfAShiftIsTheShift() {
        // F_ref and F_cur are the same step function 5 apart: the area between them is 5.
        assertEquals(5.0, DriftStatistics.wasserstein(new double[] {0, 1, 3}, new double[] {5, 6, 8}), 1e-12);
        // population std of {0, 1, 3} = sqrt(42 / 27)
        assertEquals(5.0 / Math.sqrt(42.0 / 27.0),
                DriftStatistics.wassersteinNormed(new double[] {0, 1, 3}, new double[] {5, 6, 8}), 1e-12);
        // {0, 0, 1} vs {0, 1, 1}: |F difference| is 1/3 over [0, 1)
        assertEquals(1.0 / 3, DriftStatistics.wasserstein(new double[] {0, 0, 1}, new double[] {1, 0, 1}), 1e-12);
        assertEquals(0, DriftStatistics.wassersteinNormed(new double[] {2, 2}, new double[] {2}), 1e-12,
                "constant reference: the normaliser is 0.001, the distance 0");
    }

    @Test
    void identicalSamplesShowNoDriftAndDisjointOnesTheMost() {
        double[] sample = {1, 2, 3, 4};
        DriftStatistics.TestResult ks = DriftStatistics.kolmogorovSmirnov(sample, sample);
        assertEquals(0, ks.statistic());
        assertEquals(1, ks.pValue(), 1e-12);
        assertEquals(0, DriftStatistics.psi(new double[] {0.2, 0.8}, new double[] {0.2, 0.8}), 1e-15);
        assertEquals(0, DriftStatistics.jensenShannon(new double[] {0.2, 0.8}, new double[] {0.2, 0.8}), 1e-8);
        assertEquals(1, DriftStatistics.jensenShannon(new double[] {1, 0}, new double[] {0, 1}), 1e-12);
        // PSI with a zero share: 0.0001 replaces it, so (1 - 1e-4) ln(1e4) twice
        double expected = 2 * (1 - 1e-4) * Math.log(1e4);
        assertEquals(expected, DriftStatistics.psi(new double[] {1, 0}, new double[] {0, 1}), 1e-9);
    }

    @Test
    void binningFollowsNumpyForFewAndManyDistinctValues() {
        double[][] few = DriftStatistics.binnedShares(new double[] {1, 1, 2, 3}, new double[] {3, 4});
        assertArrayEquals(new double[] {0.5, 0.25, 0.25, 0}, few[0], 1e-15);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5}, few[1], 1e-15);
        double[] reference = new double[30];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = i;
        }
        // 32 values in [0, 31]: Sturges gives ceil(log2(32) + 1) = 6 bins of width 31/6
        double[][] many = DriftStatistics.binnedShares(reference, new double[] {0, 31});
        assertEquals(6, many[0].length);
        assertEquals(1.0, java.util.Arrays.stream(many[0]).sum(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0, 0, 0, 0, 0.5}, many[1], 1e-15, "the maximum falls in the last bin");
    }

    @Test
    void degenerateCategoricalCasesHaveNoDrift() {
        assertEquals(1, DriftStatistics.chiSquared(new long[] {10}, new long[] {3}).pValue());
        assertEquals(1, DriftStatistics.zTest(10, 10, 4, 4).pValue());
        DriftStatistics.TestResult newLabel = DriftStatistics.chiSquared(new long[] {10, 0}, new long[] {5, 1});
        assertEquals(Double.POSITIVE_INFINITY, newLabel.statistic());
        assertEquals(0, newLabel.pValue());
    }

    @Test
    void badInputIsRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> DriftStatistics.kolmogorovSmirnov(new double[0],
                new double[] {1}));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.wassersteinNormed(new double[] {1, Double.NaN}, new double[] {1}));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DriftStatistics.psi(new double[] {1}, new double[] {0.5, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> DriftStatistics.jensenShannon(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> DriftStatistics.chiSquared(new long[] {-1, 2}, new long[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> DriftStatistics.zTest(5, 4, 1, 1));
    }

    @Test
    void defaultMethodsAreEvidentlys() {
        assertEquals(DriftMethod.KS, DriftMethod.defaultFor(true, 1_000, 6));
        assertEquals(DriftMethod.CHI_SQUARED, DriftMethod.defaultFor(true, 1_000, 5));
        assertEquals(DriftMethod.Z_TEST, DriftMethod.defaultFor(true, 500, 2));
        assertEquals(DriftMethod.CHI_SQUARED, DriftMethod.defaultFor(false, 1_000, 3));
        assertEquals(DriftMethod.Z_TEST, DriftMethod.defaultFor(false, 10, 2));
        assertEquals(DriftMethod.WASSERSTEIN, DriftMethod.defaultFor(true, 1_001, 6));
        assertEquals(DriftMethod.JENSEN_SHANNON, DriftMethod.defaultFor(true, 1_001, 5));
        assertEquals(DriftMethod.JENSEN_SHANNON, DriftMethod.defaultFor(false, 50_000, 40));
    }

    @Test
    void decisionRulesFollowEachMethodsDirection() {
        assertTrue(DriftMethod.KS.drifted(0.05, 0.05), "K-S drifts at p <= threshold");
        assertFalse(DriftMethod.CHI_SQUARED.drifted(0.05, 0.05), "chi-squared drifts at p < threshold");
        assertTrue(DriftMethod.Z_TEST.drifted(0.01, 0.05));
        assertTrue(DriftMethod.WASSERSTEIN.drifted(0.1, 0.1), "distances drift at >= threshold");
        assertFalse(DriftMethod.PSI.drifted(0.099, 0.1));
        assertFalse(DriftMethod.JENSEN_SHANNON.drifted(Double.NaN, 0.1));
        assertEquals(0.05, DriftMethod.KS.defaultThreshold());
        assertEquals(0.1, DriftMethod.JENSEN_SHANNON.defaultThreshold());
    }
}
