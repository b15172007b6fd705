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
    public record Bounds(String column, double lower, double upper) implements NumericFunction {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException unless lower &lt;= upper
         */
        public Bounds {
            Objects.requireNonNull(column, "column");
            if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
                throw new IllegalArgumentException("clip bounds of '" + column + "' must satisfy lower <= upper: "
                        + lower + ", " + upper);
            }
        }

        @Override
        public double apply(double value) {
            return Double.isNaN(value) ? value : Math.min(Math.max(value, lower), upper);
        }
    }

    public Clipped {
        bounds = List.copyOf(bounds);
    }

    @Override
    public Frame transform(Frame frame) {
        return PrepColumns.apply(frame, bounds);
    }

    @Override
    public Features transform(Features row) {
        return PrepColumns.apply(row, bounds);
    }
}
