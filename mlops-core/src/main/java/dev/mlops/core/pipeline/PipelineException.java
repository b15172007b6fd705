package dev.mlops.core.pipeline;

import dev.mlops.api.MlopsException;
import dev.mlops.api.pipeline.PipelineStage;
import java.util.Optional;

/**
 * A pipeline stage threw: the run (when tracked) is marked failed with the error, and nothing was
 * registered. The stage's own exception is the cause.
 *
 * @since 0.1
 */
public class PipelineException extends MlopsException {

    private static final long serialVersionUID = 1L;

    private final PipelineStage stage;
    private final String runId;

    /** An exception for {@code cause}, thrown by {@code stage} of the run {@code runId} (null when not tracked). */
    public PipelineException(PipelineStage stage, String runId, Throwable cause) {
        super("pipeline stage " + stage + " failed" + (runId == null ? "" : " (run " + runId + ")") + ": "
                + cause.getMessage(), cause);
        this.stage = stage;
        this.runId = runId;
    }

    /** The stage that failed. */
    public PipelineStage stage() {
        return stage;
    }

    /** The tracked run, marked failed; empty when the pipeline was not tracked. */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }
}
