/**
 * Declarative data checks and their reports: what a frame must satisfy to be fit to train on or to
 * score, each check with a severity, and suggestions of checks from a profile. Start from
 * {@link dev.mlops.core.check.Checks}.
 */
package dev.mlops.core.check;
