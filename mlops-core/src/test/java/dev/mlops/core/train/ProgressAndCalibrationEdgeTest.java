package dev.mlops.core.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.model.ProgressEvent;
import dev.mlops.core.eval.Calibration;
import dev.mlops.core.prep.Prep;
import dev.mlops.core.profile.DataProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Review probes for Calibration, DataProfile.toString and SGD epoch progress. */
class ProgressAndCalibrationEdgeTest {

    // ---- Calibration ----

    @Test
    void probeCalibrationEdgeCases() {
        Calibration zeros = Calibration.of(new double[] {0, 0, 0}, new boolean[] {false, false, false}, 10);
        assertEquals(0.0, zeros.expectedCalibrationError(), 1e-12);
        Calibration ones = Calibration.of(new double[] {1, 1}, new boolean[] {true, false}, 10);
        assertEquals(0.5, ones.expectedCalibrationError(), 1e-12);
        assertEquals(9, ones.bins().stream().filter(b -> b.count() == 0).count());
        Calibration single = Calibration.of(new double[] {0.7}, new boolean[] {true}, 1);
        assertEquals(0.3, single.expectedCalibrationError(), 1e-12);
        assertEquals(0.3, single.maxCalibrationError(), 1e-12);
        Calibration manyBins = Calibration.of(new double[] {0.2, 0.9}, new boolean[] {true, true}, 1000);
        assertEquals(1000, manyBins.bins().size());
        assertDoesNotThrow(manyBins::toString);
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[] {0.5}, new boolean[] {true}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Calibration.of(new double[] {Double.NaN}, new boolean[] {true}, 10));
    }

    @Test
    void probeCalibrationBoundaryValuesFallInTheirDocumentedBin() {
        List<String> wrong = new ArrayList<>();
        for (int bins = 1; bins <= 60; bins++) {
            for (int i = 1; i <= bins; i++) {
                double c = i / (double) bins; // the upper bound of bin i-1, included there per the javadoc
                Calibration cal = Calibration.of(new double[] {c}, new boolean[] {true}, bins);
                int at = -1;
                for (int b = 0; b < bins; b++) {
                    if (cal.bins().get(b).count() == 1) {
                        at = b;
                    }
                }
                if (at != i - 1) {
                    wrong.add(c + " in " + bins + " bins -> bin " + at + ", not " + (i - 1));
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " misbinned: " + wrong.subList(0, Math.min(5, wrong.size())));
    }

    @Test
    void probeCalibrationHugeBinCountIsAClearError() {
        Throwable t = assertThrows(Throwable.class,
                () -> Calibration.of(new double[] {0.5}, new boolean[] {true}, Integer.MAX_VALUE));
        assertTrue(t instanceof IllegalArgumentException, "threw " + t);
    }

    // ---- DataProfile.toString ----

    @Test
    void probeProfileHostileValuesStayShort() {
        Frame f = Frame.of(NumericColumn.of("n".repeat(10_000), Double.NaN, 1e300, -0.0, Double.POSITIVE_INFINITY),
                CategoricalColumn.of("c", "v".repeat(100_000) + "\nforged", "a\u001bb", "x", "y"));
        String text = assertDoesNotThrow(() -> DataProfile.of(f).toString());
        assertTrue(text.length() < 2_000, "DataProfile.toString is " + text.length() + " characters");
    }

    @Test
    void probeProfileTargetLinksWithALongColumnName() {
        Frame f = Frame.of(NumericColumn.of("n".repeat(10_000), 1, 2, 3, 4, 5, 6),
                NumericColumn.of("t", 1, 2, 3, 4, 5, 7));
        String text = assertDoesNotThrow(() -> DataProfile.of(f, "t").toString());
        assertTrue(text.length() < 2_000, "DataProfile.toString is " + text.length() + " characters");
    }

    @Test
    void probeProfileFromJsonWithEmptyColumnNameDoesNotThrowInToString() {
        String json = DataProfile.of(Frame.of(NumericColumn.of("q", 1, 2, 3))).toJson().replace("\"q\"", "\"\"");
        DataProfile profile = DataProfile.fromJson(json);
        assertDoesNotThrow(profile::toString);
    }

    // ---- SGD epochs ----

    private static Frame prepared() {
        Frame iris = Iris.frame();
        return Prep.chain(Prep.standardize()).fit(iris.drop("species")).transform(iris.drop("species"))
                .withColumn(iris.column("species"));
    }

    @Test
    void probeListenerThatTrainsReentrantlyDoesNotSilenceTheOuterFit() {
        Logger tribuo = Logger.getLogger("org.tribuo.common.sgd.AbstractSGDTrainer");
        Level before = tribuo.getLevel();
        boolean parents = tribuo.getUseParentHandlers();
        List<Integer> outer = new ArrayList<>();
        List<Integer> inner = new ArrayList<>();
        Algorithms.tribuo().logisticRegression().epochs(5).fit(prepared(), "species", e -> {
            if (e.stage() == ProgressEvent.Stage.EPOCH) {
                outer.add(e.done());
                if (e.done() == 1) {
                    Algorithms.tribuo().logisticRegression().epochs(2).fit(prepared(), "species", i -> {
                        if (i.stage() == ProgressEvent.Stage.EPOCH) {
                            inner.add(i.done());
                        }
                    });
                }
            }
        });
        assertEquals(List.of(1, 2), inner);
        assertEquals(before, tribuo.getLevel());
        assertEquals(parents, tribuo.getUseParentHandlers());
        assertFalse(List.of(tribuo.getHandlers()).stream().anyMatch(h -> h.getClass().getName().contains("SgdEpochs")));
        assertEquals(List.of(1, 2, 3, 4, 5), outer, "the outer fit's epochs after the inner fit are lost");
    }

    @Test
    void probeThrowingListenerDoesNotBreakTheFitAndRestoresTheLogger() {
        Logger tribuo = Logger.getLogger("org.tribuo.common.sgd.AbstractSGDTrainer");
        Level before = tribuo.getLevel();
        assertDoesNotThrow(() -> Algorithms.tribuo().logisticRegression().epochs(3).fit(prepared(), "species", e -> {
            throw new IllegalStateException("listener");
        }));
        // a VirtualMachineError is not swallowed by the guard: the fit fails, and the logger is restored all the same
        org.junit.jupiter.api.Assertions.assertThrows(StackOverflowError.class,
                () -> Algorithms.tribuo().logisticRegression().epochs(3).fit(prepared(), "species", e -> {
                    throw new StackOverflowError("listener");
                }));
        assertEquals(before, tribuo.getLevel());
        assertEquals(0, tribuo.getHandlers().length);
    }
}
