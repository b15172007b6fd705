package dev.mlops.core.prep;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One categorical column's categories as seen in training, in sorted order.
 *
 * @param column     the column
 * @param categories the known categories, sorted, without repeats
 * @since 0.1
 */
public record Encoding(String column, List<String> categories) {

    /** The code for a category outside {@link #categories()}. */
    static final int UNSEEN = -2;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the categories are not sorted without repeats
     */
    public Encoding {
        Objects.requireNonNull(column, "column");
        categories = List.copyOf(categories);
        for (int i = 1; i < categories.size(); i++) {
            if (categories.get(i - 1).compareTo(categories.get(i)) >= 0) {
                throw new IllegalArgumentException("categories of '" + column + "' must be sorted without repeats: "
                        + categories);
            }
        }
    }

    static Encoding fit(Frame frame, String name) {
        CategoricalColumn column = PrepColumns.categorical(frame, name);
        boolean[] used = new boolean[column.dictionarySize()];
        for (int row = 0; row < column.size(); row++) {
            int code = column.code(row);
            if (code != CategoricalColumn.MISSING) {
                used[code] = true;
            }
        }
        TreeSet<String> seen = new TreeSet<>();
        for (int code = 0; code < used.length; code++) {
            if (used[code]) {
                seen.add(column.label(code));
            }
        }
        return new Encoding(name, List.copyOf(seen));
    }

    /**
     * The code of {@code label}: its position among the sorted categories, {@link CategoricalColumn#MISSING}
     * for null, or {@link #UNSEEN}. A binary search, so a single prediction row builds nothing.
     */
    int code(String label) {
        if (label == null) {
            return CategoricalColumn.MISSING;
        }
        int index = Collections.binarySearch(categories, label);
        return index >= 0 ? index : UNSEEN;
    }
}
