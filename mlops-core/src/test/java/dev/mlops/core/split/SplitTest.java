package dev.mlops.core.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {

    private static Frame labelled(int n) {
        String[] labels = new String[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4 == 0 ? "rare" : "common";
            x[i] = i;
        }
        return Frame.of(CategoricalColumn.of("y", labels), NumericColumn.of("x", x));
    }

    @Test
    void aStratifiedSplitKeepsTheLabelShareInBothParts() {
        Partition parts = Split.holdout(0.8).stratifiedBy("y").seed(42).apply(labelled(1_000));
        assertEquals(800, parts.train().rowCount());
        assertEquals(200, parts.test().rowCount());
        assertEquals(0, parts.validation().rowCount());
        long rareInTest = Arrays.stream(parts.testRows()).filter(r -> r % 4 == 0).count();
        assertEquals(50, rareInTest, "a quarter of the test part is rare, as in the whole");
    }

    @Test
    void partsKeepTheOriginalRowOrder() {
        Partition parts = Split.holdout(0.5).seed(1).apply(labelled(20));
        double previous = -1;
        NumericColumn x = parts.train().numeric("x");
        for (int row = 0; row < x.size(); row++) {
            assertTrue(x.value(row) > previous);
            previous = x.value(row);
        }
    }

    @Test
    void differentSeedsGiveDifferentSplits() {
        Frame frame = labelled(100);
        assertFalse(Arrays.equals(Split.holdout(0.5).seed(1).apply(frame).trainRows(),
                Split.holdout(0.5).seed(2).apply(frame).trainRows()));
    }

    @Test
    void tiesAtATimeBoundaryGoToTheLaterPart() {
        Frame frame = Frame.of(NumericColumn.of("t", 1, 2, 2, 2, 3));
        Partition parts = Split.timeOrdered("t", 0.5).apply(frame);
        assertEquals(List.of(0), Arrays.stream(parts.trainRows()).boxed().toList());
        assertEquals(List.of(1, 2, 3, 4), Arrays.stream(parts.testRows()).boxed().toList());
    }

    @Test
    void badSettingsAndColumnsAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> Split.holdout(0));
        assertThrows(IllegalArgumentException.class, () -> Split.holdout(1));
        assertThrows(IllegalArgumentException.class, () -> Split.holdout(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Split.holdout(0.8).validation(0.2));
        assertThrows(IllegalArgumentException.class, () -> Split.kFold(1));
        assertThrows(IllegalStateException.class, () -> Split.holdout(0.8).stratifiedBy("y").groupedBy("x"));
        IllegalArgumentException numeric = assertThrows(IllegalArgumentException.class,
                () -> Split.holdout(0.8).stratifiedBy("x").apply(labelled(10)));
        assertTrue(numeric.getMessage().contains("NUMERIC"), numeric.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Split.holdout(0.8).stratifiedBy("nope").apply(labelled(10)));
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> Split.kFold(5).apply(labelled(3)));
        assertTrue(few.getMessage().contains("at least 5 rows"), few.getMessage());
        Frame gaps = Frame.builder(dev.mlops.api.Schema.of(dev.mlops.api.Field.timestamp("t"))).add((Object) null)
                .build();
        DataException missing = assertThrows(DataException.class, () -> Split.timeOrdered("t", 0.5).apply(gaps));
        assertEquals("t", missing.column().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> Split.timeOrdered("y", 0.5).apply(labelled(4)));
    }
}
