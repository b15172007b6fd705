package dev.mlops.core.prep;

import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import java.util.List;
import java.util.Objects;

/**
 * A numeric column computed from an arithmetic expression over other numeric columns (see
 * {@link Prep#derive(String, String)} for the syntax), added at the end or replacing a column of the
 * same name in place. The value is missing when any referenced value is missing; otherwise the
 * arithmetic follows IEEE 754. The state is the expression's text, parsed again when loaded.
 *
 * @param column     the new column's name
 * @param expression the expression's text
 * @since 0.1
 */
public record Derived(String column, String expression) implements FittedStep {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException naming the position, if the expression does not parse, or the limit
     *         it exceeds (see {@link Prep#derive(String, String)})
     */
    public Derived {
        Objects.requireNonNull(column, "column");
        Expression.parse(expression);
    }

    @Override
    public Frame transform(Frame frame) {
        Expression parsed = Expression.parse(expression);
        List<NumericColumn> inputs = parsed.columns().stream().map(name -> PrepColumns.numeric(frame, name)).toList();
        NumericColumn.Builder builder = NumericColumn.builder(Field.numeric(column), frame.rowCount());
        int[] row = new int[1];
        for (row[0] = 0; row[0] < frame.rowCount(); row[0]++) {
            boolean missing = false;
            for (NumericColumn input : inputs) {
                missing |= input.isMissing(row[0]);
            }
            if (missing) {
                builder.addMissing();
            } else {
                builder.add(parsed.eval(i -> inputs.get(i).value(row[0])));
            }
        }
        return frame.withColumn(builder.build());
    }

    @Override
    public Features transform(Features row) {
        Expression parsed = Expression.parse(expression);
        double[] values = new double[parsed.columns().size()];
        boolean missing = false;
        for (int i = 0; i < values.length; i++) {
            Double value = PrepColumns.number(row, parsed.columns().get(i));
            if (value == null) {
                missing = true;
            } else {
                values[i] = value;
            }
        }
        return row.toBuilder().set(column, missing ? null : (Object) parsed.eval(i -> values[i])).build();
    }
}
