package dev.mlops.core.prep;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Features;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.core.internal.NumericValues;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Column and row access shared by the steps, with the errors every step gives the same way. */
final class PrepColumns {

    private PrepColumns() {
    }

    static NumericColumn numeric(Frame frame, String name) {
        Column column = frame.column(name);
        if (!(column instanceof NumericColumn numeric)) {
            throw new IllegalArgumentException("column '" + name + "' is " + column.type() + "; this step needs numbers");
        }
        return numeric;
    }

    static CategoricalColumn categorical(Frame frame, String name) {
        Column column = frame.column(name);
        if (!(column instanceof CategoricalColumn categorical)) {
            throw new IllegalArgumentException("column '" + name + "' is " + column.type()
                    + "; this step needs categories");
        }
        return categorical;
    }

    /** The named columns, or every column of {@code type} when none is named. */
    static List<String> chosen(Frame frame, List<String> named, FieldType type) {
        if (!named.isEmpty()) {
            named.forEach(frame::column);
            return List.copyOf(named);
        }
        return frame.columns().stream().filter(c -> c.type() == type).map(Column::name).toList();
    }

    /** The finite non-missing values of a column, sorted; refuses a column without any. */
    static double[] finiteSorted(NumericColumn column) {
        double[] values = finite(column);
        Arrays.sort(values);
        return values;
    }

    /** The finite non-missing values of a column, in row order; refuses a column without any. */
    static double[] finite(NumericColumn column) {
        double[] values = NumericValues.finite(column);
        if (values.length == 0) {
            throw new IllegalArgumentException("column '" + column.name() + "' has no finite values to fit on");
        }
        return values;
    }

    /** NumPy's default (linear) percentile of sorted values, {@code q} in [0, 1]. */
    static double quantile(double[] sorted, double q) {
        return NumericValues.quantile(sorted, q);
    }

    /** Each column of {@code functions} replaced by the function applied to its present values. */
    static Frame apply(Frame frame, List<? extends NumericFunction> functions) {
        Frame result = frame;
        for (NumericFunction f : functions) {
            result = result.withColumn(map(numeric(frame, f.column()), f::apply));
        }
        return result;
    }

    /** The row with each function applied to its column's value, when present. */
    static Features apply(Features row, List<? extends NumericFunction> functions) {
        Features.Builder builder = row.toBuilder();
        for (NumericFunction f : functions) {
            Double value = number(row, f.column());
            if (value != null) {
                builder.set(f.column(), f.apply(value));
            }
        }
        return builder.build();
    }

    /** The column with {@code op} applied to every present value; missing values stay missing. */
    static NumericColumn map(NumericColumn column, DoubleUnaryOperator op) {
        NumericColumn.Builder builder = NumericColumn.builder(column.field(), column.size());
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                builder.addMissing();
            } else {
                builder.add(op.applyAsDouble(column.value(row)));
            }
        }
        return builder.build();
    }

    /** The number under {@code name} in a row, or null when missing. */
    static Double number(Features row, String name) {
        Object value = present(row, name);
        if (value != null && !(value instanceof Double)) {
            throw new IllegalArgumentException("feature '" + name + "' should be a number but is " + value);
        }
        return (Double) value;
    }

    /** The label under {@code name} in a row, or null when missing. */
    static String label(Features row, String name) {
        Object value = present(row, name);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("feature '" + name + "' should be a label but is " + value);
        }
        return (String) value;
    }

    /** The value under {@code name}, or null when missing; refuses an absent name. */
    static Object present(Features row, String name) {
        if (!row.contains(name)) {
            throw new IllegalArgumentException("feature '" + name + "' is absent; the preparation needs it. Features: "
                    + row.names());
        }
        return row.get(name);
    }

    /** The error for a value a step cannot transform; {@code row} is -1 for a single prediction row. */
    static DataException refused(String column, int row, String raw, String reason) {
        return new DataException(row < 0 ? "prediction row" : "frame row " + row, 0, column, raw, reason);
    }
}
