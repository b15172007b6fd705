package dev.mlops.core.train;

import dev.mlops.api.model.Task;
import java.util.List;
import java.util.Map;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Least-squares linear regression fitted by Tribuo's SGD. Standardize numeric features first: SGD
 * on unscaled features converges slowly or diverges.
 *
 * @since 0.1
 */
public final class TribuoLinearRegression extends TribuoTrainer<TribuoLinearRegression> {

    /** Passes over the data; default 20. */
    public static final Option<Integer> EPOCHS = Option.integer("epochs", 20, 1, 100_000, "passes over the data");
    /** The optimiser; default AdaGrad. */
    public static final Option<Optimiser> OPTIMISER = Option.choice("optimiser", Optimiser.ADAGRAD,
            "adagrad, adam or sgd");
    /** The learning rate; default 0.5. */
    public static final Option<Double> LEARNING_RATE = Option.real("learningRate", 0.5, 1e-9, 1e6, "learning rate");
    /** Examples per gradient step; default 1. */
    public static final Option<Integer> MINIBATCH = Option.integer("minibatchSize", 1, 1, 1_000_000,
            "examples per gradient step");

    private static final List<Option<?>> OPTIONS = List.of(EPOCHS, OPTIMISER, LEARNING_RATE, MINIBATCH);

    TribuoLinearRegression() {
        this(Map.of(), DEFAULT_SEED);
    }

    private TribuoLinearRegression(Map<String, Object> values, long seed) {
        super("tribuo.linear-regression", Task.REGRESSION, OPTIONS, values, seed);
    }

    /** Sets {@link #EPOCHS}. */
    public TribuoLinearRegression epochs(int epochs) {
        return with(EPOCHS, epochs);
    }

    /** Sets {@link #LEARNING_RATE}. */
    public TribuoLinearRegression learningRate(double rate) {
        return with(LEARNING_RATE, rate);
    }

    @Override
    protected TribuoLinearRegression copy(Map<String, Object> values, long seed) {
        return new TribuoLinearRegression(values, seed);
    }

    @Override
    protected org.tribuo.Trainer<Regressor> regressor() {
        return new LinearSGDTrainer(new SquaredLoss(), get(OPTIMISER).create(get(LEARNING_RATE)), get(EPOCHS),
                logInterval(), get(MINIBATCH), seed());
    }
}
