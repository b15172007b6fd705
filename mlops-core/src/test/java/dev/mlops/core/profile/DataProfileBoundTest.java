package dev.mlops.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Issue 11, item 9: a profile of 5,000 numeric columns computed every pairwise correlation (out of
 * memory at 2 GB; 22 s and a 700 MB profile at 6 GB). The pairwise matrices now cover a bounded
 * number of columns, chosen by a documented rule the profile records, and every other part of the
 * profile grows linearly with the columns.
 */
class DataProfileBoundTest {

    private static Frame wide(int columns, int rows, long seed) {
        Random random = new Random(seed);
        List<Column> list = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            double[] values = new double[rows];
            for (int r = 0; r < rows; r++) {
                values[r] = random.nextGaussian();
            }
            list.add(NumericColumn.of("c" + c, values));
        }
        return Frame.of(list);
    }

    private static int entries(Map<String, Map<String, Double>> matrix) {
        return matrix.values().stream().mapToInt(Map::size).sum();
    }

    @Test
    void aProfileOfFiveThousandNumericColumnsKeepsAtMostTwoHundredInItsMatrix() {
        Frame frame = wide(5_000, 20, 1);
        DataProfile profile = DataProfile.of(frame);
        assertEquals(DataProfile.DEFAULT_CORRELATION_COLUMNS, profile.pearson().size());
        assertTrue(entries(profile.pearson()) <= 200 * 200, "entries: " + entries(profile.pearson()));
        assertEquals(5_000, profile.columns().size(), "every column keeps its own statistics");
        CorrelationScope scope = profile.correlationScope();
        assertTrue(scope.truncated());
        assertEquals(CorrelationScope.Selection.FRAME_ORDER, scope.selection());
        assertEquals(IntStream.range(0, 200).mapToObj(i -> "c" + i).toList(), scope.numeric());
        assertEquals(List.copyOf(profile.pearson().keySet()), scope.numeric());
        assertEquals(5_000, scope.numericTotal());
        String json = profile.toJson();
        // linear: a bounded share per column plus the bounded matrix, far from the 700 MB of every pair
        assertTrue(json.length() < 5_000 * 1_000 + 200 * 200 * 40, "JSON of " + json.length() + " chars");
        assertEquals(profile, DataProfile.fromJson(json));
    }

    @Test
    void theDefaultAndACustomBoundAreHonouredForBothMatrices() {
        List<Column> columns = new ArrayList<>(wide(250, 30, 2).columns());
        Random random = new Random(3);
        for (int c = 0; c < 230; c++) {
            String[] labels = new String[30];
            for (int r = 0; r < labels.length; r++) {
                labels[r] = "v" + random.nextInt(4);
            }
            columns.add(CategoricalColumn.of("k" + c, labels));
        }
        Frame frame = Frame.of(columns);
        DataProfile byDefault = DataProfile.of(frame);
        assertEquals(200, byDefault.pearson().size());
        assertEquals(200, byDefault.cramersV().size());
        assertEquals(200, byDefault.correlationScope().limit());
        DataProfile custom = DataProfile.profiler().correlationColumns(7).profile(frame);
        assertEquals(7, custom.pearson().size());
        assertEquals(7, custom.cramersV().size());
        assertEquals(7 * 7, entries(custom.pearson()));
        assertEquals(List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6"), custom.correlationScope().categorical());
        assertEquals(230, custom.correlationScope().categoricalTotal());
        DataProfile none = DataProfile.profiler().correlationColumns(0).profile(frame);
        assertTrue(none.pearson().isEmpty() && none.cramersV().isEmpty() && none.correlationScope().truncated());
        DataProfile all = DataProfile.profiler().correlationColumns(500).profile(frame);
        assertEquals(250, all.pearson().size());
        assertFalse(all.correlationScope().truncated());
        assertEquals(CorrelationScope.Selection.ALL, all.correlationScope().selection());
        assertThrows(IllegalArgumentException.class, () -> DataProfile.profiler().correlationColumns(-1));
    }

    @Test
    void withATargetTheMatrixKeepsTheTargetAndTheColumnsMostAssociatedWithIt() {
        Random random = new Random(4);
        int rows = 200;
        double[] target = new double[rows];
        for (int r = 0; r < rows; r++) {
            target[r] = random.nextGaussian();
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            double[] values = new double[rows];
            double weight = c % 10 == 9 ? 1.0 : 0.0; // c9, c19, c29, c39 follow the target; the rest are noise
            for (int r = 0; r < rows; r++) {
                values[r] = weight * target[r] + random.nextGaussian() * 0.1;
            }
            columns.add(NumericColumn.of("c" + c, values));
        }
        columns.add(NumericColumn.of("y", target));
        DataProfile profile = DataProfile.profiler().target("y").correlationColumns(5).profile(Frame.of(columns));
        CorrelationScope scope = profile.correlationScope();
        assertEquals(CorrelationScope.Selection.STRONGEST_TARGET_ASSOCIATION, scope.selection());
        assertEquals(List.of("c9", "c19", "c29", "c39", "y"), scope.numeric(), "kept in frame order");
        assertEquals(40, profile.targetAssociations().size(), "every column keeps its target association");
        assertEquals(41, DataProfile.of(Frame.of(columns), "y").correlationScope().numeric().size(),
                "the default bound keeps all 41 here");
    }

    @Test
    void aProfileWrittenBeforeTheBoundReadsAsUnbounded() {
        String before = "{\"rowCount\":2,\"columns\":[],\"pearson\":{\"x\":{\"x\":1.0}},\"cramersV\":{},"
                + "\"target\":null,\"targetAssociations\":{}}";
        DataProfile profile = DataProfile.fromJson(before);
        assertEquals(Integer.MAX_VALUE, profile.correlationScope().limit());
        assertEquals(List.of("x"), profile.correlationScope().numeric());
        assertFalse(profile.correlationScope().truncated());
        assertEquals(profile, DataProfile.fromJson(profile.toJson()));
    }

    @Test
    void aScopeThatDisagreesWithItsMatricesIsRefused() {
        String json = DataProfile.of(wide(3, 5, 5)).toJson().replace("\"numeric\":[\"c0\",", "\"numeric\":[\"zz\",");
        DataException e = assertThrows(DataException.class, () -> DataProfile.fromJson(json));
        assertTrue(e.reason().contains("correlation scope"), e.getMessage());
        String lying = DataProfile.of(wide(3, 5, 5)).toJson().replace("\"truncated\":false", "\"truncated\":true");
        assertThrows(DataException.class, () -> DataProfile.fromJson(lying));
    }

    @Test
    void cramersVOfTwoIdentifierColumnsNeedsMemoryForItsRowsNotForEveryPairOfCategories() {
        int rows = 100_000; // a dense table would need 100,000 x 100,000 cells: 80 GB
        String[] ids = new String[rows];
        String[] shuffled = new String[rows];
        for (int r = 0; r < rows; r++) {
            ids[r] = "id" + r;
            shuffled[r] = "other" + (r * 7919L % rows);
        }
        CategoricalColumn a = CategoricalColumn.of("a", ids);
        CategoricalColumn b = CategoricalColumn.of("b", shuffled);
        assertEquals(1.0, Associations.cramersV(a, b), 1e-9, "each id maps to one other: a perfect association");
        DataProfile profile = DataProfile.of(Frame.of(a, b), "b");
        assertEquals(1.0, profile.targetAssociations().get("a"), 1e-9);
    }

    /** Two categorical columns of up to 6 and 5 categories with missing values. */
    private static Gen<CategoricalColumn[]> columnPairs() {
        return in -> {
            int rows = (int) in.next(Constraint.between(0, 60));
            String[] x = new String[rows];
            String[] y = new String[rows];
            for (int r = 0; r < rows; r++) {
                long i = in.next(Constraint.between(0, 6));
                long j = in.next(Constraint.between(0, 5));
                x[r] = i == 6 ? null : "x" + i;
                y[r] = j == 5 ? null : "y" + j;
            }
            return new CategoricalColumn[] {CategoricalColumn.of("x", x), CategoricalColumn.of("y", y)};
        };
    }

    @Test
    void theSparseAndDenseContingencyTablesGiveTheSameCramersV() {
        qt().withExamples(500).forAll(columnPairs()).checkAssert(pair -> {
            double dense = Associations.cramersVDense(pair[0], pair[1]);
            double sparse = Associations.cramersVSparse(pair[0], pair[1]);
            if (Double.isNaN(dense)) {
                assertTrue(Double.isNaN(sparse), "sparse " + sparse);
            } else {
                assertEquals(dense, sparse, 1e-12);
            }
        });
    }

    @Test
    void theMatrixGivesExactlyThePairwisePearsonValues() {
        qt().withExamples(300).forAll(in -> {
            int rows = (int) in.next(Constraint.between(0, 30));
            List<NumericColumn> columns = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                NumericColumn.Builder b = NumericColumn.builder("n" + c);
                for (int r = 0; r < rows; r++) {
                    long pick = in.next(Constraint.between(0, 30));
                    if (pick == 0 && c == 2) {
                        b.addMissing();
                    } else if (pick == 1 && c == 2) {
                        b.add(Double.NaN);
                    } else {
                        b.add(pick < 5 ? 1.0 : in.next(Constraint.between(-1_000_000, 1_000_000)) / 997.0);
                    }
                }
                columns.add(b.build());
            }
            return columns;
        }).checkAssert(columns -> {
            Map<String, Map<String, Double>> matrix = PearsonMatrix.of(columns);
            for (NumericColumn x : columns) {
                for (NumericColumn y : columns) {
                    double expected = x == y ? 1.0 : Associations.pearson(x, y);
                    assertEquals(Double.doubleToLongBits(expected),
                            Double.doubleToLongBits(matrix.get(x.name()).get(y.name())), x.name() + "/" + y.name());
                }
            }
        });
    }
}
