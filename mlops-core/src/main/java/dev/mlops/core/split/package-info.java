/**
 * Splitting a frame into parts without leakage: random, stratified, grouped and time-ordered
 * holdouts, and (stratified) k-fold cross-validation. Start from {@link dev.mlops.core.split.Split}.
 * Every split is deterministic given its seed, and the parts always partition the rows exactly.
 */
package dev.mlops.core.split;
