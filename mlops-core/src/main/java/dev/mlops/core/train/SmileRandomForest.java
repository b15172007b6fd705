package dev.mlops.core.train;

import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Task;
import dev.mlops.core.train.internal.SmileFits;
import java.util.List;
import java.util.Map;
import smile.base.cart.SplitRule;

/**
 * Smile's random forest, for classification (probabilities from tree votes) or regression.
 * Categorical columns are split as nominal features; every tree gets its own seed drawn from the
 * trainer's, so forests are reproducible although Smile grows trees in parallel.
 *
 * @since 0.1
 */
public final class SmileRandomForest extends SmileTrainer<SmileRandomForest> {

    /** Split criterion of classification trees. */
    public enum Criterion {
        /** Gini impurity. */
        GINI,
        /** Entropy. */
        ENTROPY,
        /** Classification error. */
        CLASSIFICATION_ERROR
    }

    /** Trees; default 200. */
    public static final Option<Integer> TREES = Option.integer("trees", 200, 1, 100_000, "trees in the forest");
    /** Features tried per split; default 0, meaning floor(sqrt(p)) for classification and p/3 for regression. */
    public static final Option<Integer> MTRY = Option.integer("mtry", 0, 0, 1_000_000,
            "features tried per split; 0 for the usual default");
    /** Deepest level; default 20. */
    public static final Option<Integer> MAX_DEPTH = Option.integer("maxDepth", 20, 1, 1_000, "deepest level");
    /** Most leaves per tree; default 0, meaning rows / 5. */
    public static final Option<Integer> MAX_NODES = Option.integer("maxNodes", 0, 0, Integer.MAX_VALUE,
            "most leaves per tree; 0 for rows / 5");
    /** Fewest rows in a leaf; default 5. */
    public static final Option<Integer> NODE_SIZE = Option.integer("nodeSize", 5, 1, 1_000_000, "fewest rows in a leaf");
    /** Rows sampled per tree (with replacement at 1.0); default 1.0. */
    public static final Option<Double> SUBSAMPLE = Option.real("subsample", 1.0, 1e-6, 1, "rows sampled per tree");
    /** Classification split criterion; default Gini. */
    public static final Option<Criterion> CRITERION = Option.choice("criterion", Criterion.GINI,
            "gini, entropy or classification_error");

    private static final List<Option<?>> CLASSIFICATION = List.of(TREES, MTRY, MAX_DEPTH, MAX_NODES, NODE_SIZE,
            SUBSAMPLE, CRITERION);
    private static final List<Option<?>> REGRESSION = List.of(TREES, MTRY, MAX_DEPTH, MAX_NODES, NODE_SIZE, SUBSAMPLE);

    SmileRandomForest(Task task) {
        this(task, Map.of(), DEFAULT_SEED);
    }

    private SmileRandomForest(Task task, Map<String, Object> values, long seed) {
        super(task == Task.CLASSIFICATION ? "smile.random-forest" : "smile.random-forest-regression", task,
                task == Task.CLASSIFICATION ? CLASSIFICATION : REGRESSION, values, seed);
    }

    /** Sets {@link #TREES}. */
    public SmileRandomForest trees(int trees) {
        return with(TREES, trees);
    }

    /** Sets {@link #MTRY}. */
    public SmileRandomForest mtry(int features) {
        return with(MTRY, features);
    }

    /** Sets {@link #MAX_DEPTH}. */
    public SmileRandomForest maxDepth(int depth) {
        return with(MAX_DEPTH, depth);
    }

    @Override
    protected SmileRandomForest copy(Map<String, Object> values, long seed) {
        return new SmileRandomForest(task(), values, seed);
    }

    @Override
    protected boolean acceptsNominal() {
        return true;
    }

    @Override
    protected FittedModel fitSmile(SmileFits.Input input) {
        if (task() == Task.REGRESSION) {
            return SmileFits.randomForestRegression(input, get(TREES), get(MTRY), get(MAX_DEPTH), get(MAX_NODES),
                    get(NODE_SIZE), get(SUBSAMPLE));
        }
        SplitRule rule = switch (get(CRITERION)) {
            case GINI -> SplitRule.GINI;
            case ENTROPY -> SplitRule.ENTROPY;
            case CLASSIFICATION_ERROR -> SplitRule.CLASSIFICATION_ERROR;
        };
        return SmileFits.randomForest(input, get(TREES), get(MTRY), rule, get(MAX_DEPTH), get(MAX_NODES),
                get(NODE_SIZE), get(SUBSAMPLE));
    }
}
