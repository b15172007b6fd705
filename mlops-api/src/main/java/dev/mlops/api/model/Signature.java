package dev.mlops.api.model;

import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.InvalidInputException.Problem;
import dev.mlops.api.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Model} takes and gives: its raw input columns with their types and, for
 * categorical inputs, the categories seen in training; the target's name; and its output, the class
 * labels of a classifier or a number for a regression.
 *
 * <p>A request must name every input and nothing else: a left-out feature would be read as 0 by
 * some backends and as missing by others, and an unknown name would be silently ignored, so
 * {@link #check} refuses both.
 *
 * @param inputs     the raw input columns, in order (the target excluded)
 * @param categories for each categorical input, its categories seen in training, in order
 * @param target     the target column's name
 * @param task       classification or regression
 * @param labels     a classifier's labels in the model's order; empty for a regression
 * @since 0.1
 */
public record Signature(Schema inputs, Map<String, List<String>> categories, String target, Task task,
        List<String> labels) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if categories are given for a name that is not a categorical input, the
     *         target is an input, a regression has labels, or a classifier has fewer than two
     */
    public Signature {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(task, "task");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        categories.forEach((name, known) -> {
            Field field = inputs.field(name).orElseThrow(() -> new IllegalArgumentException(
                    "categories given for '" + name + "', which is not an input"));
            if (field.type() != FieldType.CATEGORICAL) {
                throw new IllegalArgumentException("categories given for '" + name + "', which is " + field.type());
            }
            copy.put(name, List.copyOf(known));
        });
        categories = java.util.Collections.unmodifiableMap(copy);
        labels = List.copyOf(labels);
        if (inputs.contains(target)) {
            throw new IllegalArgumentException("the target '" + target + "' must not be an input");
        }
        if (task == Task.REGRESSION && !labels.isEmpty()) {
            throw new IllegalArgumentException("a regression has no labels");
        }
        if (task == Task.CLASSIFICATION && labels.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two labels, has " + labels);
        }
    }

    /** Every problem of {@code row} against the inputs; empty when it can be predicted. */
    public List<Problem> problems(Features row) {
        List<Problem> problems = new ArrayList<>();
        for (Field field : inputs.fields()) {
            if (!row.contains(field.name())) {
                problems.add(new Problem(field.name(), "is missing; the model needs every input, " + field.type()));
                continue;
            }
            Object value = row.get(field.name());
            if (value == null) {
                if (!field.nullable()) {
                    problems.add(new Problem(field.name(), "has no value, and the model was trained without"
                            + " missing values here"));
                }
            } else if (!field.type().accepts(value)) {
                problems.add(new Problem(field.name(), "is " + value.getClass().getSimpleName() + " '" + value
                        + "'; the model needs " + field.type()));
            }
        }
        for (String name : row.names()) {
            if (!inputs.contains(name)) {
                problems.add(new Problem(name, "is not an input of the model; inputs are " + inputs.names()));
            }
        }
        return problems;
    }

    /**
     * Checks a row.
     *
     * @throws InvalidInputException listing every problem, if there is any
     */
    public void check(Features row) {
        List<Problem> problems = problems(row);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("prediction request", problems);
        }
    }
}
