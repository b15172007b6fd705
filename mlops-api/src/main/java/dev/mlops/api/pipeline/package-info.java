/**
 * The stages of a pipeline as interfaces a user can implement: where the data comes from
 * ({@link dev.mlops.api.pipeline.DataSource}), how it is split ({@link dev.mlops.api.pipeline.Splitter}),
 * how a model is scored ({@link dev.mlops.api.pipeline.Evaluator}) and what it must pass before it is
 * registered ({@link dev.mlops.api.pipeline.Gate}). Training takes a {@link dev.mlops.api.model.Trainer}.
 * The engine that runs them in order, with tracking, registration and caching, is
 * {@code dev.mlops.core.pipeline.Pipeline}; validation checks and preparation steps are core's
 * {@code Check} and {@code Step}, whose reports and fitted forms are core values.
 *
 * @since 0.1
 */
package dev.mlops.api.pipeline;
