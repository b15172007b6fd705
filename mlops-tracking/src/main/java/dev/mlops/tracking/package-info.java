/**
 * Experiment tracking and the model registry, with an embedded crash-safe file store as the
 * default. Nothing is public here yet: the tracking issue builds it on the vocabulary of
 * {@code dev.mlops.api} (frames and their fingerprints, schemas).
 */
package dev.mlops.tracking;
