/**
 * Drift statistics between a reference sample and a current one, with Evidently's definitions,
 * thresholds and default choice of test, so results read the same as in the tool users know.
 * {@link dev.mlops.core.drift.DriftStatistics} holds the statistics on primitive arrays and counts;
 * {@link dev.mlops.core.drift.DriftMethod} names each test with its threshold and decision rule.
 */
package dev.mlops.core.drift;
