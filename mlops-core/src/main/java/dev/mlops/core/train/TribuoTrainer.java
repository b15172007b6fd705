package dev.mlops.core.train;

import dev.mlops.api.Frame;
import dev.mlops.api.InvalidInputException.Problem;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Task;
import dev.mlops.core.train.internal.TrainingFrames;
import dev.mlops.core.train.internal.TribuoData;
import dev.mlops.core.train.internal.SgdEpochs;
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

    /**
     * The configured Tribuo trainer for classification, for a fit whose finer progress (such as
     * boosting rounds) goes to {@code listener}; by default {@link #classifier()}.
     */
    protected org.tribuo.Trainer<Label> classifier(ProgressListener listener) {
        return classifier();
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
        int epochs = sgdEpochs();
        if (task() == Task.CLASSIFICATION) {
            var data = TribuoData.classification(prepared, target, inputs);
            Model<Label> model = epochs == 0 ? classifier(listener).train(data)
                    : SgdEpochs.during(listener, algorithm(), epochs, perEpoch(prepared),
                            () -> withLogInterval(perEpoch(prepared), () -> classifier().train(data)));
            return new TribuoModel(model, task(), inputs, TrainingFrames.classes(prepared, target));
        }
        var data = TribuoData.regression(prepared, target, inputs);
        Model<Regressor> model = epochs == 0 ? regressor().train(data)
                : SgdEpochs.during(listener, algorithm(), epochs, perEpoch(prepared),
                        () -> withLogInterval(perEpoch(prepared), () -> regressor().train(data)));
        return new TribuoModel(model, task(), inputs, List.of());
    }

    /** Iterations of one epoch: one per minibatch. */
    private long perEpoch(Frame prepared) {
        int minibatch = sgdMinibatch();
        return Math.max(1, (prepared.rowCount() + minibatch - 1) / minibatch);
    }

    /** The epochs of an SGD trainer (its option {@code epochs}), whose progress is reported per epoch; 0 for others. */
    private int sgdEpochs() {
        return integerOption("epochs", 0);
    }

    /** An SGD trainer's minibatch size (its option {@code minibatchSize}). */
    private int sgdMinibatch() {
        return integerOption("minibatchSize", 1);
    }

    private int integerOption(String name, int absent) {
        for (Option<?> option : options()) {
            if (option.name().equals(name) && option.type() == Integer.class) {
                return (Integer) get(option);
            }
        }
        return absent;
    }

    /** The log interval the SGD trainer being built on this thread uses (set only while it trains). */
    private static final ThreadLocal<Integer> LOG_INTERVAL = new ThreadLocal<>();

    private static <T> T withLogInterval(long interval, java.util.function.Supplier<T> training) {
        LOG_INTERVAL.set((int) Math.min(Integer.MAX_VALUE, interval));
        try {
            return training.get();
        } finally {
            LOG_INTERVAL.remove();
        }
    }

    /**
     * The interval, in iterations, at which a Tribuo SGD trainer logs: once per epoch while it trains
     * (what {@link SgdEpochs} turns into progress), otherwise never. Logging does not change the fit.
     */
    static int logInterval() {
        Integer interval = LOG_INTERVAL.get();
        return interval == null ? Integer.MAX_VALUE : interval;
    }
}
