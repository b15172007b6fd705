package dev.mlops.core.train;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Features;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException;
import dev.mlops.api.InvalidInputException.Problem;
import dev.mlops.api.Prediction;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Model;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Signature;
import dev.mlops.api.model.Trainer;
import dev.mlops.core.prep.FittedChain;
import dev.mlops.core.prep.Prep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A preparation chain fitted on a frame's features and the model trained on what it made of them:
 * a {@link Model} of raw rows, and the light result of a fit. Cross-validation folds and tuning
 * trials use it as it is; {@code Training} adds the training profile and metadata to make a
 * bundle. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PreparedModel implements Model {

    private final Signature signature;
    private final FittedChain preparation;
    private final FittedModel model;
    private volatile CompiledModel compiled;

    private PreparedModel(Signature signature, FittedChain preparation, FittedModel model) {
        this.signature = Objects.requireNonNull(signature, "signature");
        this.preparation = Objects.requireNonNull(preparation, "preparation");
        this.model = Objects.requireNonNull(model, "model");
        if (signature.task() != model.task()) {
            throw new IllegalArgumentException("the signature is for " + signature.task() + " but the model does "
                    + model.task());
        }
        if (!signature.labels().equals(model.labels())) {
            throw new IllegalArgumentException("the signature's labels " + signature.labels()
                    + " differ from the model's " + model.labels());
        }
    }

    /**
     * Puts together parts that belong together.
     *
     * @throws IllegalArgumentException if the signature and the model disagree on task or labels
     */
    public static PreparedModel of(Signature signature, FittedChain preparation, FittedModel model) {
        return new PreparedModel(signature, preparation, model);
    }

    /**
     * Sets the target aside, fits {@code steps} on the features only (so the target can never leak
     * into the preparation or be needed to predict), and trains {@code trainer} on the prepared frame.
     *
     * @throws InvalidInputException    if the target is absent, the preparation makes a column named
     *         like it, or the prepared frame cannot train the algorithm, listing every problem
     * @throws IllegalArgumentException if a step needs a feature column that is absent, of the wrong type,
     *         or without values to learn from
     */
    public static PreparedModel fit(Trainer trainer, Frame train, String target, Prep.StepChain steps,
            ProgressListener listener) {
        requireTarget(train, target);
        return fit(trainer, train, target, steps.fit(train.drop(target)), listener);
    }

    /**
     * As {@link #fit(Trainer, Frame, String, Prep.StepChain, ProgressListener)}, with a chain already fitted on
     * the features.
     *
     * @throws InvalidInputException       if the target is absent, the chain makes a column named like it, or
     *         the prepared frame cannot train the algorithm, listing every problem
     * @throws IllegalArgumentException    if a step of the chain needs a feature column that is absent or of
     *         another type
     * @throws dev.mlops.api.DataException if a step of the chain cannot transform a value of the features
     */
    public static PreparedModel fit(Trainer trainer, Frame train, String target, FittedChain chain,
            ProgressListener listener) {
        Objects.requireNonNull(trainer, "trainer");
        requireTarget(train, target);
        Frame features = train.drop(target);
        Frame preparedFeatures = chain.transform(features);
        if (preparedFeatures.schema().contains(target)) {
            throw new InvalidInputException("preparation", List.of(new Problem(target,
                    "is produced by the preparation chain but is the target's name")));
        }
        FittedModel model = trainer.fit(preparedFeatures.withColumn(train.column(target)), target,
                Progress.guard(listener));
        Signature signature = new Signature(features.schema(), categories(features), target, trainer.task(),
                model.labels());
        return new PreparedModel(signature, chain, model);
    }

    /** What raw rows it takes and what it predicts. */
    public Signature signature() {
        return signature;
    }

    /** The fitted preparation. */
    public FittedChain preparation() {
        return preparation;
    }

    /** The backend model, which predicts prepared rows. */
    public FittedModel model() {
        return model;
    }

    @Override
    public Prediction predict(Features row) {
        signature.check(row);
        return compiled().predict(row);
    }

    /** The preparation and model compiled for single rows, built on first use. */
    public CompiledModel compiled() {
        CompiledModel made = compiled;
        if (made == null) {
            made = CompiledModel.of(signature.inputs(), preparation, model);
            compiled = made; // racing threads build equal values: no lock needed
        }
        return made;
    }

    /**
     * Predicts every row. The frame needs every input column with its type; other columns (such as
     * the target of a test frame) are ignored.
     *
     * @throws InvalidInputException listing every missing or mistyped input column
     */
    @Override
    public List<Prediction> predict(Frame frame) {
        List<Problem> problems = new ArrayList<>();
        for (Field field : signature.inputs().fields()) {
            if (!frame.schema().contains(field.name())) {
                problems.add(new Problem(field.name(), "is missing; the model needs every input, " + field.type()));
                continue;
            }
            Column column = frame.column(field.name());
            if (column.type() != field.type()) {
                problems.add(new Problem(field.name(), "is " + column.type() + "; the model needs " + field.type()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("frame to predict", problems);
        }
        return model.predict(preparation.transform(frame.select(signature.inputs().names())));
    }

    private static void requireTarget(Frame train, String target) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(target, "target");
        if (!train.schema().contains(target)) {
            throw new InvalidInputException("training frame", List.of(new Problem(target,
                    "is not a column; columns are " + train.schema().names())));
        }
    }

    /** The categories each categorical input actually holds in training, sorted. */
    private static Map<String, List<String>> categories(Frame features) {
        Map<String, List<String>> categories = new LinkedHashMap<>();
        for (Column column : features.columns()) {
            if (column instanceof CategoricalColumn labels) {
                TreeSet<String> seen = new TreeSet<>();
                for (int row = 0; row < labels.size(); row++) {
                    if (!labels.isMissing(row)) {
                        seen.add(labels.value(row));
                    }
                }
                categories.put(column.name(), List.copyOf(seen));
            }
        }
        return categories;
    }
}
