package dev.mlops.core.prep;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.List;

/**
 * Numeric values replaced by {@code ln(1 + value)}. A value at or below -1 is outside the domain and
 * refused with a {@link dev.mlops.api.DataException}, never turned into NaN or -Infinity silently.
 *
 * @param columns the transformed columns
 * @since 0.1
 */
public record Logged(List<String> columns) implements FittedStep {

    public Logged {
        columns = List.copyOf(columns);
    }

    static double apply(String column, int row, double value) {
        if (value <= -1) {
            throw PrepColumns.refused(column, row, Double.toString(value), "is at or below -1, outside the domain of"
                    + " ln(1 + x); clip or shift the column first");
        }
        return Math.log1p(value);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException      if a column is absent or not numeric
     * @throws dev.mlops.api.DataException if a value is at or below -1
     */
    @Override
    public Frame transform(Frame frame) {
        Frame result = frame;
        for (String name : columns) {
            NumericColumn column = PrepColumns.numeric(frame, name);
            NumericColumn.Builder builder = NumericColumn.builder(column.field(), column.size());
            for (int row = 0; row < column.size(); row++) {
                if (column.isMissing(row)) {
                    builder.addMissing();
                } else {
                    builder.add(apply(name, row, column.value(row)));
                }
            }
            result = result.withColumn(builder.build());
        }
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException      if a feature is absent or not a number
     * @throws dev.mlops.api.DataException if a value is at or below -1
     */
    @Override
    public Features transform(Features row) {
        Features.Builder builder = row.toBuilder();
        for (String name : columns) {
            Double value = PrepColumns.number(row, name);
            if (value != null) {
                builder.set(name, apply(name, -1, value));
            }
        }
        return builder.build();
    }
}
