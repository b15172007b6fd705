package dev.mlops.core.prep;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.internal.NumberText;
import java.util.List;
import java.util.Objects;

/**
 * Columns converted to another type, in place: numbers to categories (exact text: {@code 3}, {@code 2.5}),
 * categories to numbers (plain decimals only; anything else is refused with a
 * {@link dev.mlops.api.DataException}, never coerced), and booleans to numbers (0/1) or to categories
 * ({@code true}/{@code false}). Missing values stay missing.
 *
 * @param conversions what each column becomes
 * @since 0.1
 */
public record Converted(List<Conversion> conversions) implements FittedStep {

    /**
     * @param column the column
     * @param from   its type in training
     * @param to     its new type
     */
    public record Conversion(String column, FieldType from, FieldType to) {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if the column cannot be converted between those types
         */
        public Conversion {
            Objects.requireNonNull(column, "column");
            boolean supported = from == FieldType.NUMERIC && to == FieldType.CATEGORICAL
                    || from == FieldType.CATEGORICAL && to == FieldType.NUMERIC
                    || from == FieldType.BOOLEAN && (to == FieldType.NUMERIC || to == FieldType.CATEGORICAL);
            if (!supported) {
                throw new IllegalArgumentException("cannot convert '" + column + "' from " + from + " to " + to);
            }
        }

        /** The converted value of a present one; {@code row} is -1 for a prediction row. */
        Object apply(Object value, int row) {
            if (from == FieldType.NUMERIC) {
                return NumberText.format((Double) value);
            }
            if (from == FieldType.BOOLEAN) {
                boolean b = (Boolean) value;
                return to == FieldType.NUMERIC ? (Object) (b ? 1.0 : 0.0) : Boolean.toString(b);
            }
            Double number = NumberText.parse((String) value);
            if (number == null) {
                throw PrepColumns.refused(column, row, (String) value, NumberText.problem((String) value)
                        + "; it cannot become a number");
            }
            return number;
        }
    }

    public Converted {
        conversions = List.copyOf(conversions);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException      if a converted column is absent, or not of the type it had in
     *         training
     * @throws dev.mlops.api.DataException if a category to become a number is not a plain decimal
     */
    @Override
    public Frame transform(Frame frame) {
        Frame result = frame;
        for (Conversion c : conversions) {
            Column column = frame.column(c.column());
            if (column.type() != c.from()) {
                throw new IllegalArgumentException("column '" + c.column() + "' is " + column.type() + ", expected "
                        + c.from());
            }
            Field field = Field.of(c.column(), c.to());
            if (c.to() == FieldType.NUMERIC) {
                NumericColumn.Builder builder = NumericColumn.builder(field, column.size());
                for (int row = 0; row < column.size(); row++) {
                    Object value = column.get(row);
                    if (value == null) {
                        builder.addMissing();
                    } else {
                        builder.add((Double) c.apply(value, row));
                    }
                }
                result = result.withColumn(builder.build());
            } else {
                CategoricalColumn.Builder builder = CategoricalColumn.builder(field, column.size());
                for (int row = 0; row < column.size(); row++) {
                    Object value = column.get(row);
                    builder.add(value == null ? null : (String) c.apply(value, row));
                }
                result = result.withColumn(builder.build());
            }
        }
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException      if a converted feature is absent, or its value not of the type
     *         the column had in training
     * @throws dev.mlops.api.DataException if a category to become a number is not a plain decimal
     */
    @Override
    public Features transform(Features row) {
        Features.Builder builder = row.toBuilder();
        for (Conversion c : conversions) {
            Object value = PrepColumns.present(row, c.column());
            Class<?> expected = c.from() == FieldType.NUMERIC ? Double.class
                    : c.from() == FieldType.BOOLEAN ? Boolean.class : String.class;
            if (value != null && !expected.isInstance(value)) {
                throw new IllegalArgumentException("feature '" + c.column() + "' should be " + c.from() + " but is "
                        + value);
            }
            builder.set(c.column(), value == null ? null : c.apply(value, -1));
        }
        return builder.build();
    }

    static Converted fit(Frame frame, String column, FieldType to) {
        return new Converted(List.of(new Conversion(column, frame.column(column).type(), to)));
    }

}
