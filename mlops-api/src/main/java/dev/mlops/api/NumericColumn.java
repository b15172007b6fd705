package dev.mlops.api;

import java.util.Arrays;

/**
 * A column of {@code double} values with an explicit missing-value mask. NaN and the infinities are
 * ordinary values here; only the mask says a value is missing.
 *
 * @since 0.1
 */
public final class NumericColumn extends BaseColumn implements Column {

    private final double[] values;
    /** Missing-value bits indexed like {@link #values}; null when nothing is missing. */
    private final long[] missing;

    NumericColumn(Field field, double[] values, long[] missing, int offset, int size) {
        super(field, FieldType.NUMERIC, offset, size);
        this.values = values;
        this.missing = missing;
        checkNullability();
    }

    /** A nullable column of the given values, none missing. The array is copied. */
    public static NumericColumn of(String name, double... values) {
        return new NumericColumn(Field.numeric(name), values.clone(), null, 0, values.length);
    }

    /** A builder for a nullable numeric column. */
    public static Builder builder(String name) {
        return new Builder(Field.numeric(name), 16);
    }

    /**
     * A builder for a column of the given numeric field, with room for {@code expectedSize} values.
     *
     * @throws IllegalArgumentException if the field is not numeric or {@code expectedSize} is negative
     */
    public static Builder builder(Field field, int expectedSize) {
        return new Builder(field, expectedSize);
    }

    /** The value at {@code row}: NaN when missing, so check {@link #isMissing(int)} where that matters. */
    public double value(int row) {
        return values[index(row)];
    }

    @Override
    public boolean isMissing(int row) {
        int index = index(row);
        return missing != null && Bits.get(missing, index);
    }

    /** Whether any value is missing. Cheaper than {@code missingCount() > 0} on columns never sliced. */
    public boolean hasMissing() {
        return missing != null && missingCount() > 0;
    }

    @Override
    int countMissing() {
        return missing == null ? 0 : Bits.count(missing, offset, offset + size);
    }

    @Override
    public Double get(int row) {
        return isMissing(row) ? null : values[offset + row];
    }

    /** A copy of the values, NaN where missing. */
    public double[] toArray() {
        return Arrays.copyOfRange(values, offset, offset + size);
    }

    @Override
    public NumericColumn slice(int from, int to) {
        checkRange(from, to, size);
        return new NumericColumn(field, values, missing, offset + from, to - from);
    }

    @Override
    public NumericColumn take(int[] rows) {
        Builder builder = new Builder(field, rows.length);
        for (int row : rows) {
            if (isMissing(row)) {
                builder.addMissing();
            } else {
                builder.add(values[offset + row]);
            }
        }
        return builder.build();
    }

    @Override
    public NumericColumn withField(Field newField) {
        checkFieldChange(field, newField);
        return new NumericColumn(newField, values, missing, offset, size);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NumericColumn other) || !field.equals(other.field) || size != other.size) {
            return false;
        }
        for (int row = 0; row < size; row++) {
            boolean miss = isMissing(row);
            if (miss != other.isMissing(row)
                    || !miss && Double.doubleToLongBits(value(row)) != Double.doubleToLongBits(other.value(row))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hashCells(this);
    }

    /** Appends values one at a time without boxing. Not thread-safe; {@link #build()} once. */
    public static final class Builder {
        private final Field field;
        private double[] values;
        private long[] missing;
        private int size;

        private Builder(Field field, int expectedSize) {
            if (field.type() != FieldType.NUMERIC) {
                throw new IllegalArgumentException("field '" + field.name() + "' is not numeric");
            }
            if (expectedSize < 0) {
                throw new IllegalArgumentException("expected size must not be negative: " + expectedSize);
            }
            this.field = field;
            this.values = new double[Math.max(expectedSize, 8)];
        }

        /** Appends a value; NaN and infinities are kept as values. */
        public Builder add(double value) {
            if (size == values.length) {
                grow();
            }
            values[size++] = value;
            return this;
        }

        /** Appends a missing value. */
        public Builder addMissing() {
            if (size == values.length) {
                grow();
            }
            if (missing == null) {
                missing = Bits.words(values.length);
            }
            Bits.set(missing, size);
            values[size++] = Double.NaN;
            return this;
        }

        /** The number of values appended so far. */
        public int size() {
            return size;
        }

        /**
         * The column; the builder must not be used afterwards.
         *
         * @throws IllegalArgumentException if the field is required and a missing value was appended
         */
        public NumericColumn build() {
            double[] exact = size == values.length ? values : Arrays.copyOf(values, size);
            long[] mask = missing == null ? null : Arrays.copyOf(missing, (size + 63) >>> 6);
            values = null;
            return new NumericColumn(field, exact, mask, 0, size);
        }

        private void grow() {
            int capacity = Math.max(8, values.length + (values.length >> 1));
            values = Arrays.copyOf(values, capacity);
            if (missing != null) {
                missing = Arrays.copyOf(missing, (capacity + 63) >>> 6);
            }
        }
    }
}
