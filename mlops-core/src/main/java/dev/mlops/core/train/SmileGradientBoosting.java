package dev.mlops.core.train;

import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Task;
import dev.mlops.core.train.internal.SmileFits;
import java.util.List;
import java.util.Map;
import smile.base.cart.Loss;

/**
 * Smile's gradient tree boosting, for classification (probabilities) or regression (least squares,
 * least absolute deviation or Huber loss). Categorical columns are split as nominal features.
 * Row subsampling draws from the calling thread's seeded generator.
 *
 * @since 0.1
 */
public final class SmileGradientBoosting extends SmileTrainer<SmileGradientBoosting> {

    /** Regression loss. */
    public enum RegressionLoss {
        /** Least squares. */
        LEAST_SQUARES,
        /** Least absolute deviation. */
        LEAST_ABSOLUTE_DEVIATION,
        /** Huber loss at the 0.9 quantile of residuals. */
        HUBER
    }

    /** Boosting rounds; default 300. */
    public static final Option<Integer> TREES = Option.integer("trees", 300, 1, 100_000, "boosting rounds");
    /** Deepest level; default 20 (the leaf limit binds first). */
    public static final Option<Integer> MAX_DEPTH = Option.integer("maxDepth", 20, 1, 1_000, "deepest level");
    /** Most leaves per tree; default 6. */
    public static final Option<Integer> MAX_NODES = Option.integer("maxNodes", 6, 2, 1_000_000, "most leaves per tree");
    /** Fewest rows in a leaf; default 5. */
    public static final Option<Integer> NODE_SIZE = Option.integer("nodeSize", 5, 1, 1_000_000, "fewest rows in a leaf");
    /** Shrinkage per round; default 0.05. */
    public static final Option<Double> SHRINKAGE = Option.real("shrinkage", 0.05, 1e-6, 1, "shrinkage per round");
    /** Rows sampled per round, without replacement; default 0.7. */
    public static final Option<Double> SUBSAMPLE = Option.real("subsample", 0.7, 1e-6, 1, "rows sampled per round");
    /** Regression loss; default least squares. */
    public static final Option<RegressionLoss> LOSS = Option.choice("loss", RegressionLoss.LEAST_SQUARES,
            "least_squares, least_absolute_deviation or huber");

    private static final List<Option<?>> CLASSIFICATION = List.of(TREES, MAX_DEPTH, MAX_NODES, NODE_SIZE, SHRINKAGE,
            SUBSAMPLE);
    private static final List<Option<?>> REGRESSION = List.of(TREES, MAX_DEPTH, MAX_NODES, NODE_SIZE, SHRINKAGE,
            SUBSAMPLE, LOSS);

    SmileGradientBoosting(Task task) {
        this(task, Map.of(), DEFAULT_SEED);
    }

    private SmileGradientBoosting(Task task, Map<String, Object> values, long seed) {
        super(task == Task.CLASSIFICATION ? "smile.gradient-boosting" : "smile.gradient-boosting-regression", task,
                task == Task.CLASSIFICATION ? CLASSIFICATION : REGRESSION, values, seed);
    }

    /** Sets {@link #TREES}. */
    public SmileGradientBoosting trees(int trees) {
        return with(TREES, trees);
    }

    /** Sets {@link #MAX_NODES}. */
    public SmileGradientBoosting maxNodes(int leaves) {
        return with(MAX_NODES, leaves);
    }

    /** Sets {@link #SHRINKAGE}. */
    public SmileGradientBoosting shrinkage(double shrinkage) {
        return with(SHRINKAGE, shrinkage);
    }

    /** Sets {@link #SUBSAMPLE}. */
    public SmileGradientBoosting subsample(double fraction) {
        return with(SUBSAMPLE, fraction);
    }

    @Override
    protected SmileGradientBoosting copy(Map<String, Object> values, long seed) {
        return new SmileGradientBoosting(task(), values, seed);
    }

    @Override
    protected boolean acceptsNominal() {
        return true;
    }

    @Override
    protected FittedModel fitSmile(SmileFits.Input input) {
        if (task() == Task.CLASSIFICATION) {
            return SmileFits.gradientBoosting(input, get(TREES), get(MAX_DEPTH), get(MAX_NODES), get(NODE_SIZE),
                    get(SHRINKAGE), get(SUBSAMPLE));
        }
        Loss loss = switch (get(LOSS)) {
            case LEAST_SQUARES -> Loss.ls();
            case LEAST_ABSOLUTE_DEVIATION -> Loss.lad();
            case HUBER -> Loss.huber(0.9);
        };
        return SmileFits.gradientBoostingRegression(input, loss, get(TREES), get(MAX_DEPTH), get(MAX_NODES),
                get(NODE_SIZE), get(SHRINKAGE), get(SUBSAMPLE));
    }
}
