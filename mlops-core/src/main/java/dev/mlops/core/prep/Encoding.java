package dev.mlops.core.prep;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    public Encoding {
        Objects.requireNonNull(column, "column");
        categories = List.copyOf(categories);
        if (new TreeSet<>(categories).size() != categories.size()) {
            throw new IllegalArgumentException("categories of '" + column + "' repeat: " + categories);
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

    /** Index lookup, built per transform call (records hold only the persisted state). */
    Map<String, Integer> index() {
        Map<String, Integer> index = new HashMap<>(categories.size() * 2);
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i), i);
        }
        return index;
    }

    /** The code of {@code label}: its index, {@link CategoricalColumn#MISSING} for null, or {@link #UNSEEN}. */
    static int code(Map<String, Integer> index, String label) {
        if (label == null) {
            return CategoricalColumn.MISSING;
        }
        return index.getOrDefault(label, UNSEEN);
    }
}
