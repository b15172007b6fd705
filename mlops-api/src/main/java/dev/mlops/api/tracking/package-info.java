/**
 * The tracking and registry SPI: a {@link dev.mlops.api.tracking.Tracker} opens
 * {@link dev.mlops.api.tracking.Experiment experiments}, whose {@link dev.mlops.api.tracking.Run runs}
 * record params, metrics, tags, artifacts, dataset inputs and the environment; it versions datasets
 * ({@link dev.mlops.api.tracking.Datasets}) and holds the
 * {@link dev.mlops.api.tracking.ModelRegistry model registry}. The embedded file store in
 * {@code mlops-tracking} implements it; another store plugs in by implementing these interfaces and
 * passing the shared contract test suite.
 *
 * <p>Everything read from a store is an immutable value ({@link dev.mlops.api.tracking.RunInfo},
 * {@link dev.mlops.api.tracking.ModelVersion}, ...); the only stateful objects are an open
 * {@link dev.mlops.api.tracking.Run} and the tracker itself, both closed with try-with-resources.
 */
package dev.mlops.api.tracking;
