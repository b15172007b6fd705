package dev.mlops.core.internal;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;

/**
 * The class label of a target row as text, the same way for training and for evaluation: a
 * category's label, or {@code true}/{@code false}. Not part of the public API.
 */
public final class ClassLabels {

    private ClassLabels() {
    }

    /** The label of {@code row} of a categorical or boolean column, or null when it is missing. */
    public static String label(Column column, int row) {
        if (column instanceof CategoricalColumn labels) {
            return labels.get(row);
        }
        Boolean value = ((BooleanColumn) column).get(row);
        return value == null ? null : value.toString();
    }
}
