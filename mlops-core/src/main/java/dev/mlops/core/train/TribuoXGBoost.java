package dev.mlops.core.train;

import dev.mlops.api.model.ProgressListener;
import dev.mlops.api.model.Task;
import dev.mlops.core.train.internal.XGBoostRounds;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.Label;

/**
 * Gradient-boosted trees through Tribuo's XGBoost module (xgboost4j 3.4.0, native). Gives
 * probabilities. Every feature is passed explicitly, so XGBoost never reads a left-out feature as
 * missing. A bundle records the xgboost4j version and refuses to load under another one, because
 * XGBoost models do not survive a version change. Training reports each boosting round as a
 * {@link dev.mlops.api.model.ProgressEvent.Stage#ROUND} event.
 *
 * @since 0.1
 */
public final class TribuoXGBoost extends TribuoTrainer<TribuoXGBoost> {

    /** Boosting rounds; default 300. */
    public static final Option<Integer> TREES = Option.integer("trees", 300, 1, 100_000, "boosting rounds");
    /** Shrinkage per round; default 0.1. */
    public static final Option<Double> ETA = Option.real("eta", 0.1, 1e-6, 1, "shrinkage per round");
    /** Deepest level of each tree; default 6. */
    public static final Option<Integer> MAX_DEPTH = Option.integer("maxDepth", 6, 1, 64, "deepest level");
    /** Least hessian weight in a child; default 1. */
    public static final Option<Double> MIN_CHILD_WEIGHT = Option.real("minChildWeight", 1, 0, 1e12,
            "least hessian weight in a child");
    /** Least loss reduction to split; default 0. */
    public static final Option<Double> GAMMA = Option.real("gamma", 0, 0, 1e12, "least loss reduction to split");
    /** Row fraction sampled per tree; default 1. */
    public static final Option<Double> SUBSAMPLE = Option.real("subsample", 1, 1e-6, 1, "row fraction per tree");
    /** Feature fraction sampled per tree; default 1. */
    public static final Option<Double> FEATURE_SUBSAMPLE = Option.real("featureSubsample", 1, 1e-6, 1,
            "feature fraction per tree");
    /** L2 penalty on leaf weights; default 1. */
    public static final Option<Double> LAMBDA = Option.real("lambda", 1, 0, 1e12, "L2 penalty on leaf weights");
    /** L1 penalty on leaf weights; default 0. */
    public static final Option<Double> ALPHA = Option.real("alpha", 0, 0, 1e12, "L1 penalty on leaf weights");
    /** Native threads; default 1, so parallel tuning trials do not oversubscribe the cores. */
    public static final Option<Integer> THREADS = Option.integer("threads", 1, 1, 1_024, "native threads");

    private static final List<Option<?>> OPTIONS = List.of(TREES, ETA, MAX_DEPTH, MIN_CHILD_WEIGHT, GAMMA, SUBSAMPLE,
            FEATURE_SUBSAMPLE, LAMBDA, ALPHA, THREADS);

    TribuoXGBoost() {
        this(Map.of(), DEFAULT_SEED);
    }

    private TribuoXGBoost(Map<String, Object> values, long seed) {
        super("tribuo.xgboost", Task.CLASSIFICATION, OPTIONS, values, seed);
    }

    /** Sets {@link #TREES}. */
    public TribuoXGBoost trees(int trees) {
        return with(TREES, trees);
    }

    /** Sets {@link #ETA}. */
    public TribuoXGBoost eta(double eta) {
        return with(ETA, eta);
    }

    /** Sets {@link #MAX_DEPTH}. */
    public TribuoXGBoost maxDepth(int depth) {
        return with(MAX_DEPTH, depth);
    }

    /** Sets {@link #SUBSAMPLE}. */
    public TribuoXGBoost subsample(double fraction) {
        return with(SUBSAMPLE, fraction);
    }

    /** Sets {@link #MIN_CHILD_WEIGHT}. */
    public TribuoXGBoost minChildWeight(double weight) {
        return with(MIN_CHILD_WEIGHT, weight);
    }

    /** Sets {@link #GAMMA}. */
    public TribuoXGBoost gamma(double gamma) {
        return with(GAMMA, gamma);
    }

    /** Sets {@link #FEATURE_SUBSAMPLE}. */
    public TribuoXGBoost featureSubsample(double fraction) {
        return with(FEATURE_SUBSAMPLE, fraction);
    }

    /** Sets {@link #LAMBDA}. */
    public TribuoXGBoost lambda(double lambda) {
        return with(LAMBDA, lambda);
    }

    /** Sets {@link #ALPHA}. */
    public TribuoXGBoost alpha(double alpha) {
        return with(ALPHA, alpha);
    }

    /** Sets {@link #THREADS}. */
    public TribuoXGBoost threads(int threads) {
        return with(THREADS, threads);
    }

    @Override
    protected TribuoXGBoost copy(Map<String, Object> values, long seed) {
        return new TribuoXGBoost(values, seed);
    }

    @Override
    protected org.tribuo.Trainer<Label> classifier() {
        return settings().tribuoTrainer();
    }

    /** Trains round by round, telling {@code listener} each boosting round; the same model as {@link #classifier()}. */
    @Override
    protected org.tribuo.Trainer<Label> classifier(ProgressListener listener) {
        return new XGBoostRounds(settings(), listener, algorithm());
    }

    private XGBoostRounds.Settings settings() {
        return new XGBoostRounds.Settings(get(TREES), get(ETA), get(GAMMA), get(MAX_DEPTH), get(MIN_CHILD_WEIGHT),
                get(SUBSAMPLE), get(FEATURE_SUBSAMPLE), get(LAMBDA), get(ALPHA), get(THREADS), seed());
    }
}
