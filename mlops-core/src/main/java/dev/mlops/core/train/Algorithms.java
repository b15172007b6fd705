package dev.mlops.core.train;

import dev.mlops.api.model.Task;

/**
 * Where every built-in algorithm starts, with its documented defaults and seed
 * {@value AlgorithmTrainer#DEFAULT_SEED}:
 *
 * <pre>{@code
 * Algorithms.tribuo().logisticRegression().epochs(20)
 * Algorithms.tribuo().xgboost().trees(300).maxDepth(6).seed(7)
 * Algorithms.smile().gradientBoosting().with(Map.of("trees", 500))   // the map form, for tuning
 * }</pre>
 *
 * @since 0.1
 */
public final class Algorithms {

    private Algorithms() {
    }

    /** Tribuo's algorithms (Apache 2.0). */
    public static Tribuo tribuo() {
        return new Tribuo();
    }

    /** Smile 2.6.0's algorithms (LGPL 3). */
    public static Smile smile() {
        return new Smile();
    }

    /** The versions of the training backends on the class path (Tribuo, Smile, XGBoost), by name. */
    public static java.util.Map<String, String> backendVersions() {
        return dev.mlops.core.train.internal.Backends.runtimeVersions();
    }

    /** Every built-in algorithm, with its defaults. */
    public static java.util.List<AlgorithmTrainer<?>> all() {
        Tribuo t = tribuo();
        Smile s = smile();
        return java.util.List.of(t.logisticRegression(), t.linearSgd(), t.cart(), t.randomForest(), t.xgboost(),
                t.linearRegression(), t.elasticNet(), t.cartRegression(), t.randomForestRegression(),
                s.randomForest(), s.gradientBoosting(), s.logisticRegression(), s.ols(),
                s.ridge(), s.lasso(), s.randomForestRegression(), s.gradientBoostingRegression());
    }

    /**
     * The built-in algorithm named {@code algorithm} (as {@link AlgorithmTrainer#algorithm()} names
     * it, such as {@code tribuo.logistic-regression}), with {@code hyperparameters} (values as text
     * or typed) and {@code seed}: what a recorded trainer is built again from.
     *
     * @throws IllegalArgumentException if no built-in algorithm has that name, or a hyperparameter is
     *         unknown or out of range
     */
    public static AlgorithmTrainer<?> named(String algorithm, java.util.Map<String, ?> hyperparameters, long seed) {
        for (AlgorithmTrainer<?> trainer : all()) {
            if (trainer.algorithm().equals(algorithm)) {
                return trainer.with(hyperparameters).seed(seed);
            }
        }
        throw new IllegalArgumentException("no built-in algorithm is named '" + algorithm + "'; they are "
                + all().stream().map(AlgorithmTrainer::algorithm).toList());
    }

    /** Smile's algorithms. */
    public static final class Smile {
        private Smile() {
        }

        /** A random forest classifier (nominal categories allowed). */
        public SmileRandomForest randomForest() {
            return new SmileRandomForest(Task.CLASSIFICATION);
        }

        /** Gradient tree boosting for classification (nominal categories allowed). */
        public SmileGradientBoosting gradientBoosting() {
            return new SmileGradientBoosting(Task.CLASSIFICATION);
        }

        /** L2-regularised logistic regression. */
        public SmileLogisticRegression logisticRegression() {
            return new SmileLogisticRegression();
        }

        /** Ordinary least squares. */
        public SmileLinearRegression ols() {
            return new SmileLinearRegression(SmileLinearRegression.Penalty.NONE);
        }

        /** Ridge regression. */
        public SmileLinearRegression ridge() {
            return new SmileLinearRegression(SmileLinearRegression.Penalty.RIDGE);
        }

        /** Lasso regression. */
        public SmileLinearRegression lasso() {
            return new SmileLinearRegression(SmileLinearRegression.Penalty.LASSO);
        }

        /** A random forest regressor (nominal categories allowed). */
        public SmileRandomForest randomForestRegression() {
            return new SmileRandomForest(Task.REGRESSION);
        }

        /** Gradient tree boosting for regression (nominal categories allowed). */
        public SmileGradientBoosting gradientBoostingRegression() {
            return new SmileGradientBoosting(Task.REGRESSION);
        }
    }

    /** Tribuo's algorithms. */
    public static final class Tribuo {
        private Tribuo() {
        }

        /** Logistic regression (SGD, AdaGrad). */
        public TribuoLogisticRegression logisticRegression() {
            return new TribuoLogisticRegression();
        }

        /** A linear classifier by SGD with hinge or log loss. */
        public TribuoLinearSgd linearSgd() {
            return new TribuoLinearSgd();
        }

        /** A CART classification tree. */
        public TribuoCart cart() {
            return new TribuoCart(Task.CLASSIFICATION);
        }

        /** A random forest classifier. */
        public TribuoRandomForest randomForest() {
            return new TribuoRandomForest(Task.CLASSIFICATION);
        }

        /** Gradient-boosted trees (XGBoost) for classification. */
        public TribuoXGBoost xgboost() {
            return new TribuoXGBoost();
        }

        /** Least-squares linear regression by SGD. */
        public TribuoLinearRegression linearRegression() {
            return new TribuoLinearRegression();
        }

        /** Elastic-net (ridge-like by default) linear regression by coordinate descent. */
        public TribuoElasticNet elasticNet() {
            return new TribuoElasticNet();
        }

        /** A CART regression tree. */
        public TribuoCart cartRegression() {
            return new TribuoCart(Task.REGRESSION);
        }

        /** A random forest regressor. */
        public TribuoRandomForest randomForestRegression() {
            return new TribuoRandomForest(Task.REGRESSION);
        }
    }
}
