package dev.mlops.core.train.internal;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.InvalidInputException.Problem;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Schema;
import dev.mlops.api.model.Task;
import dev.mlops.core.internal.ClassLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Checks and conversions of a prepared training frame that every backend shares. */
public final class TrainingFrames {

    private TrainingFrames() {
    }

    /** The feature columns: every column but the target, in order. */
    public static Schema features(Frame prepared, String target) {
        List<Field> fields = new ArrayList<>();
        for (Field field : prepared.schema().fields()) {
            if (!field.name().equals(target)) {
                fields.add(field);
            }
        }
        return Schema.of(fields);
    }

    /**
     * Problems with the target: absent, of the wrong type for the task, missing values, fewer than
     * two classes, or non-finite numbers.
     */
    public static List<Problem> targetProblems(Frame prepared, String target, Task task) {
        List<Problem> problems = new ArrayList<>();
        if (!prepared.schema().contains(target)) {
            problems.add(new Problem(target, "is not a column; columns are " + prepared.schema().names()));
            return problems;
        }
        if (prepared.rowCount() == 0) {
            problems.add(new Problem(target, "has no rows to train on"));
            return problems;
        }
        Column column = prepared.column(target);
        FieldType type = column.field().type();
        if (task == Task.CLASSIFICATION) {
            if (type != FieldType.CATEGORICAL && type != FieldType.BOOLEAN) {
                problems.add(new Problem(target, "is " + type + "; a classifier needs a categorical or boolean target"));
            } else if (classes(prepared, target).size() < 2) {
                problems.add(new Problem(target, "has fewer than two classes: " + classes(prepared, target)));
            }
        } else if (type != FieldType.NUMERIC) {
            problems.add(new Problem(target, "is " + type + "; a regression needs a numeric target"));
        } else {
            NumericColumn numbers = (NumericColumn) column;
            for (int row = 0; row < numbers.size(); row++) {
                if (!numbers.isMissing(row) && !Double.isFinite(numbers.value(row))) {
                    problems.add(new Problem(target, "holds " + numbers.value(row) + " at row " + row));
                    break;
                }
            }
        }
        int missing = missingCount(column);
        if (missing > 0) {
            problems.add(new Problem(target, "has " + missing + " missing values (first at row " + firstMissing(column)
                    + "); drop those rows before training"));
        }
        return problems;
    }

    /**
     * Problems of feature columns for a backend that takes numbers only: categorical, text and
     * timestamp columns (encode them first), missing values (impute first) and non-finite numbers.
     * Booleans are accepted as 0 and 1.
     */
    public static List<Problem> numericFeatureProblems(Frame prepared, String target, String algorithm) {
        return featureProblems(prepared, target, algorithm, false);
    }

    /**
     * As {@link #numericFeatureProblems}, and when {@code nominal} is true categorical columns are
     * accepted too (without missing values).
     */
    public static List<Problem> featureProblems(Frame prepared, String target, String algorithm, boolean nominal) {
        List<Problem> problems = new ArrayList<>();
        Schema features = features(prepared, target);
        if (features.size() == 0) {
            problems.add(new Problem(target, "is the only column; there are no features"));
        }
        for (Field field : features.fields()) {
            Column column = prepared.column(field.name());
            switch (field.type()) {
                case NUMERIC -> {
                    NumericColumn numbers = (NumericColumn) column;
                    for (int row = 0; row < numbers.size(); row++) {
                        if (numbers.isMissing(row)) {
                            problems.add(new Problem(field.name(), "has missing values (first at row " + row + "); "
                                    + algorithm + " needs them imputed first"));
                            break;
                        }
                        if (!Double.isFinite(numbers.value(row))) {
                            problems.add(new Problem(field.name(), "holds " + numbers.value(row) + " at row " + row
                                    + "; " + algorithm + " needs finite numbers"));
                            break;
                        }
                    }
                }
                case BOOLEAN, CATEGORICAL -> {
                    if (field.type() == FieldType.CATEGORICAL && !nominal) {
                        problems.add(new Problem(field.name(), "is " + field.type() + "; " + algorithm
                                + " takes numbers only, so encode it first (one-hot or ordinal)"));
                    } else if (missingCount(column) > 0) {
                        problems.add(new Problem(field.name(), "has missing values (first at row "
                                + firstMissing(column) + "); " + algorithm + " needs them imputed first"));
                    }
                }
                default -> problems.add(new Problem(field.name(), "is " + field.type() + "; " + algorithm
                        + " takes numbers only, so encode it first (one-hot or ordinal)"));
            }
        }
        return problems;
    }

    /** Throws the problems as one {@link InvalidInputException}, if there are any. */
    public static void throwIfAny(String algorithm, List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException("training frame for " + algorithm, problems);
        }
    }

    /** The target's classes, sorted. */
    public static List<String> classes(Frame prepared, String target) {
        TreeSet<String> classes = new TreeSet<>();
        Column column = prepared.column(target);
        for (int row = 0; row < prepared.rowCount(); row++) {
            String label = ClassLabels.label(column, row);
            if (label != null) {
                classes.add(label);
            }
        }
        return List.copyOf(classes);
    }

    /** A feature column's values as doubles (booleans as 0 and 1). */
    public static double[] numbers(Column column) {
        if (column instanceof NumericColumn numbers) {
            return numbers.toArray();
        }
        BooleanColumn flags = (BooleanColumn) column;
        double[] values = new double[flags.size()];
        for (int row = 0; row < values.length; row++) {
            values[row] = flags.value(row) ? 1 : 0;
        }
        return values;
    }

    private static int missingCount(Column column) {
        int missing = 0;
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                missing++;
            }
        }
        return missing;
    }

    private static int firstMissing(Column column) {
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                return row;
            }
        }
        return -1;
    }
}
