package dev.mlops.core.drift;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The current side of a drift comparison, summarised as the tests need it: each numeric column's
 * finite values, sorted, and each categorical or boolean column's label counts. A frame gives one
 * with {@link #of(Frame)}; a live window builds one straight from its preallocated columns with
 * {@link #builder()}, so no frame is built per window. {@link DriftReference#compare(DriftSample)}
 * decides on it exactly as {@link DriftReference#compare(Frame)} does on the frame. Immutable.
 *
 * @since 0.1
 */
public final class DriftSample {

    private final Map<String, double[]> numbers;
    private final Map<String, Map<String, Long>> labels;

    private DriftSample(Map<String, double[]> numbers, Map<String, Map<String, Long>> labels) {
        this.numbers = numbers;
        this.labels = labels;
    }

    /** The numeric, categorical and boolean columns of {@code frame}; timestamp and text columns are left out. */
    public static DriftSample of(Frame frame) {
        Builder builder = builder();
        for (Column column : frame.columns()) {
            if (column instanceof NumericColumn numeric) {
                double[] values = new double[numeric.size()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = numeric.isMissing(row) ? Double.NaN : numeric.value(row);
                }
                builder.numbers(column.name(), values, values.length);
            } else if (column instanceof CategoricalColumn || column instanceof BooleanColumn) {
                Object[] values = new Object[column.size()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = column.get(row);
                }
                builder.labels(column.name(), values, values.length);
            }
        }
        return builder.build();
    }

    /** A builder that takes columns in pieces, as a sliding window holds them. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code column} is one of the sample's numeric columns. */
    public boolean isNumeric(String column) {
        return numbers.containsKey(column);
    }

    /** Whether {@code column} is one of the sample's categorical or boolean columns. */
    public boolean isLabels(String column) {
        return labels.containsKey(column);
    }

    /** The finite values of numeric {@code column}, sorted; a view, not to be changed. */
    double[] sortedView(String column) {
        return numbers.get(column);
    }

    /** The label counts of {@code column}, in the order the labels were first seen. */
    Map<String, Long> counts(String column) {
        return labels.get(column);
    }

    @Override
    public String toString() {
        return "DriftSample[numbers " + numbers.keySet() + ", labels " + labels.keySet() + "]";
    }

    /** Collects the columns of a {@link DriftSample}; not thread-safe. */
    public static final class Builder {
        private final Map<String, double[]> numbers = new LinkedHashMap<>();
        private final Map<String, Integer> numberSizes = new HashMap<>();
        private final Map<String, Map<Object, long[]>> labels = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Appends the first {@code count} of {@code values} to numeric {@code column}; NaN and
         * infinities are left out, as missing.
         *
         * @throws IllegalArgumentException if {@code column} already holds labels, or {@code count} is
         *         negative or beyond the array
         */
        public Builder numbers(String column, double[] values, int count) {
            requireFree(column, labels, "labels");
            requireCount(column, count, values.length);
            double[] kept = numbers.getOrDefault(column, new double[0]);
            int size = numberSizes.getOrDefault(column, 0);
            if (kept.length - size < count) {
                kept = Arrays.copyOf(kept, Math.max(size + count, kept.length * 2));
            }
            for (int i = 0; i < count; i++) {
                double v = values[i];
                if (Double.isFinite(v)) {
                    kept[size++] = v;
                }
            }
            numbers.put(column, kept);
            numberSizes.put(column, size);
            return this;
        }

        /**
         * Counts the first {@code count} of {@code values} into categorical {@code column}, each by its
         * text ({@code toString}); nulls are missing and not counted.
         *
         * @throws IllegalArgumentException if {@code column} already holds numbers, or {@code count} is
         *         negative or beyond the array
         */
        public Builder labels(String column, Object[] values, int count) {
            requireFree(column, numbers, "numbers");
            requireCount(column, count, values.length);
            // counted by the value itself (its hash is cached for text), turned into text once per label
            Map<Object, long[]> counts = labels.computeIfAbsent(column, c -> new LinkedHashMap<>());
            for (int i = 0; i < count; i++) {
                Object value = values[i];
                if (value != null) {
                    long[] n = counts.get(value);
                    if (n == null) {
                        counts.put(value, new long[] {1});
                    } else {
                        n[0]++;
                    }
                }
            }
            return this;
        }

        private static void requireCount(String column, int count, int length) {
            if (count < 0 || count > length) {
                throw new IllegalArgumentException("column '" + column + "': " + count + " values asked of an array of "
                        + length);
            }
        }

        private static void requireFree(String column, Map<String, ?> other, String kind) {
            Objects.requireNonNull(column, "column");
            if (other.containsKey(column)) {
                throw new IllegalArgumentException("column '" + column + "' already holds " + kind);
            }
        }

        /** The sample: each numeric column sorted, each label column's counts by text. */
        public DriftSample build() {
            Map<String, double[]> sorted = new HashMap<>();
            numbers.forEach((name, kept) -> {
                double[] values = Arrays.copyOf(kept, numberSizes.get(name));
                Arrays.sort(values);
                sorted.put(name, values);
            });
            Map<String, Map<String, Long>> counted = new HashMap<>();
            labels.forEach((name, counts) -> {
                Map<String, Long> byText = new LinkedHashMap<>();
                counts.forEach((value, n) -> byText.merge(value.toString(), n[0], Long::sum));
                counted.put(name, byText);
            });
            return new DriftSample(sorted, counted);
        }
    }
}
