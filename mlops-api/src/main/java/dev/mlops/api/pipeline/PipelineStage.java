package dev.mlops.api.pipeline;

/**
 * The stages of a pipeline, in the order they run.
 *
 * @since 0.1
 */
public enum PipelineStage {
    /** Reading the data (and the separate test data, when given). */
    SOURCE,
    /** Running the data checks. */
    VALIDATE,
    /** Splitting the data into training and test rows. */
    SPLIT,
    /** Fitting the preparation on the training rows. */
    PREPARE,
    /** Training (or tuning) the model. */
    TRAIN,
    /** Scoring the model, and the champion when there is one, on the test rows. */
    EVALUATE,
    /** Deciding whether the model may be registered. */
    GATE,
    /** Registering the model and moving the alias. */
    REGISTER,
    /** Putting the registered version into service, when the pipeline has a {@link Deployer}. */
    DEPLOY
}
