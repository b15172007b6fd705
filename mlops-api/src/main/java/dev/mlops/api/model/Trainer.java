package dev.mlops.api.model;

import dev.mlops.api.Frame;
import java.util.Map;

/**
 * Fits one algorithm with fixed hyperparameters. Implementations are immutable values: the same
 * trainer on the same frame gives the same model, because every random choice uses {@link #seed()}.
 *
 * @since 0.1
 */
public interface Trainer {

    /** The algorithm's identifier, such as {@code tribuo.logistic-regression}. */
    String algorithm();

    /** Whether it classifies or regresses. */
    Task task();

    /** Every hyperparameter with its effective value (defaults included), as text for tracking. */
    Map<String, String> hyperparameters();

    /** The seed of every random choice. */
    long seed();

    /**
     * Fits a model.
     *
     * @param prepared the prepared training frame, holding the features and the target column
     * @param target   the target column's name
     * @param listener receives progress; see {@link ProgressListener}
     * @return the fitted model, which predicts rows shaped like {@code prepared} without the target
     * @throws dev.mlops.api.InvalidInputException if the frame cannot train this algorithm (a
     *         missing target, a column type or a missing value the algorithm cannot take), listing
     *         every problem
     */
    FittedModel fit(Frame prepared, String target, ProgressListener listener);
}
