package dev.mlops.core.prep;

import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.core.internal.NumericValues;
import java.util.List;
import java.util.Objects;

/**
 * Numeric columns rescaled as {@code (value - center) / scale}; missing values stay missing.
 *
 * @param kind    how the centers and scales were fitted
 * @param columns each column's center and scale
 * @since 0.1
 */
public record Scaled(Kind kind, List<Scaling> columns) implements FittedStep {

    /** How a scaler fits its center and scale (over finite, non-missing values; a zero scale becomes 1). */
    public enum Kind {
        /** Mean and population standard deviation. */
        STANDARD,
        /** Minimum and range. */
        MIN_MAX,
        /** Median and interquartile range (NumPy's linear percentiles). */
        ROBUST
    }

    /**
     * One column's fitted parameters.
     *
     * @param column the column
     * @param center subtracted first
     * @param scale  divided by next; never 0
     */
    public record Scaling(String column, double center, double scale) implements NumericFunction {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if the center or the scale is not finite, or the scale is 0
         */
        public Scaling {
            Objects.requireNonNull(column, "column");
            if (!Double.isFinite(center) || !Double.isFinite(scale) || scale == 0) {
                throw new IllegalArgumentException("scaling of '" + column + "' needs a finite center and a finite,"
                        + " non-zero scale: " + center + ", " + scale);
            }
        }

        @Override
        public double apply(double value) {
            return (value - center) / scale;
        }
    }

    public Scaled {
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
    }

    static Scaled fit(Kind kind, List<String> named, Frame frame) {
        List<Scaling> scalings = PrepColumns.chosen(frame, named, dev.mlops.api.FieldType.NUMERIC).stream()
                .map(name -> scaling(kind, name, kind == Kind.ROBUST
                        ? PrepColumns.finiteSorted(PrepColumns.numeric(frame, name))
                        : PrepColumns.finite(PrepColumns.numeric(frame, name))))
                .toList();
        return new Scaled(kind, scalings);
    }

    /** Fits one column; {@code values} are sorted only for {@link Kind#ROBUST}, the one that needs order. */
    private static Scaling scaling(Kind kind, String name, double[] values) {
        double center;
        double scale;
        switch (kind) {
            case STANDARD -> {
                center = NumericValues.mean(values);
                scale = NumericValues.populationStd(values);
            }
            case MIN_MAX -> {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : values) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                center = min;
                scale = max - min;
            }
            default -> {
                center = PrepColumns.quantile(values, 0.5);
                scale = PrepColumns.quantile(values, 0.75) - PrepColumns.quantile(values, 0.25);
            }
        }
        return new Scaling(name, center, scale == 0 || !Double.isFinite(scale) ? 1 : scale);
    }

    @Override
    public Frame transform(Frame frame) {
        return PrepColumns.apply(frame, columns);
    }

    @Override
    public Features transform(Features row) {
        return PrepColumns.apply(row, columns);
    }
}
