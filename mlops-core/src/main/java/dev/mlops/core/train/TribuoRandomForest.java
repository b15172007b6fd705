package dev.mlops.core.train;

import dev.mlops.api.model.Task;
import dev.mlops.core.train.TribuoCart.Impurity;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;

/**
 * A random forest of CART trees (Tribuo): bootstrap samples, a random fraction of features per
 * split; votes (classification, with vote shares as probabilities) or averages (regression).
 *
 * @since 0.1
 */
public final class TribuoRandomForest extends TribuoTrainer<TribuoRandomForest> {

    /** Trees in the forest; default 100. */
    public static final Option<Integer> TREES = Option.integer("trees", 100, 1, 100_000, "trees in the forest");
    /** Deepest level of each tree; default 1000 (effectively unbounded). */
    public static final Option<Integer> MAX_DEPTH = Option.integer("maxDepth", 1_000, 1, 1_000, "deepest level");
    /** Least total example weight in a child; default 5. */
    public static final Option<Double> MIN_CHILD_WEIGHT = Option.real("minChildWeight", 5, 0, 1e12,
            "least example weight in a child");
    /** Fraction of features tried at each split; default 0.5, below 1 so trees differ. */
    public static final Option<Double> FEATURE_FRACTION = Option.real("featureFraction", 0.5, 1e-6, 0.99,
            "fraction of features tried at each split");
    /** Classification impurity; default Gini. */
    public static final Option<Impurity> IMPURITY = Option.choice("impurity", Impurity.GINI, "gini or entropy");

    private static final List<Option<?>> CLASSIFICATION_OPTIONS = List.of(TREES, MAX_DEPTH, MIN_CHILD_WEIGHT,
            FEATURE_FRACTION, IMPURITY);
    private static final List<Option<?>> REGRESSION_OPTIONS = List.of(TREES, MAX_DEPTH, MIN_CHILD_WEIGHT,
            FEATURE_FRACTION);

    TribuoRandomForest(Task task) {
        this(task, Map.of(), DEFAULT_SEED);
    }

    private TribuoRandomForest(Task task, Map<String, Object> values, long seed) {
        super(task == Task.CLASSIFICATION ? "tribuo.random-forest" : "tribuo.random-forest-regression", task,
                task == Task.CLASSIFICATION ? CLASSIFICATION_OPTIONS : REGRESSION_OPTIONS, values, seed);
    }

    /** Sets {@link #TREES}. */
    public TribuoRandomForest trees(int trees) {
        return with(TREES, trees);
    }

    /** Sets {@link #MAX_DEPTH}. */
    public TribuoRandomForest maxDepth(int depth) {
        return with(MAX_DEPTH, depth);
    }

    /** Sets {@link #FEATURE_FRACTION}. */
    public TribuoRandomForest featureFraction(double fraction) {
        return with(FEATURE_FRACTION, fraction);
    }

    @Override
    protected TribuoRandomForest copy(Map<String, Object> values, long seed) {
        return new TribuoRandomForest(task(), values, seed);
    }

    @Override
    protected org.tribuo.Trainer<Label> classifier() {
        return new RandomForestTrainer<>(TribuoCart.classificationTree(get(MAX_DEPTH), get(MIN_CHILD_WEIGHT), 0,
                get(FEATURE_FRACTION), get(IMPURITY), seed()), new VotingCombiner(), get(TREES), seed());
    }

    @Override
    protected org.tribuo.Trainer<Regressor> regressor() {
        return new RandomForestTrainer<>(TribuoCart.regressionTree(get(MAX_DEPTH), get(MIN_CHILD_WEIGHT), 0,
                get(FEATURE_FRACTION), seed()), new AveragingCombiner(), get(TREES), seed());
    }
}
