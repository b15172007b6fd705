package dev.mlops.core.train.internal;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.InvalidInputException.Problem;
import dev.mlops.api.NumericColumn;
import dev.mlops.api.Prediction;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smile.classification.LogisticRegression;
import smile.classification.SoftClassifier;
import smile.data.Tuple;
import smile.data.type.StructType;
import smile.regression.DataFrameRegression;

/**
 * A Smile model behind {@link FittedModel}. Rows are assembled by input index into the Smile
 * schema built once at training (nominal inputs as their category codes), so prediction does no
 * name lookups beyond reading the row.
 */
final class SmileModel implements FittedModel {

    /** Why an unseen category is refused, and the step that avoids it. */
    private static final String UNSEEN = "is not a category seen in training (Prep.groupRare before training"
            + " groups rare and unseen categories into one the model knows)";

    /** The format identifier in bundles. */
    public static final String FORMAT = "smile-java-serialization";

    /** How the Smile model is called. */
    enum Kind {
        /** A data-frame classifier with posterior probabilities (trees, forests, boosting). */
        TUPLE_CLASSIFIER,
        /** Logistic regression over a plain feature vector. */
        VECTOR_CLASSIFIER,
        /** A data-frame regression (linear models, trees, forests, boosting). */
        TUPLE_REGRESSION
    }

    private final Kind kind;
    private final Object model;
    private final Task task;
    private final Schema inputs;
    private final List<String> labels;
    private final Map<String, List<String>> dictionaries;
    private final List<Map<String, Integer>> codesByInput;
    private final StructType schema;

    SmileModel(Kind kind, Object model, Schema inputs, List<String> labels, Map<String, List<String>> dictionaries) {
        this.kind = kind;
        this.model = model;
        this.task = kind == Kind.TUPLE_REGRESSION ? Task.REGRESSION : Task.CLASSIFICATION;
        this.inputs = inputs;
        this.labels = List.copyOf(labels);
        this.dictionaries = Map.copyOf(dictionaries);
        this.codesByInput = new ArrayList<>();
        for (Field field : inputs.fields()) {
            List<String> dictionary = dictionaries.get(field.name());
            if (dictionary == null) {
                codesByInput.add(null);
            } else {
                Map<String, Integer> codes = new HashMap<>();
                for (int i = 0; i < dictionary.size(); i++) {
                    codes.put(dictionary.get(i), i);
                }
                codesByInput.add(codes);
            }
        }
        this.schema = SmileData.predictors(inputs, dictionaries);
        if (kind == Kind.TUPLE_CLASSIFIER && !(model instanceof SoftClassifier<?>)) {
            throw new IllegalArgumentException(model.getClass().getName() + " gives no probabilities");
        }
        if (kind == Kind.VECTOR_CLASSIFIER && !(model instanceof LogisticRegression)) {
            throw new IllegalArgumentException(model.getClass().getName() + " is not a logistic regression");
        }
        if (kind == Kind.TUPLE_REGRESSION && !(model instanceof DataFrameRegression)) {
            throw new IllegalArgumentException(model.getClass().getName() + " is not a regression");
        }
    }

    /**
     * A model from its serialized payload, read through the deserialization allow-list.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static SmileModel read(byte[] bytes, Task task, Schema inputs, List<String> labels) {
        Object value = SafeDeserialization.read(bytes);
        if (!(value instanceof SmilePayload payload)) {
            throw new IllegalArgumentException("the serialized object is not a Smile payload");
        }
        Map<String, List<String>> dictionaries = new LinkedHashMap<>(payload.dictionaries());
        for (String name : dictionaries.keySet()) {
            if (!inputs.contains(name)) {
                throw new IllegalArgumentException("categories for '" + name + "', which is not a declared input");
            }
        }
        SmileModel model = new SmileModel(Kind.valueOf(payload.kind()), payload.model(), inputs, labels, dictionaries);
        if (model.task() != task) {
            throw new IllegalArgumentException("the model is a " + model.task() + " model, not " + task);
        }
        return model;
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public Schema inputs() {
        return inputs;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public boolean probabilistic() {
        return task == Task.CLASSIFICATION;
    }

    @Override
    public Prediction predict(Features prepared) {
        Object[] values = new Object[inputs.size()];
        RowProblems problems = new RowProblems();
        for (int i = 0; i < values.length; i++) {
            String name = inputs.field(i).name();
            Object value = prepared.contains(name) ? prepared.get(name) : null;
            Map<String, Integer> codes = codesByInput.get(i);
            if (codes == null) {
                values[i] = problems.number(name, value);
            } else {
                Integer code = value instanceof String label ? codes.get(label) : null;
                if (code == null) {
                    problems.add(name, value == null ? "is missing" : "'" + value + "' " + UNSEEN);
                }
                values[i] = code;
            }
        }
        problems.throwIfAny();
        return predictRow(values);
    }

    @Override
    public List<Prediction> predict(Frame prepared) {
        int n = inputs.size();
        Object[][] columns = new Object[n][];
        for (int i = 0; i < n; i++) {
            columns[i] = column(prepared.column(inputs.field(i).name()), codesByInput.get(i));
        }
        List<Prediction> out = new ArrayList<>(prepared.rowCount());
        for (int row = 0; row < prepared.rowCount(); row++) {
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = columns[i][row];
            }
            out.add(predictRow(values));
        }
        return out;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public byte[] serialize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(SmilePayload.of(kind, dictionaries, model));
        } catch (IOException e) {
            throw new IllegalStateException("a Smile model serializes to memory", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Map<String, String> backendVersions() {
        return Backends.smileVersions();
    }

    @SuppressWarnings("unchecked")
    private Prediction predictRow(Object[] values) {
        switch (kind) {
            case TUPLE_REGRESSION:
                return Prediction.regression(((DataFrameRegression) model).predict(Tuple.of(values, schema)));
            case VECTOR_CLASSIFIER: {
                double[] x = new double[values.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (Double) values[i];
                }
                double[] posterior = new double[labels.size()];
                int index = ((LogisticRegression) model).predict(x, posterior);
                return classification(index, posterior);
            }
            default: {
                double[] posterior = new double[labels.size()];
                int index = ((SoftClassifier<Tuple>) model).predict(Tuple.of(values, schema), posterior);
                return classification(index, posterior);
            }
        }
    }

    private Prediction classification(int index, double[] posterior) {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < posterior.length; i++) {
            probabilities.put(labels.get(i), Math.min(1.0, Math.max(0.0, posterior[i])));
        }
        return Prediction.classification(labels.get(index), probabilities);
    }

    private static Object[] column(Column column, Map<String, Integer> codes) {
        Object[] values = new Object[column.size()];
        if (codes != null) {
            CategoricalColumn labels = (CategoricalColumn) column;
            List<Problem> problems = new ArrayList<>();
            for (int row = 0; row < values.length; row++) {
                Integer code = labels.isMissing(row) ? null : codes.get(labels.value(row));
                if (code == null && problems.isEmpty()) {
                    problems.add(new Problem(column.name(), (labels.isMissing(row) ? "is missing"
                            : "'" + labels.value(row) + "' " + UNSEEN) + " at row " + row));
                }
                values[row] = code;
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException("prepared frame", problems);
            }
            return values;
        }
        double[] numbers = TrainingFrames.numbers(column);
        for (int row = 0; row < values.length; row++) {
            if (column instanceof NumericColumn numeric && numeric.isMissing(row)) {
                throw new InvalidInputException("prepared frame", List.of(new Problem(column.name(),
                        "is missing at row " + row)));
            }
            values[row] = numbers[row];
        }
        return values;
    }
}
