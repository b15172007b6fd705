package dev.mlops.core.train;

import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Task;
import dev.mlops.core.train.internal.SmileFits;
import java.util.List;
import java.util.Map;

/**
 * Smile's linear regressions: ordinary least squares, ridge (L2) or lasso (L1). Numbers only.
 *
 * @since 0.1
 */
public final class SmileLinearRegression extends SmileTrainer<SmileLinearRegression> {

    /** The penalty. */
    public enum Penalty {
        /** None: ordinary least squares (by QR decomposition). */
        NONE,
        /** L2: ridge regression. */
        RIDGE,
        /** L1: lasso. */
        LASSO
    }

    /** Penalty strength for ridge and lasso; default 1.0. */
    public static final Option<Double> LAMBDA = Option.real("lambda", 1.0, 0, 1e12, "penalty strength");
    /** Lasso convergence tolerance; default 1e-4. */
    public static final Option<Double> TOLERANCE = Option.real("tolerance", 1e-4, 1e-15, 1, "lasso tolerance");
    /** Most lasso iterations; default 1000. */
    public static final Option<Integer> MAX_ITERATIONS = Option.integer("maxIterations", 1000, 1, 1_000_000,
            "most lasso iterations");

    private final Penalty penalty;

    SmileLinearRegression(Penalty penalty) {
        this(penalty, Map.of(), DEFAULT_SEED);
    }

    private SmileLinearRegression(Penalty penalty, Map<String, Object> values, long seed) {
        super(switch (penalty) {
            case NONE -> "smile.ols";
            case RIDGE -> "smile.ridge";
            case LASSO -> "smile.lasso";
        }, Task.REGRESSION, options(penalty), values, seed);
        this.penalty = penalty;
    }

    private static List<Option<?>> options(Penalty penalty) {
        return switch (penalty) {
            case NONE -> List.of();
            case RIDGE -> List.of(LAMBDA);
            case LASSO -> List.of(LAMBDA, TOLERANCE, MAX_ITERATIONS);
        };
    }

    /** Sets {@link #LAMBDA} (ridge and lasso). */
    public SmileLinearRegression lambda(double lambda) {
        return with(LAMBDA, lambda);
    }

    @Override
    protected SmileLinearRegression copy(Map<String, Object> values, long seed) {
        return new SmileLinearRegression(penalty, values, seed);
    }

    @Override
    protected boolean acceptsNominal() {
        return false;
    }

    @Override
    protected FittedModel fitSmile(SmileFits.Input input) {
        return switch (penalty) {
            case NONE -> SmileFits.ols(input, "qr");
            case RIDGE -> SmileFits.ridge(input, get(LAMBDA));
            case LASSO -> SmileFits.lasso(input, get(LAMBDA), get(TOLERANCE), get(MAX_ITERATIONS));
        };
    }
}
