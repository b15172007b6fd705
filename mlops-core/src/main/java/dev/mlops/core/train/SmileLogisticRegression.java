package dev.mlops.core.train;

import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Task;
import dev.mlops.core.train.internal.SmileFits;
import java.util.List;
import java.util.Map;

/**
 * Smile's logistic regression by L-BFGS, binomial or multinomial, with an L2 penalty. Takes numbers
 * only. The default penalty (0.1) keeps a full one-hot encoding, which is collinear, from running
 * into the iteration cap.
 *
 * @since 0.1
 */
public final class SmileLogisticRegression extends SmileTrainer<SmileLogisticRegression> {

    /** L2 penalty; default 0.1. */
    public static final Option<Double> LAMBDA = Option.real("lambda", 0.1, 0, 1e12, "L2 penalty");
    /** Convergence tolerance; default 1e-5. */
    public static final Option<Double> TOLERANCE = Option.real("tolerance", 1e-5, 1e-15, 1, "convergence tolerance");
    /** Most L-BFGS iterations; default 500. */
    public static final Option<Integer> MAX_ITERATIONS = Option.integer("maxIterations", 500, 1, 1_000_000,
            "most L-BFGS iterations");

    private static final List<Option<?>> OPTIONS = List.of(LAMBDA, TOLERANCE, MAX_ITERATIONS);

    SmileLogisticRegression() {
        this(Map.of(), DEFAULT_SEED);
    }

    private SmileLogisticRegression(Map<String, Object> values, long seed) {
        super("smile.logistic-regression", Task.CLASSIFICATION, OPTIONS, values, seed);
    }

    /** Sets {@link #LAMBDA}. */
    public SmileLogisticRegression lambda(double lambda) {
        return with(LAMBDA, lambda);
    }

    @Override
    protected SmileLogisticRegression copy(Map<String, Object> values, long seed) {
        return new SmileLogisticRegression(values, seed);
    }

    @Override
    protected boolean acceptsNominal() {
        return false;
    }

    @Override
    protected FittedModel fitSmile(SmileFits.Input input) {
        return SmileFits.logisticRegression(input, get(LAMBDA), get(TOLERANCE), get(MAX_ITERATIONS));
    }
}
