package dev.mlops.core.split;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/** Row-index helpers shared by the splitters: grouping rows by a column's value, shuffling, allocating. */
final class RowGroups {

    private RowGroups() {
    }

    /** The rows of each value of a categorical or boolean column, in first-seen order; missing is its own stratum. */
    static List<int[]> strata(Frame frame, String column) {
        Column c = frame.column(column);
        if (!(c instanceof CategoricalColumn) && !(c instanceof BooleanColumn)) {
            throw new IllegalArgumentException("can only stratify by a categorical or boolean column; '" + column
                    + "' is " + c.type() + " (bin a numeric column first)");
        }
        return byValue(c);
    }

    /** The rows of each distinct value of any column, in first-seen order; missing values form one group. */
    static List<int[]> byValue(Column column) {
        Map<Object, List<Integer>> rows = new LinkedHashMap<>();
        Object missing = new Object();
        for (int row = 0; row < column.size(); row++) {
            Object key = Objects.requireNonNullElse(column.get(row), missing);
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<int[]> groups = new ArrayList<>(rows.size());
        for (List<Integer> group : rows.values()) {
            groups.add(group.stream().mapToInt(Integer::intValue).toArray());
        }
        return groups;
    }

    static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** Fisher-Yates shuffle of a copy. */
    static int[] shuffled(int[] rows, SplittableRandom random) {
        int[] copy = rows.clone();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return copy;
    }

    /**
     * How many of {@code size} items each part gets for the given fractions (summing to 1): each
     * count within one of {@code size * fraction}, and the counts summing to {@code size} (largest
     * remainders get the leftover items; ties go to the earlier part).
     */
    static int[] allocate(int size, double[] fractions) {
        int[] counts = new int[fractions.length];
        double[] remainders = new double[fractions.length];
        int assigned = 0;
        for (int p = 0; p < fractions.length; p++) {
            double exact = size * fractions[p];
            counts[p] = (int) Math.floor(exact);
            remainders[p] = exact - counts[p];
            assigned += counts[p];
        }
        for (int left = size - assigned; left > 0; left--) {
            int best = 0;
            for (int p = 1; p < fractions.length; p++) {
                if (remainders[p] > remainders[best]) {
                    best = p;
                }
            }
            counts[best]++;
            remainders[best] = -1;
        }
        return counts;
    }
}
