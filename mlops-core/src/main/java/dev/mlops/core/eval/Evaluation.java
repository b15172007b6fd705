package dev.mlops.core.eval;

import dev.mlops.api.Column;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.model.Model;
import dev.mlops.api.model.Task;
import dev.mlops.core.internal.ClassLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a model on a frame holding its inputs and its target column (named in the model's
 * signature).
 *
 * @since 0.1
 */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * Classification metrics of {@code model} on {@code test}.
     *
     * @throws IllegalArgumentException if the model is not a classifier, the target is absent, neither
     *         categorical nor boolean, or has missing values, a test label is not one of the model's
     *         classes, or the frame has no rows
     */
    public static ClassificationMetrics classification(Model model, Frame test) {
        requireTask(model, Task.CLASSIFICATION);
        List<String> actual = actualLabels(test, model.signature().target());
        return ClassificationMetrics.of(model.signature().labels(), actual, model.predict(test));
    }

    /**
     * Regression metrics of {@code model} on {@code test}.
     *
     * @throws IllegalArgumentException if the model is not a regression model, the target is absent, not
     *         numeric or has missing values, or the frame has no rows or a target or prediction that is not
     *         finite
     */
    public static RegressionMetrics regression(Model model, Frame test) {
        requireTask(model, Task.REGRESSION);
        String target = model.signature().target();
        requireColumn(test, target);
        NumericColumn values = test.numeric(target);
        if (values.hasMissing()) {
            throw new IllegalArgumentException("target '" + target + "' has missing values; drop those rows first");
        }
        return RegressionMetrics.of(values.toArray(), model.predict(test));
    }

    /**
     * The headline metrics of either task, by name.
     *
     * @throws IllegalArgumentException as {@link #classification} or {@link #regression} does: if the
     *         target is absent, of the wrong type or has missing values, a test label is not one of a
     *         classifier's classes, or the frame has no rows
     */
    public static Map<String, Double> metrics(Model model, Frame test) {
        return model.signature().task() == Task.CLASSIFICATION ? classification(model, test).asMap()
                : regression(model, test).asMap();
    }

    /**
     * The actual labels of a classifier's target column, as text.
     *
     * @throws IllegalArgumentException if the target is absent, neither categorical nor boolean, or
     *         missing in a row
     */
    public static List<String> actualLabels(Frame test, String target) {
        requireColumn(test, target);
        Column column = test.column(target);
        if (column.type() != FieldType.CATEGORICAL && column.type() != FieldType.BOOLEAN) {
            throw new IllegalArgumentException("target '" + target + "' is " + column.type()
                    + "; a classifier's target is categorical or boolean");
        }
        List<String> actual = new ArrayList<>(test.rowCount());
        for (int row = 0; row < test.rowCount(); row++) {
            String label = ClassLabels.label(column, row);
            if (label == null) {
                throw new IllegalArgumentException("target '" + target + "' is missing at row " + row
                        + "; drop those rows first");
            }
            actual.add(label);
        }
        return actual;
    }

    private static void requireTask(Model model, Task task) {
        if (model.signature().task() != task) {
            throw new IllegalArgumentException("the model is a " + model.signature().task() + " model, not " + task);
        }
    }

    private static void requireColumn(Frame test, String target) {
        if (!test.schema().contains(target)) {
            throw new IllegalArgumentException("the frame has no target column '" + target + "'; columns are "
                    + test.schema().names());
        }
    }
}
