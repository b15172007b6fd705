package dev.mlops.core.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import org.junit.jupiter.api.Test;

/**
 * Review probe of DriftReference.of(DriftBaseline): the default test is meant to be chosen as on the full
 * reference, "so a live window and a batch comparison on the same data give the same scores". The number of
 * distinct values (LOW_CARDINALITY = 5) is counted on the sketch, though, which drops rare values.
 */
class SketchTestChoiceTest {

    @Test
    void theDefaultTestIsChosenOnTheFullReferencesDistinctValuesNotTheSketchs() {
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 5; // 0..4, 20,000 each
        }
        values[12_345] = 0.5; // one sixth value (rank 19,999, which the sketch skips), once: the full column is "continuous" (6 distinct > 5)
        Frame reference = Frame.of(NumericColumn.of("x", values));
        double[] live = new double[500];
        for (int i = 0; i < live.length; i++) {
            live[i] = i % 4; // no 4s: drifted
        }
        Frame current = Frame.of(NumericColumn.of("x", live));
        ColumnDrift batch = DriftReference.of(reference).compare(current).columns().get(0);
        ColumnDrift sketched = DriftBaseline.of(reference).reference().compare(current).columns().get(0);
        assertEquals(batch.method(), sketched.method(), "batch " + batch + " vs baseline " + sketched);
    }
}
