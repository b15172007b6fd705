package dev.mlops.core.train;

import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException.Problem;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Task;
import dev.mlops.core.train.internal.TrainingFrames;
import dev.mlops.core.train.internal.TribuoData;
import dev.mlops.core.train.internal.TribuoModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

/**
 * A Tribuo algorithm. Tribuo takes numbers only: the prepared frame's features must be numeric or
 * boolean, complete and finite (encode categories and impute first); the error lists every column
 * that is not.
 *
 * @param <S> the subclass
 * @since 0.1
 */
public abstract class TribuoTrainer<S extends TribuoTrainer<S>> extends AlgorithmTrainer<S> {

    protected TribuoTrainer(String algorithm, Task task, List<Option<?>> options, Map<String, Object> values,
            long seed) {
        super(algorithm, task, options, values, seed);
    }

    /** The configured Tribuo trainer for classification. */
    protected org.tribuo.Trainer<Label> classifier() {
        throw new UnsupportedOperationException(algorithm() + " does not classify");
    }

    /** The configured Tribuo trainer for regression. */
    protected org.tribuo.Trainer<Regressor> regressor() {
        throw new UnsupportedOperationException(algorithm() + " does not regress");
    }

    @Override
    protected final void check(Frame prepared, String target) {
        List<Problem> problems = new ArrayList<>(TrainingFrames.targetProblems(prepared, target, task()));
        if (prepared.schema().contains(target)) {
            problems.addAll(TrainingFrames.numericFeatureProblems(prepared, target, algorithm()));
        }
        TrainingFrames.throwIfAny(algorithm(), problems);
    }

    @Override
    protected final FittedModel train(Frame prepared, String target, ProgressListener listener) {
        Schema inputs = TrainingFrames.features(prepared, target);
        if (task() == Task.CLASSIFICATION) {
            Model<Label> model = classifier().train(TribuoData.classification(prepared, target, inputs));
            return new TribuoModel(model, task(), inputs, TrainingFrames.classes(prepared, target));
        }
        Model<Regressor> model = regressor().train(TribuoData.regression(prepared, target, inputs));
        return new TribuoModel(model, task(), inputs, List.of());
    }

    /** Tribuo logs each SGD epoch at this interval; once per run is plenty. */
    static int quietLogInterval() {
        return Integer.MAX_VALUE;
    }
}
