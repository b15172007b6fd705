package dev.mlops.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.TextColumn;
import dev.mlops.api.TimestampColumn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.impl.Constraint;

class DataProfileTest {

    @Test
    void numericStatisticsLeaveMissingAndNonFiniteValuesOut() {
        Frame frame = Frame.of(NumericColumn.builder("x").add(1).add(2).add(3).add(4).add(Double.NaN)
                .add(Double.POSITIVE_INFINITY).addMissing().build());
        ColumnProfile x = DataProfile.of(frame).column("x").orElseThrow();
        assertEquals(7, x.count());
        assertEquals(1, x.missing());
        assertEquals(6, x.distinct(), "1, 2, 3, 4, NaN and +Inf");
        NumericSummary s = x.numeric();
        assertEquals(2, s.nonFinite());
        assertEquals(2.5, s.mean());
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-15, "sample standard deviation of 1..4");
        assertEquals(1.75, s.quantile(0.25), 1e-15);
        assertEquals(List.of(1L, 0L, 0L, 1L, 0L, 0L, 1L, 0L, 0L, 1L), s.histogram());
        assertEquals(0, s.outliers());
        assertThrows(IllegalArgumentException.class, () -> s.quantile(0.3));
    }

    @Test
    void degenerateColumnsHaveDefinedProfiles() {
        Frame frame = Frame.of(NumericColumn.of("one", 5), NumericColumn.builder("none").addMissing().build(),
                CategoricalColumn.of("c", "a"));
        DataProfile profile = DataProfile.of(frame);
        NumericSummary one = profile.column("one").orElseThrow().numeric();
        assertTrue(Double.isNaN(one.std()));
        assertEquals(4.5, one.binEdges().get(0), "a constant gets edges one unit wide around it");
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L), one.histogram());
        assertNull(profile.column("none").orElseThrow().numeric());
        assertEquals(1.0, profile.column("none").orElseThrow().missingRatio());
        assertTrue(Double.isNaN(profile.pearson().get("one").get("none")));
        assertEquals(profile, DataProfile.fromJson(profile.toJson()), "NaN survives the JSON form");
    }

    @Test
    void outliersFollowTheIqrRule() {
        // 1..8 and 100: q1 = 3, q3 = 7, IQR = 4, fences -3 and 13
        Frame frame = Frame.of(NumericColumn.of("x", 1, 2, 3, 4, 5, 6, 7, 8, 100));
        assertEquals(1, DataProfile.of(frame).column("x").orElseThrow().numeric().outliers());
    }

    @Test
    void topCategoriesAreMostFrequentFirstThenByLabel() {
        Frame frame = Frame.of(CategoricalColumn.of("c", "b", "a", "b", "c", "a", null),
                TextColumn.of("t", "x", "y", "x", null, null, null),
                TimestampColumn.of("ts", Instant.EPOCH, Instant.EPOCH, null, null, null, null));
        DataProfile profile = DataProfile.of(frame);
        assertEquals(List.of(Map.entry("a", 2L), Map.entry("b", 2L), Map.entry("c", 1L)),
                List.copyOf(profile.column("c").orElseThrow().topCategories().entrySet()));
        assertEquals(3, profile.column("c").orElseThrow().distinct());
        assertEquals(2L, profile.column("t").orElseThrow().topCategories().get("x"));
        assertEquals(1, profile.column("ts").orElseThrow().distinct());
        assertEquals(Map.of(), profile.column("ts").orElseThrow().topCategories());
    }

    @Test
    void associationsOnHandWorkedTables() {
        // a perfect 2x2 association: V = 1
        CategoricalColumn a = CategoricalColumn.of("a", "x", "x", "y", "y");
        CategoricalColumn b = CategoricalColumn.of("b", "p", "p", "q", "q");
        assertEquals(1.0, Associations.cramersV(a, b), 1e-12);
        // independence: V = 0
        assertEquals(0.0, Associations.cramersV(a, CategoricalColumn.of("c", "p", "q", "p", "q")), 1e-12);
        // groups x: {1, 3}, y: {5, 7}: between = 2*(2-4)^2 + 2*(6-4)^2 = 16, total = 9+1+1+9 = 20
        assertEquals(Math.sqrt(16.0 / 20), Associations.correlationRatio(a, NumericColumn.of("v", 1, 3, 5, 7)), 1e-12);
        assertEquals(-1.0, Associations.pearson(NumericColumn.of("x", 1, 2, 3), NumericColumn.of("y", 3, 2, 1)), 1e-12);
    }

    @Test
    void aTargetMustBeNumericOrCategorical() {
        Frame frame = Frame.of(TextColumn.of("t", "a"), NumericColumn.of("x", 1));
        assertThrows(IllegalArgumentException.class, () -> DataProfile.of(frame, "t"));
        assertThrows(IllegalArgumentException.class, () -> DataProfile.of(frame, "nope"));
    }

    @Test
    void malformedJsonIsADataException() {
        assertThrows(DataException.class, () -> DataProfile.fromJson("{\"rowCount\": \"many\"}"));
        assertThrows(DataException.class, () -> DataProfile.fromJson("null"));
        assertThrows(DataException.class, () -> DataProfile.fromJson("{\"surprise\": 1}"));
    }

    @Test
    void anyNumericColumnProfilesAndRoundTrips() {
        qt().withExamples(200).forAll(in -> {
            int n = (int) in.next(Constraint.between(0, 50));
            NumericColumn.Builder x = NumericColumn.builder("x");
            for (int i = 0; i < n; i++) {
                long pick = in.next(Constraint.between(0, 12));
                if (pick == 0) {
                    x.addMissing();
                } else if (pick == 1) {
                    x.add(Double.NaN);
                } else {
                    x.add(in.next(Constraint.between(-1_000, 1_000)) / 8.0);
                }
            }
            return Frame.of(x.build());
        }).checkAssert(frame -> {
            DataProfile profile = DataProfile.of(frame);
            NumericSummary s = profile.column("x").orElseThrow().numeric();
            if (s != null) {
                assertEquals(s.histogram().stream().mapToLong(Long::longValue).sum() + s.nonFinite()
                        + frame.column(0).missingCount(), frame.rowCount(), "every row is counted once");
                assertTrue(s.min() <= s.quantile(0.5) && s.quantile(0.5) <= s.max());
            }
            assertEquals(profile, DataProfile.fromJson(profile.toJson()));
        });
    }
}
