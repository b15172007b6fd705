package dev.mlops.core.train;

import dev.mlops.api.model.Task;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.Entropy;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * A CART decision tree (Tribuo), for classification or regression. Tribuo's classification trees
 * give labels without probabilities.
 *
 * @since 0.1
 */
public final class TribuoCart extends TribuoTrainer<TribuoCart> {

    /** Split quality for classification trees. */
    public enum Impurity {
        /** Gini index. */
        GINI,
        /** Entropy (information gain). */
        ENTROPY
    }

    /** Deepest level; default 10. */
    public static final Option<Integer> MAX_DEPTH = Option.integer("maxDepth", 10, 1, 1_000, "deepest level");
    /** Least total example weight in a child; default 5. */
    public static final Option<Double> MIN_CHILD_WEIGHT = Option.real("minChildWeight", 5, 0, 1e12,
            "least example weight in a child");
    /** Least impurity decrease to split; default 0. */
    public static final Option<Double> MIN_IMPURITY_DECREASE = Option.real("minImpurityDecrease", 0, 0, 1e12,
            "least impurity decrease to split");
    /** Fraction of features tried at each split; default 1 (all). */
    public static final Option<Double> FEATURE_FRACTION = Option.real("featureFraction", 1, 1e-6, 1,
            "fraction of features tried at each split");
    /** Classification impurity; default Gini. Ignored by regression trees (mean squared error). */
    public static final Option<Impurity> IMPURITY = Option.choice("impurity", Impurity.GINI, "gini or entropy");

    private static final List<Option<?>> CLASSIFICATION_OPTIONS = List.of(MAX_DEPTH, MIN_CHILD_WEIGHT,
            MIN_IMPURITY_DECREASE, FEATURE_FRACTION, IMPURITY);
    private static final List<Option<?>> REGRESSION_OPTIONS = List.of(MAX_DEPTH, MIN_CHILD_WEIGHT,
            MIN_IMPURITY_DECREASE, FEATURE_FRACTION);

    TribuoCart(Task task) {
        this(task, Map.of(), DEFAULT_SEED);
    }

    private TribuoCart(Task task, Map<String, Object> values, long seed) {
        super(task == Task.CLASSIFICATION ? "tribuo.cart" : "tribuo.cart-regression", task,
                task == Task.CLASSIFICATION ? CLASSIFICATION_OPTIONS : REGRESSION_OPTIONS, values, seed);
    }

    /** Sets {@link #MAX_DEPTH}. */
    public TribuoCart maxDepth(int depth) {
        return with(MAX_DEPTH, depth);
    }

    /** Sets {@link #MIN_CHILD_WEIGHT}. */
    public TribuoCart minChildWeight(double weight) {
        return with(MIN_CHILD_WEIGHT, weight);
    }

    /** Sets {@link #FEATURE_FRACTION}. */
    public TribuoCart featureFraction(double fraction) {
        return with(FEATURE_FRACTION, fraction);
    }

    /** Sets {@link #IMPURITY} (classification only). */
    public TribuoCart impurity(Impurity impurity) {
        return with(IMPURITY, impurity);
    }

    @Override
    protected TribuoCart copy(Map<String, Object> values, long seed) {
        return new TribuoCart(task(), values, seed);
    }

    @Override
    protected org.tribuo.Trainer<Label> classifier() {
        return classificationTree(get(MAX_DEPTH), get(MIN_CHILD_WEIGHT), get(MIN_IMPURITY_DECREASE),
                get(FEATURE_FRACTION), get(IMPURITY), seed());
    }

    @Override
    protected org.tribuo.Trainer<Regressor> regressor() {
        return regressionTree(get(MAX_DEPTH), get(MIN_CHILD_WEIGHT), get(MIN_IMPURITY_DECREASE),
                get(FEATURE_FRACTION), seed());
    }

    static CARTClassificationTrainer classificationTree(int maxDepth, double minChildWeight,
            double minImpurityDecrease, double featureFraction, Impurity impurity, long seed) {
        return new CARTClassificationTrainer(maxDepth, (float) minChildWeight, (float) minImpurityDecrease,
                (float) featureFraction, false, impurity == Impurity.GINI ? new GiniIndex() : new Entropy(), seed);
    }

    static CARTRegressionTrainer regressionTree(int maxDepth, double minChildWeight, double minImpurityDecrease,
            double featureFraction, long seed) {
        return new CARTRegressionTrainer(maxDepth, (float) minChildWeight, (float) minImpurityDecrease,
                (float) featureFraction, false, new MeanSquaredError(), seed);
    }
}
