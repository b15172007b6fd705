package dev.mlops.core.train;

import dev.mlops.api.model.Task;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;

/**
 * A linear classifier fitted by Tribuo's SGD with a choice of loss (hinge gives a linear SVM
 * without probabilities, log gives logistic regression) and optimiser. Scale numeric features first.
 *
 * @since 0.1
 */
public final class TribuoLinearSgd extends TribuoTrainer<TribuoLinearSgd> {

    /** The loss. */
    public enum Loss {
        /** Hinge loss: a linear support vector machine; no probabilities. */
        HINGE,
        /** Multinomial log loss: logistic regression; probabilities. */
        LOG
    }

    /** The loss; default hinge. */
    public static final Option<Loss> LOSS = Option.choice("loss", Loss.HINGE, "hinge (linear SVM) or log");
    /** The optimiser; default AdaGrad. */
    public static final Option<Optimiser> OPTIMISER = Option.choice("optimiser", Optimiser.ADAGRAD,
            "adagrad, adam or sgd");
    /** The learning rate; default 1.0 (AdaGrad), use about 0.001 for Adam. */
    public static final Option<Double> LEARNING_RATE = Option.real("learningRate", 1.0, 1e-9, 1e6, "learning rate");
    /** Passes over the data; default 10. */
    public static final Option<Integer> EPOCHS = Option.integer("epochs", 10, 1, 100_000, "passes over the data");
    /** Examples per gradient step; default 1. */
    public static final Option<Integer> MINIBATCH = Option.integer("minibatchSize", 1, 1, 1_000_000,
            "examples per gradient step");

    private static final List<Option<?>> OPTIONS = List.of(LOSS, OPTIMISER, LEARNING_RATE, EPOCHS, MINIBATCH);

    TribuoLinearSgd() {
        this(Map.of(), DEFAULT_SEED);
    }

    private TribuoLinearSgd(Map<String, Object> values, long seed) {
        super("tribuo.linear-sgd", Task.CLASSIFICATION, OPTIONS, values, seed);
    }

    /** Sets {@link #LOSS}. */
    public TribuoLinearSgd loss(Loss loss) {
        return with(LOSS, loss);
    }

    /** Sets {@link #OPTIMISER}. */
    public TribuoLinearSgd optimiser(Optimiser optimiser) {
        return with(OPTIMISER, optimiser);
    }

    /** Sets {@link #LEARNING_RATE}. */
    public TribuoLinearSgd learningRate(double rate) {
        return with(LEARNING_RATE, rate);
    }

    /** Sets {@link #EPOCHS}. */
    public TribuoLinearSgd epochs(int epochs) {
        return with(EPOCHS, epochs);
    }

    @Override
    protected TribuoLinearSgd copy(Map<String, Object> values, long seed) {
        return new TribuoLinearSgd(values, seed);
    }

    @Override
    protected org.tribuo.Trainer<Label> classifier() {
        LabelObjective objective = get(LOSS) == Loss.HINGE ? new Hinge() : new LogMulticlass();
        return new LinearSGDTrainer(objective, get(OPTIMISER).create(get(LEARNING_RATE)), get(EPOCHS),
                logInterval(), get(MINIBATCH), seed());
    }
}
