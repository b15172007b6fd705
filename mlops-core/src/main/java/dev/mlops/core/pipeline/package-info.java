/**
 * Putting the stages together: {@link dev.mlops.core.pipeline.Training} turns a raw frame, a
 * preparation and a trainer into a verified {@link dev.mlops.core.bundle.ModelBundle}. It sits above
 * the stages it uses ({@code prep}, {@code train}, {@code profile}, {@code bundle}), none of which
 * depends on it.
 */
package dev.mlops.core.pipeline;
