package dev.mlops.core.train;

import dev.mlops.api.model.Task;
import java.util.List;
import java.util.Map;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.slm.ElasticNetCDTrainer;

/**
 * Penalised linear regression by coordinate descent (Tribuo): {@code alpha} times a mix of L1
 * ({@code l1Ratio}) and L2 ({@code 1 - l1Ratio}). With a small {@code l1Ratio} (the default 0.01)
 * it is ridge regression in all but name; Tribuo refuses {@code l1Ratio = 0}, so for a pure L2
 * penalty use Smile's ridge.
 *
 * @since 0.1
 */
public final class TribuoElasticNet extends TribuoTrainer<TribuoElasticNet> {

    /** Overall penalty strength; default 1.0. */
    public static final Option<Double> ALPHA = Option.real("alpha", 1.0, 1e-12, 1e12, "penalty strength");
    /** Share of the L1 penalty, in (0, 1]; default 0.01 (ridge-like). */
    public static final Option<Double> L1_RATIO = Option.real("l1Ratio", 0.01, 1e-9, 1, "share of the L1 penalty");
    /** Coordinate-descent iterations; default 500. */
    public static final Option<Integer> MAX_ITERATIONS = Option.integer("maxIterations", 500, 1, 1_000_000,
            "coordinate-descent iterations");
    /** Convergence tolerance; default 1e-4. */
    public static final Option<Double> TOLERANCE = Option.real("tolerance", 1e-4, 1e-15, 1, "convergence tolerance");

    private static final List<Option<?>> OPTIONS = List.of(ALPHA, L1_RATIO, MAX_ITERATIONS, TOLERANCE);

    TribuoElasticNet() {
        this(Map.of(), DEFAULT_SEED);
    }

    private TribuoElasticNet(Map<String, Object> values, long seed) {
        super("tribuo.elastic-net", Task.REGRESSION, OPTIONS, values, seed);
    }

    /** Sets {@link #ALPHA}. */
    public TribuoElasticNet alpha(double alpha) {
        return with(ALPHA, alpha);
    }

    /** Sets {@link #L1_RATIO}. */
    public TribuoElasticNet l1Ratio(double ratio) {
        return with(L1_RATIO, ratio);
    }

    @Override
    protected TribuoElasticNet copy(Map<String, Object> values, long seed) {
        return new TribuoElasticNet(values, seed);
    }

    @Override
    protected org.tribuo.Trainer<Regressor> regressor() {
        return new ElasticNetCDTrainer(get(ALPHA), get(L1_RATIO), get(TOLERANCE), get(MAX_ITERATIONS), false, seed());
    }
}
