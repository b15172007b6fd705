package dev.mlops.api.pipeline;

import dev.mlops.api.Frame;
import java.util.Objects;

/**
 * Rows to train on and rows to test on.
 *
 * @param train the training rows
 * @param test  the test rows, never seen in training
 * @since 0.1
 */
public record TrainTest(Frame train, Frame test) {

    /** Checks the components. */
    public TrainTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
