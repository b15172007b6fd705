package dev.mlops.core.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.TimestampColumn;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/** The invariants every split promises, over random frames, fractions and seeds. */
class SplitPropertyTest {

    /** A frame with a label "y" (up to 4 values and missing), a group id "g" and a time "t" with ties. */
    private static Gen<Frame> frames() {
        return in -> {
            int n = (int) in.next(Constraint.between(0, 150));
            int labels = (int) in.next(Constraint.between(1, 4));
            int groups = (int) in.next(Constraint.between(1, 30));
            CategoricalColumn.Builder y = CategoricalColumn.builder(Field.categorical("y"), n);
            NumericColumn.Builder g = NumericColumn.builder(Field.numeric("g"), n);
            TimestampColumn.Builder t = TimestampColumn.builder(Field.timestamp("t"), n);
            for (int i = 0; i < n; i++) {
                long label = in.next(Constraint.between(0, labels));
                y.add(label == labels ? null : "c" + label);
                g.add(in.next(Constraint.between(0, groups)));
                t.addMicros(in.next(Constraint.between(0, 40)) * 1_000_000L);
            }
            return Frame.of(y.build(), g.build(), t.build());
        };
    }

    private static Gen<double[]> fractions() {
        return in -> {
            double train = in.next(Constraint.between(5, 90)) / 100.0;
            double validation = in.next(Constraint.between(0, 1)) == 0 ? 0
                    : in.next(Constraint.between(0, (long) ((0.95 - train) * 100))) / 100.0;
            return new double[] {train, validation};
        };
    }

    private static Gen<Long> seeds() {
        return in -> in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static Split holdout(double[] f) {
        Split split = Split.holdout(f[0]);
        return f[1] > 0 ? split.validation(f[1]) : split;
    }

    private static void assertPartitions(int n, int[]... parts) {
        Set<Integer> seen = new HashSet<>();
        int total = 0;
        for (int[] part : parts) {
            for (int row : part) {
                assertTrue(seen.add(row), "row " + row + " is in two parts");
                assertTrue(row >= 0 && row < n);
            }
            total += part.length;
        }
        assertEquals(n, total, "every row is in a part");
    }

    private static int[][] parts(Partition p) {
        return new int[][] {p.trainRows(), p.validationRows(), p.testRows()};
    }

    @Test
    void randomAndStratifiedHoldoutsPartitionWithinOneRowOfExactShares() {
        qt().withExamples(300).forAll(frames(), fractions(), seeds()).checkAssert((frame, f, seed) -> {
            double[] shares = {f[0], f[1], 1 - f[0] - f[1]};
            int[][] random = parts(holdout(f).seed(seed).apply(frame));
            assertPartitions(frame.rowCount(), random);
            for (int p = 0; p < 3; p++) {
                assertTrue(Math.abs(random[p].length - frame.rowCount() * shares[p]) < 1, "part " + p);
            }
            Partition stratified = holdout(f).stratifiedBy("y").seed(seed).apply(frame);
            int[][] parts = parts(stratified);
            assertPartitions(frame.rowCount(), parts);
            CategoricalColumn y = frame.categorical("y");
            Map<String, Integer> total = new HashMap<>();
            for (int row = 0; row < frame.rowCount(); row++) {
                total.merge(Objects.toString(y.value(row)), 1, Integer::sum);
            }
            for (int p = 0; p < 3; p++) {
                Map<String, Integer> inPart = new HashMap<>();
                for (int row : parts[p]) {
                    inPart.merge(Objects.toString(y.value(row)), 1, Integer::sum);
                }
                for (Map.Entry<String, Integer> label : total.entrySet()) {
                    double exact = label.getValue() * shares[p];
                    assertTrue(Math.abs(inPart.getOrDefault(label.getKey(), 0) - exact) < 1,
                            "label " + label.getKey() + " in part " + p);
                }
            }
        });
    }

    @Test
    void groupsNeverStraddleParts() {
        qt().withExamples(300).forAll(frames(), fractions(), seeds()).checkAssert((frame, f, seed) -> {
            int[][] parts = parts(holdout(f).groupedBy("g").seed(seed).apply(frame));
            assertPartitions(frame.rowCount(), parts);
            Map<Double, Integer> partOfGroup = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                for (int row : parts[p]) {
                    Integer earlier = partOfGroup.put(frame.numeric("g").value(row), p);
                    assertTrue(earlier == null || earlier == p, "group split across parts");
                }
            }
        });
    }

    @Test
    void timeOrderedPartsAreStrictlyOrdered() {
        qt().withExamples(300).forAll(frames(), fractions()).checkAssert((frame, f) -> {
            Split split = Split.timeOrdered("t", f[0]);
            int[][] parts = parts(f[1] > 0 ? split.validation(f[1]).apply(frame) : split.apply(frame));
            assertPartitions(frame.rowCount(), parts);
            TimestampColumn t = frame.timestamp("t");
            for (int earlier = 0; earlier < 3; earlier++) {
                for (int later = earlier + 1; later < 3; later++) {
                    for (int a : parts[earlier]) {
                        for (int b : parts[later]) {
                            assertTrue(t.epochMicros(a) < t.epochMicros(b), "time order between parts");
                        }
                    }
                }
            }
        });
    }

    @Test
    void foldsHoldOutEveryRowOnceWithBalancedSizesAndStrata() {
        qt().withExamples(300).forAll(frames(), seeds()).checkAssert((frame, seed) -> {
            int k = 2 + (int) Math.floorMod(seed, 5);
            if (frame.rowCount() < k) {
                return;
            }
            for (KFold kFold : List.of(Split.kFold(k).seed(seed), Split.kFold(k).stratifiedBy("y").seed(seed))) {
                List<Fold> folds = kFold.apply(frame);
                assertEquals(k, folds.size());
                assertPartitions(frame.rowCount(), folds.stream().map(Fold::testRows).toArray(int[][]::new));
                int min = folds.stream().mapToInt(fold -> fold.testRows().length).min().orElseThrow();
                int max = folds.stream().mapToInt(fold -> fold.testRows().length).max().orElseThrow();
                assertTrue(max - min <= 1, "fold sizes " + min + ".." + max);
                for (Fold fold : folds) {
                    assertPartitions(frame.rowCount(), fold.trainRows(), fold.testRows());
                }
            }
            List<Fold> stratified = Split.kFold(k).stratifiedBy("y").seed(seed).apply(frame);
            Map<String, Integer> total = new HashMap<>();
            CategoricalColumn y = frame.categorical("y");
            for (int row = 0; row < frame.rowCount(); row++) {
                total.merge(Objects.toString(y.value(row)), 1, Integer::sum);
            }
            for (Fold fold : stratified) {
                Map<String, Integer> inFold = new HashMap<>();
                for (int row : fold.testRows()) {
                    inFold.merge(Objects.toString(y.value(row)), 1, Integer::sum);
                }
                total.forEach((label, count) -> assertTrue(
                        Math.abs(inFold.getOrDefault(label, 0) - count / (double) k) < 1, "label " + label));
            }
        });
    }

    @Test
    void theSameSeedGivesTheSameSplit() {
        qt().withExamples(100).forAll(frames(), fractions(), seeds()).checkAssert((frame, f, seed) -> {
            assertArrayEquals(holdout(f).stratifiedBy("y").seed(seed).apply(frame).trainRows(),
                    holdout(f).stratifiedBy("y").seed(seed).apply(frame).trainRows());
            assertArrayEquals(holdout(f).groupedBy("g").seed(seed).apply(frame).testRows(),
                    holdout(f).groupedBy("g").seed(seed).apply(frame).testRows());
        });
    }
}
