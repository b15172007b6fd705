package dev.mlops.core.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.TextColumn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

class DriftReferenceFrameTest {

    private static Frame frame(int n, double shift, String[] labels) {
        double[] x = new double[n];
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + shift;
            c[i] = labels[i % labels.length];
        }
        return Frame.of(NumericColumn.of("x", x), CategoricalColumn.of("c", c), TextColumn.of("note", c));
    }

    @Test
    void aShiftedNumericColumnDriftsAndTheShareDecidesTheDataset() {
        Frame reference = frame(100, 0, new String[] {"a", "b", "c"});
        DriftReport report = DriftReference.of(reference).compare(frame(100, 50, new String[] {"a", "b", "c"}));
        assertEquals(List.of("x", "c"), report.columns().stream().map(ColumnDrift::column).toList(),
                "text columns are not compared");
        ColumnDrift x = report.column("x").orElseThrow();
        assertEquals(DriftMethod.KS, x.method());
        assertEquals(0.5, x.statistic(), 1e-12);
        assertTrue(x.drifted());
        ColumnDrift c = report.column("c").orElseThrow();
        assertEquals(DriftMethod.CHI_SQUARED, c.method());
        assertFalse(c.drifted());
        assertEquals(0.5, report.driftedShare());
        assertTrue(report.datasetDrifted(), "half the columns drifted: the default share is reached");
        assertFalse(DriftReference.of(reference).datasetShare(0.75).compare(frame(100, 50, new String[] {"a", "b",
            "c"})).datasetDrifted());
    }

    @Test
    void largeReferencesUseTheDistanceTests() {
        DriftReport report = DriftReference.of(frame(2_000, 0, new String[] {"a", "b"}))
                .compare(frame(500, 0, new String[] {"a", "b"}));
        assertEquals(DriftMethod.WASSERSTEIN, report.column("x").orElseThrow().method());
        assertEquals(DriftMethod.JENSEN_SHANNON, report.column("c").orElseThrow().method());
    }

    @Test
    void lowCardinalityNumbersAreTestedAsCategories() {
        Frame reference = Frame.of(NumericColumn.of("flag", 0, 1, 0, 1, 0, 1));
        DriftReport report = DriftReference.of(reference).compare(Frame.of(NumericColumn.of("flag", 1, 1, 1, 1)));
        assertEquals(DriftMethod.Z_TEST, report.column("flag").orElseThrow().method());
    }

    @Test
    void methodsAndThresholdsCanBeChosenPerColumn() {
        Frame reference = frame(100, 0, new String[] {"a", "b"});
        DriftReport report = DriftReference.of(reference).method("x", DriftMethod.PSI).threshold("x", 50)
                .method("c", DriftMethod.JENSEN_SHANNON).compare(frame(100, 50, new String[] {"a", "b"}));
        ColumnDrift x = report.column("x").orElseThrow();
        assertEquals(DriftMethod.PSI, x.method());
        assertEquals(50, x.threshold());
        assertFalse(x.drifted());
        assertEquals(DriftMethod.JENSEN_SHANNON, report.column("c").orElseThrow().method());
        assertThrows(IllegalArgumentException.class, () -> DriftReference.of(reference).method("x", DriftMethod.Z_TEST));
        assertThrows(IllegalArgumentException.class, () -> DriftReference.of(reference).method("c", DriftMethod.KS));
        assertThrows(IllegalArgumentException.class, () -> DriftReference.of(reference).method("note", DriftMethod.PSI));
        assertThrows(IllegalArgumentException.class, () -> DriftReference.of(reference).threshold("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> DriftReference.of(reference).datasetShare(0));
    }

    @Test
    void aMissingOrRetypedColumnIsReported() {
        DriftReference reference = DriftReference.of(frame(10, 0, new String[] {"a"}));
        assertThrows(IllegalArgumentException.class, () -> reference.compare(Frame.of(NumericColumn.of("x", 1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reference.compare(
                Frame.of(CategoricalColumn.of("x", "1"), CategoricalColumn.of("c", "a"))));
        assertTrue(e.getMessage().contains("numeric in the reference"), e.getMessage());
    }

    @Test
    void missingValuesAreLeftOutAndEmptySidesDoNotDrift() {
        Frame reference = Frame.of(NumericColumn.builder("x").add(1).add(2).addMissing().add(3).build());
        Frame allMissing = Frame.of(NumericColumn.builder("x").addMissing().addMissing().build());
        ColumnDrift drift = DriftReference.of(reference).compare(allMissing).column("x").orElseThrow();
        assertEquals(3, drift.referenceCount());
        assertEquals(0, drift.currentCount());
        assertTrue(Double.isNaN(drift.score()));
        assertFalse(drift.drifted());
    }

    @Test
    void aSampleNeverDriftsFromItself() {
        Gen<Frame> frames = in -> {
            int n = (int) in.next(Constraint.between(1, 1_500));
            int labels = (int) in.next(Constraint.between(1, 6));
            NumericColumn.Builder x = NumericColumn.builder("x");
            CategoricalColumn.Builder c = CategoricalColumn.builder("c");
            for (int i = 0; i < n; i++) {
                x.add(in.next(Constraint.between(-1_000_000, 1_000_000)) / 7.0);
                c.add("l" + in.next(Constraint.between(1, labels)));
            }
            return Frame.of(x.build(), c.build());
        };
        qt().withExamples(60).forAll(frames).checkAssert(frame -> {
            DriftReport report = DriftReference.of(frame).compare(frame);
            assertTrue(report.drifted().isEmpty(), report.toString());
            assertFalse(report.datasetDrifted());
        });
    }
}
