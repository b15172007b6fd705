package dev.mlops.api.pipeline;

/**
 * A part of a pipeline that can say how to build it again. The SDK's own checks, preparation
 * steps, splits, trainers, searches, evaluators and gates are reproducible; a part written as a
 * lambda or a class of your own is recorded by its description only, and a re-run of the recorded
 * pipeline says which part must be given again.
 *
 * @since 0.1
 */
public interface Reproducible {

    /** How to build it again. */
    Recipe recipe();
}
