/**
 * Hyperparameter tuning: grid and random search over typed spaces, scored by cross-validation or a
 * validation split, run in parallel and deterministic given a seed.
 */
package dev.mlops.core.tune;
