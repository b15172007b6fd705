package dev.mlops.core.eval;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.Model;
import dev.mlops.api.model.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A classifier's metrics per value of one column (on Adult: per {@code sex} or {@code race}),
 * the gaps between groups, and the group {@link Fairness} of its decisions, because a model that
 * is accurate on average can fail one group. The column may be an input or any other column of the
 * frame; missing values form their own group, {@value Fairness#MISSING_GROUP}.
 *
 * @param column   the slicing column
 * @param overall  metrics on every row
 * @param slices   metrics per group, by group value in sorted order
 * @param fairness selection and true positive rates per group and their gaps
 * @since 0.1
 */
public record SlicedEvaluation(String column, ClassificationMetrics overall, Map<String, ClassificationMetrics> slices,
        Fairness fairness) {

    public SlicedEvaluation {
        slices = Collections.unmodifiableMap(new LinkedHashMap<>(slices));
    }

    /**
     * Evaluates {@code model} on {@code test} per value of {@code column}; the favourable label is
     * the binary model's positive class (its second label) unless given.
     *
     * @throws IllegalArgumentException if the model is not a classifier, the column is absent, or
     *         a multi-class model is given no favourable label
     */
    public static SlicedEvaluation of(Model model, Frame test, String column) {
        List<String> labels = model.signature().labels();
        if (labels.size() != 2) {
            throw new IllegalArgumentException("name the favourable label of a " + labels.size() + "-class model");
        }
        return of(model, test, column, labels.get(1));
    }

    /**
     * As {@link #of(Model, Frame, String)} with {@code positive} as the favourable label.
     *
     * @throws IllegalArgumentException if the model is not a classifier or the frame has no such column
     */
    public static SlicedEvaluation of(Model model, Frame test, String column, String positive) {
        if (model.signature().task() != Task.CLASSIFICATION) {
            throw new IllegalArgumentException("sliced evaluation needs a classifier");
        }
        if (!test.schema().contains(column)) {
            throw new IllegalArgumentException("no column '" + column + "'; columns are " + test.schema().names());
        }
        List<String> labels = model.signature().labels();
        String binaryPositive = labels.size() == 2 ? positive : null;
        List<String> actual = Evaluation.actualLabels(test, model.signature().target());
        List<Prediction> predicted = model.predict(test);
        List<String> groups = groups(test.column(column));
        Map<String, List<Integer>> rowsByGroup = new TreeMap<>();
        for (int row = 0; row < groups.size(); row++) {
            rowsByGroup.computeIfAbsent(groups.get(row), g -> new ArrayList<>()).add(row);
        }
        Map<String, ClassificationMetrics> slices = new LinkedHashMap<>();
        rowsByGroup.forEach((group, rows) -> {
            List<String> sliceActual = new ArrayList<>(rows.size());
            List<Prediction> slicePredicted = new ArrayList<>(rows.size());
            for (int row : rows) {
                sliceActual.add(actual.get(row));
                slicePredicted.add(predicted.get(row));
            }
            slices.put(group, ClassificationMetrics.of(labels, binaryPositive, sliceActual, slicePredicted));
        });
        List<String> predictedLabels = predicted.stream().map(p -> ((Prediction.Classification) p).label()).toList();
        return new SlicedEvaluation(column, ClassificationMetrics.of(labels, binaryPositive, actual, predicted), slices,
                Fairness.of(column, positive, groups, actual, predictedLabels));
    }

    /**
     * The largest minus the smallest value of {@code metric} (a key of {@link ClassificationMetrics#asMap()}) across groups.
     *
     * @throws IllegalArgumentException if no slice reports that metric
     */
    public double gap(String metric) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (ClassificationMetrics slice : slices.values()) {
            Double value = slice.asMap().get(metric);
            if (value == null) {
                throw new IllegalArgumentException("no metric '" + metric + "'; metrics are " + slice.asMap().keySet());
            }
            if (!Double.isNaN(value)) {
                max = Math.max(max, value);
                min = Math.min(min, value);
            }
        }
        return max < min ? Double.NaN : max - min;
    }

    private static List<String> groups(Column column) {
        List<String> groups = new ArrayList<>(column.size());
        for (int row = 0; row < column.size(); row++) {
            Object value = column.get(row);
            groups.add(value == null ? Fairness.MISSING_GROUP : value.toString());
        }
        return groups;
    }
}
