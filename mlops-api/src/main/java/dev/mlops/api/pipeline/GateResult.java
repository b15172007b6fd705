package dev.mlops.api.pipeline;

import java.util.Objects;

/**
 * What one gate decided.
 *
 * @param gate   the gate's description, such as {@code accuracy >= 0.85}
 * @param passed whether the model passed it
 * @param reason the figures behind the decision, such as {@code accuracy 0.8512 >= 0.85}
 * @since 0.1
 */
public record GateResult(String gate, boolean passed, String reason) {

    /** Checks the components. */
    public GateResult {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(reason, "reason");
    }
}
