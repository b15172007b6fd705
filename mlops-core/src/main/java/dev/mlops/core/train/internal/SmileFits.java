package dev.mlops.core.train.internal;

import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.api.model.FittedModel;
import dev.mlops.api.model.Task;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import smile.base.cart.Loss;
import smile.base.cart.SplitRule;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.LASSO;
import smile.regression.OLS;
import smile.regression.RidgeRegression;

/** The calls into Smile 2.6.0, one per algorithm, each returning a wrapped {@link SmileModel}. */
public final class SmileFits {

    private SmileFits() {
    }

    /** A checked prepared frame and what every fit needs from it. */
    public record Input(Frame prepared, String target, Schema inputs, Map<String, List<String>> dictionaries,
            List<String> classes, long seed) {

        /** Derives everything from the frame once. */
        public static Input of(Frame prepared, String target, Task task, long seed) {
            Schema inputs = TrainingFrames.features(prepared, target);
            return new Input(prepared, target, inputs, SmileData.dictionaries(prepared, inputs),
                    task == Task.CLASSIFICATION ? TrainingFrames.classes(prepared, target) : List.of(), seed);
        }

        DataFrame frame() {
            return SmileData.frame(prepared, target, inputs, dictionaries, classes);
        }

        Formula formula() {
            return Formula.lhs(target);
        }

        /**
         * One distinct seed per tree, drawn from the trainer's seed. Smile applies only seeds above
         * 1 (a tree with another seed would draw from an unseeded generator), so they are drawn there.
         */
        LongStream treeSeeds(int trees) {
            SplittableRandom random = new SplittableRandom(seed);
            return LongStream.generate(() -> random.nextLong(2, Long.MAX_VALUE)).distinct().limit(trees);
        }

        int features() {
            return inputs.size();
        }

        private FittedModel wrap(SmileModel.Kind kind, Object model) {
            return new SmileModel(kind, model, inputs, classes, dictionaries);
        }
    }

    /** A random forest classifier; {@code mtry <= 0} means floor(sqrt(features)), {@code maxNodes <= 0} rows / 5. */
    public static FittedModel randomForest(Input in, int trees, int mtry, SplitRule rule, int maxDepth, int maxNodes,
            int nodeSize, double subsample) {
        int m = mtry > 0 ? Math.min(mtry, in.features()) : Math.max(1, (int) Math.floor(Math.sqrt(in.features())));
        int nodes = maxNodes > 0 ? maxNodes : Math.max(2, in.prepared().rowCount() / 5);
        RandomForest model = RandomForest.fit(in.formula(), in.frame(), trees, m, rule, maxDepth, nodes, nodeSize,
                subsample, null, in.treeSeeds(trees));
        return in.wrap(SmileModel.Kind.TUPLE_CLASSIFIER, model);
    }

    /** Gradient-boosted trees for classification. */
    public static FittedModel gradientBoosting(Input in, int trees, int maxDepth, int maxNodes, int nodeSize,
            double shrinkage, double subsample) {
        GradientTreeBoost model = GradientTreeBoost.fit(in.formula(), in.frame(), trees, maxDepth, maxNodes, nodeSize,
                shrinkage, subsample);
        return in.wrap(SmileModel.Kind.TUPLE_CLASSIFIER, model);
    }

    /** L2-regularised logistic regression (binomial or multinomial) by L-BFGS. */
    public static FittedModel logisticRegression(Input in, double lambda, double tolerance, int maxIterations) {
        int[] y = SmileData.classIndexes(in.prepared().column(in.target()), in.classes());
        LogisticRegression model = LogisticRegression.fit(SmileData.matrix(in.prepared(), in.inputs()), y, lambda,
                tolerance, maxIterations);
        return in.wrap(SmileModel.Kind.VECTOR_CLASSIFIER, model);
    }

    /** Ordinary least squares by QR or SVD. */
    public static FittedModel ols(Input in, String method) {
        return in.wrap(SmileModel.Kind.TUPLE_REGRESSION, withLapack(() -> OLS.fit(in.formula(), in.frame(), method,
                false, false)));
    }

    /** Ridge regression. */
    public static FittedModel ridge(Input in, double lambda) {
        return in.wrap(SmileModel.Kind.TUPLE_REGRESSION, withLapack(() -> RidgeRegression.fit(in.formula(),
                in.frame(), lambda)));
    }

    /** Lasso regression. */
    public static FittedModel lasso(Input in, double lambda, double tolerance, int maxIterations) {
        return in.wrap(SmileModel.Kind.TUPLE_REGRESSION, withLapack(() -> LASSO.fit(in.formula(), in.frame(), lambda,
                tolerance, maxIterations)));
    }

    /**
     * Runs a Smile fit that needs LAPACK. Smile 2.6.0 declares its native BLAS/LAPACK binding
     * "provided", so an application opts in to the ~100 MB of natives; without them the error says
     * which dependency to add.
     */
    private static <T> T withLapack(java.util.function.Supplier<T> fit) {
        try {
            return fit.get();
        } catch (NoClassDefFoundError | UnsatisfiedLinkError e) {
            throw new IllegalStateException("Smile's linear regressions need native LAPACK: add the dependency "
                    + "org.bytedeco:openblas-platform:0.3.10-1.5.4 (or Tribuo's linear trainers, which need none)", e);
        }
    }

    /** A random forest regressor; {@code mtry <= 0} means features / 3, {@code maxNodes <= 0} rows / 5. */
    public static FittedModel randomForestRegression(Input in, int trees, int mtry, int maxDepth, int maxNodes,
            int nodeSize, double subsample) {
        int m = mtry > 0 ? Math.min(mtry, in.features()) : Math.max(1, in.features() / 3);
        int nodes = maxNodes > 0 ? maxNodes : Math.max(2, in.prepared().rowCount() / 5);
        smile.regression.RandomForest model = smile.regression.RandomForest.fit(in.formula(), in.frame(), trees, m,
                maxDepth, nodes, nodeSize, subsample, in.treeSeeds(trees));
        return in.wrap(SmileModel.Kind.TUPLE_REGRESSION, model);
    }

    /** Gradient-boosted trees for regression with the given loss. */
    public static FittedModel gradientBoostingRegression(Input in, Loss loss, int trees, int maxDepth, int maxNodes,
            int nodeSize, double shrinkage, double subsample) {
        smile.regression.GradientTreeBoost model = smile.regression.GradientTreeBoost.fit(in.formula(), in.frame(),
                loss, trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample);
        return in.wrap(SmileModel.Kind.TUPLE_REGRESSION, model);
    }
}
