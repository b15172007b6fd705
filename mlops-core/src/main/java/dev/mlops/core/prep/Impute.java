package dev.mlops.core.prep;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.internal.NumericValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How missing values are filled, fitted over the present (and, for numbers, finite) values.
 *
 * @since 0.1
 */
public enum Impute {
    /** The mean of a numeric column. */
    MEAN,
    /** The median of a numeric column (the mean of the two middle values for an even count). */
    MEDIAN,
    /** The most frequent value of a numeric or categorical column; ties go to the smallest. */
    MOST_FREQUENT;

    Imputed fit(Frame frame, List<String> named) {
        List<String> columns = named.isEmpty()
                ? frame.columns().stream().filter(c -> c.missingCount() > 0 && (c.type() == FieldType.NUMERIC
                        || this == MOST_FREQUENT && c.type() == FieldType.CATEGORICAL)).map(Column::name).toList()
                : named;
        Map<String, Double> numbers = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (String name : columns) {
            Column column = frame.column(name);
            if (column instanceof NumericColumn numeric) {
                numbers.put(name, numberFor(this == MEAN ? PrepColumns.finite(numeric) : PrepColumns.finiteSorted(numeric)));
            } else if (column instanceof CategoricalColumn categorical && this == MOST_FREQUENT) {
                labels.put(name, mostFrequentLabel(categorical));
            } else {
                throw new IllegalArgumentException("cannot impute " + name() + " for column '" + name + "' of type "
                        + column.type());
            }
        }
        return new Imputed(numbers, labels);
    }

    /** The fill value; {@code sorted} must be in order except for {@link #MEAN}. */
    private double numberFor(double[] sorted) {
        return switch (this) {
            case MEAN -> NumericValues.mean(sorted);
            case MEDIAN -> PrepColumns.quantile(sorted, 0.5);
            case MOST_FREQUENT -> {
                double best = sorted[0];
                int bestRun = 0;
                for (int i = 0; i < sorted.length; ) {
                    int j = i;
                    while (j < sorted.length && sorted[j] == sorted[i]) {
                        j++;
                    }
                    if (j - i > bestRun) {
                        best = sorted[i];
                        bestRun = j - i;
                    }
                    i = j;
                }
                yield best;
            }
        };
    }

    /** Counts by dictionary code, then breaks ties by label: no per-row string work. */
    private static String mostFrequentLabel(CategoricalColumn column) {
        long[] counts = new long[column.dictionarySize()];
        for (int row = 0; row < column.size(); row++) {
            int code = column.code(row);
            if (code != CategoricalColumn.MISSING) {
                counts[code]++;
            }
        }
        String best = null;
        long bestCount = 0;
        for (int code = 0; code < counts.length; code++) {
            String label = column.label(code);
            if (counts[code] > bestCount || counts[code] == bestCount && counts[code] > 0 && label.compareTo(best) < 0) {
                best = label;
                bestCount = counts[code];
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("column '" + column.name() + "' has no values to fit on");
        }
        return best;
    }
}
