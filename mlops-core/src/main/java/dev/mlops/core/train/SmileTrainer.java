package dev.mlops.core.train;

import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException.Problem;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Task;
import dev.mlops.core.train.internal.SmileFits;
import dev.mlops.core.train.internal.TrainingFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Smile 2.6.0 algorithm (LGPL 3; later Smile releases are GPL and are never used). Tree-based
 * Smile algorithms take categorical columns as they are (nominal splits, several times faster than
 * one-hot encoding); linear ones need numbers. Features must be complete and finite. Smile's
 * randomness is per thread, so training seeds the calling thread (and forests seed every tree).
 *
 * @param <S> the subclass
 * @since 0.1
 */
public abstract class SmileTrainer<S extends SmileTrainer<S>> extends AlgorithmTrainer<S> {

    protected SmileTrainer(String algorithm, Task task, List<Option<?>> options, Map<String, Object> values,
            long seed) {
        super(algorithm, task, options, values, seed);
    }

    /** Whether categorical columns may be passed as nominal features. */
    protected abstract boolean acceptsNominal();

    /** Fits the Smile model; the calling thread is seeded already. */
    protected abstract FittedModel fitSmile(SmileFits.Input input);

    @Override
    protected final void check(Frame prepared, String target) {
        List<Problem> problems = new ArrayList<>(TrainingFrames.targetProblems(prepared, target, task()));
        if (prepared.schema().contains(target)) {
            problems.addAll(TrainingFrames.featureProblems(prepared, target, algorithm(), acceptsNominal()));
        }
        TrainingFrames.throwIfAny(algorithm(), problems);
    }

    @Override
    protected final FittedModel train(Frame prepared, String target, ProgressListener listener) {
        smile.math.MathEx.setSeed(seed());
        return fitSmile(SmileFits.Input.of(prepared, target, task(), seed()));
    }
}
