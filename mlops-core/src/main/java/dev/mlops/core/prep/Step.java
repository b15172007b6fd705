package dev.mlops.core.prep;

import dev.mlops.api.Frame;

/**
 * A preparation step before fitting: its settings, no learned state.
 *
 * @since 0.1
 */
public interface Step {

    /**
     * Learns what the step needs from {@code frame} (means, categories, ...).
     *
     * @throws IllegalArgumentException if a column is absent, of the wrong type, or has nothing to learn from
     */
    FittedStep fit(Frame frame);
}
