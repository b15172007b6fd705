package dev.mlops.core.prep;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import java.util.List;
import java.util.Objects;

/**
 * Numeric values limited to {@code [lower, upper]}; NaN and missing values stay as they are.
 *
 * @param bounds each column's bounds
 * @since 0.1
 */
public record Clipped(List<Bounds> bounds) implements FittedStep {

    /**
     * @param column the column
     * @param lower  the smallest value kept
     * @param upper  the largest value kept
     */
    public record Bounds(String column, double lower, double upper) {
        public Bounds {
            Objects.requireNonNull(column, "column");
            if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
                throw new IllegalArgumentException("clip bounds of '" + column + "' must satisfy lower <= upper: "
                        + lower + ", " + upper);
            }
        }

        double apply(double value) {
            return Double.isNaN(value) ? value : Math.min(Math.max(value, lower), upper);
        }
    }

    public Clipped {
        bounds = List.copyOf(bounds);
    }

    @Override
    public Frame transform(Frame frame) {
        Frame result = frame;
        for (Bounds b : bounds) {
            result = result.withColumn(PrepColumns.map(PrepColumns.numeric(frame, b.column()), b::apply));
        }
        return result;
    }

    @Override
    public Features transform(Features row) {
        Features.Builder builder = row.toBuilder();
        for (Bounds b : bounds) {
            Double value = PrepColumns.number(row, b.column());
            if (value != null) {
                builder.set(b.column(), b.apply(value));
            }
        }
        return builder.build();
    }
}
