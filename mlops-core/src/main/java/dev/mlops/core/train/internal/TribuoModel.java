package dev.mlops.core.train.internal;

import dev.mlops.api.Column;
import dev.mlops.api.Features;
import dev.mlops.api.Frame;
import dev.mlops.api.Prediction;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Task;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import org.tribuo.VariableInfo;
import org.tribuo.protos.core.ModelProto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * A Tribuo model behind {@link FittedModel}. Feature names are sorted once (Tribuo keeps an
 * example's features sorted by name), so each prediction only fills an array in that order: every
 * input is always present, never left to default to 0 or to missing.
 */
public final class TribuoModel implements FittedModel {

    /** The format identifier in bundles. */
    public static final String FORMAT = "tribuo-protobuf";

    private final Model<?> model;
    private final Task task;
    private final Schema inputs;
    private final List<String> labels;
    private final String[] sortedNames;
    /** For each sorted name, its input position: {@code predictNumbers} gets values in input order. */
    private final int[] sortedFrom;

    /**
     * @param model  the trained Tribuo model
     * @param task   classification ({@code Label} outputs) or regression ({@code Regressor})
     * @param inputs the numeric or boolean feature columns, in frame order
     * @param labels a classifier's labels, sorted; empty for a regression
     */
    public TribuoModel(Model<?> model, Task task, Schema inputs, List<String> labels) {
        this.model = model;
        this.task = task;
        this.inputs = inputs;
        this.labels = List.copyOf(labels);
        this.sortedNames = sortedNames(inputs);
        this.sortedFrom = java.util.Arrays.stream(sortedNames).mapToInt(inputs::indexOf).toArray();
    }

    /**
     * A model from its protobuf bytes. The message is parsed first and its class name checked to
     * be Tribuo's before Tribuo instantiates anything; then the model's labels and features must be
     * those the bundle declares.
     *
     * @throws IllegalArgumentException saying what does not fit
     */
    public static TribuoModel read(byte[] bytes, Task task, Schema inputs, List<String> labels) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a Tribuo protobuf model: " + e.getMessage(), e);
        }
        String className = proto.getClassName();
        if (!className.startsWith("org.tribuo.")) {
            throw new IllegalArgumentException("the protobuf names the class '" + className
                    + "', which is not a Tribuo model; refused before loading it");
        }
        Model<?> model;
        try {
            model = Model.deserialize(proto);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Tribuo cannot rebuild the model: " + e.getMessage(), e);
        }
        Set<String> known = new HashSet<>(inputs.names());
        for (VariableInfo feature : model.getFeatureIDMap()) {
            if (!known.contains(feature.getName())) {
                throw new IllegalArgumentException("the model reads the feature '" + feature.getName()
                        + "', which is not among the declared inputs");
            }
        }
        if (task == Task.CLASSIFICATION) {
            Set<String> domain = new HashSet<>();
            for (Object output : model.getOutputIDInfo().getDomain()) {
                if (!(output instanceof Label label)) {
                    throw new IllegalArgumentException("the model does not classify");
                }
                domain.add(label.getLabel());
            }
            if (!domain.equals(new HashSet<>(labels))) {
                throw new IllegalArgumentException("the model's labels " + domain + " differ from the declared "
                        + labels);
            }
        } else if (!(model.getOutputIDInfo().getDomain().iterator().next() instanceof Regressor)) {
            throw new IllegalArgumentException("the model does not regress");
        }
        return new TribuoModel(model, task, inputs, labels);
    }

    /** Feature names sorted as Tribuo examples hold them. */
    static String[] sortedNames(Schema inputs) {
        return inputs.names().stream().sorted().toArray(String[]::new);
    }

    /** The wrapped Tribuo model. */
    public Model<?> tribuoModel() {
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
        return task == Task.CLASSIFICATION && model.generatesProbabilities();
    }

    @Override
    public Prediction predict(Features prepared) {
        double[] values = new double[sortedNames.length];
        RowProblems problems = new RowProblems();
        for (int i = 0; i < sortedNames.length; i++) {
            String name = sortedNames[i];
            values[i] = problems.number(name, prepared.contains(name) ? prepared.get(name) : null);
        }
        problems.throwIfAny();
        return convert(predictOne(values));
    }

    @Override
    public Prediction predictNumbers(double[] values) {
        if (values.length != sortedFrom.length) {
            throw new IllegalArgumentException("expected " + sortedFrom.length + " values, one per input, got "
                    + values.length);
        }
        double[] sorted = new double[sortedFrom.length];
        RowProblems problems = null;
        for (int i = 0; i < sorted.length; i++) {
            double value = values[sortedFrom[i]];
            if (!Double.isFinite(value)) {
                problems = problems != null ? problems : new RowProblems();
                problems.number(sortedNames[i], value);
            }
            sorted[i] = value;
        }
        if (problems != null) {
            problems.throwIfAny();
        }
        return convert(predictOne(sorted));
    }

    @Override
    public List<Prediction> predict(Frame prepared) {
        double[][] columns = new double[sortedNames.length][];
        RowProblems problems = new RowProblems();
        for (int i = 0; i < sortedNames.length; i++) {
            Column column = prepared.column(sortedNames[i]);
            columns[i] = TrainingFrames.numbers(column);
            for (int row = 0; row < columns[i].length; row++) {
                if (!Double.isFinite(columns[i][row])) { // Tribuo would answer such a row with no output at all
                    problems.add(sortedNames[i], "row " + row + " is " + columns[i][row] + ", not a finite number");
                    break;
                }
            }
        }
        problems.throwIfAny();
        List<Example<?>> examples = new ArrayList<>(prepared.rowCount());
        for (int row = 0; row < prepared.rowCount(); row++) {
            double[] values = new double[columns.length];
            for (int i = 0; i < columns.length; i++) {
                values[i] = columns[i][row];
            }
            examples.add(example(values));
        }
        List<Prediction> out = new ArrayList<>(examples.size());
        for (org.tribuo.Prediction<?> p : predictAll(examples)) {
            out.add(convert(p));
        }
        return out;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public byte[] serialize() {
        return model.serialize().toByteArray();
    }

    @Override
    public Map<String, String> backendVersions() {
        return Backends.tribuoVersions(model);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private org.tribuo.Prediction<?> predictOne(double[] values) {
        return ((Model) model).predict(example(values));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<org.tribuo.Prediction<?>> predictAll(List<Example<?>> examples) {
        return ((Model) model).predict((Iterable) examples);
    }

    private Example<?> example(double[] values) {
        Output<?> unknown = task == Task.CLASSIFICATION ? LabelFactory.UNKNOWN_LABEL
                : RegressionFactory.UNKNOWN_REGRESSOR;
        return newExample(unknown, values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Example<?> newExample(Output<?> output, double[] values) {
        return new PresortedExample(output, sortedNames, values);
    }

    private Prediction convert(org.tribuo.Prediction<?> prediction) {
        if (task == Task.REGRESSION) {
            return Prediction.regression(((Regressor) prediction.getOutput()).getValues()[0]);
        }
        String label = ((Label) prediction.getOutput()).getLabel();
        if (!prediction.hasProbabilities()) {
            return Prediction.classification(label);
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        Map<String, ?> scores = prediction.getOutputScores();
        for (String name : labels) {
            Label scored = (Label) scores.get(name);
            double p = scored == null ? 0.0 : scored.getScore();
            probabilities.put(name, Math.min(1.0, Math.max(0.0, p)));
        }
        return Prediction.classification(label, probabilities);
    }
}
