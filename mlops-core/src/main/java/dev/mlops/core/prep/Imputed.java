package dev.mlops.core.prep;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills missing values: numeric columns with a number, categorical ones with a label. NaN is a value
 * and is left alone.
 *
 * @param numbers the fill value of each numeric column
 * @param labels  the fill label of each categorical column
 * @since 0.1
 */
public record Imputed(Map<String, Double> numbers, Map<String, String> labels) implements FittedStep {

    public Imputed {
        numbers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    @Override
    public Frame transform(Frame frame) {
        Frame result = frame;
        for (Map.Entry<String, Double> fill : numbers.entrySet()) {
            double value = fill.getValue();
            NumericColumn column = PrepColumns.numeric(frame, fill.getKey());
            NumericColumn.Builder builder = NumericColumn.builder(column.field(), column.size());
            for (int row = 0; row < column.size(); row++) {
                builder.add(column.isMissing(row) ? value : column.value(row));
            }
            result = result.withColumn(builder.build());
        }
        for (Map.Entry<String, String> fill : labels.entrySet()) {
            CategoricalColumn column = PrepColumns.categorical(frame, fill.getKey());
            // work on codes: the fill label is a dictionary entry (added if new), so no row is re-encoded
            List<String> dictionary = new ArrayList<>(column.dictionary());
            int fillCode = column.codeOf(fill.getValue());
            if (fillCode == CategoricalColumn.MISSING) {
                fillCode = dictionary.size();
                dictionary.add(fill.getValue());
            }
            int[] codes = column.codes();
            for (int row = 0; row < codes.length; row++) {
                if (codes[row] == CategoricalColumn.MISSING) {
                    codes[row] = fillCode;
                }
            }
            result = result.withColumn(CategoricalColumn.ofCodes(column.field(), codes, dictionary));
        }
        return result;
    }

    @Override
    public Features transform(Features row) {
        Features.Builder builder = row.toBuilder();
        numbers.forEach((name, value) -> {
            if (PrepColumns.number(row, name) == null) {
                builder.set(name, value);
            }
        });
        labels.forEach((name, value) -> {
            if (PrepColumns.label(row, name) == null) {
                builder.set(name, value);
            }
        });
        return builder.build();
    }
}
