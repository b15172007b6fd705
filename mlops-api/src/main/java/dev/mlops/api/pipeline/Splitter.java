package dev.mlops.api.pipeline;

import dev.mlops.api.Frame;

/**
 * Splits a pipeline's data into training and test rows. Deterministic: the same data and
 * configuration give the same rows (random choices take a seed).
 *
 * @since 0.1
 */
public interface Splitter {

    /**
     * The training and test rows of {@code data}.
     *
     * @throws dev.mlops.api.InvalidInputException if the data cannot be split this way (a missing column, too few rows)
     */
    TrainTest split(Frame data);
}
