package dev.mlops.core.train;

import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.math.optimisers.SGD;

/**
 * The gradient optimisers of Tribuo's SGD trainers.
 *
 * @since 0.1
 */
public enum Optimiser {
    /** AdaGrad (epsilon 0.1): per-feature step sizes; robust default. */
    ADAGRAD,
    /** Adam (beta 0.9 / 0.999, epsilon 1e-6). */
    ADAM,
    /** Plain SGD with a learning rate decaying as 1/sqrt(t). */
    SGD;

    StochasticGradientOptimiser create(double learningRate) {
        return switch (this) {
            case ADAGRAD -> new AdaGrad(learningRate, 0.1);
            case ADAM -> new Adam(learningRate, 0.9, 0.999, 1e-6);
            case SGD -> org.tribuo.math.optimisers.SGD.getSqrtDecaySGD(learningRate);
        };
    }
}
