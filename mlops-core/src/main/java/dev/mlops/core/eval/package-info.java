/**
 * Evaluation: classification and regression metrics with the curves behind them, evaluation of a
 * model on a frame, cross-validation, and sliced evaluation with fairness gaps.
 */
package dev.mlops.core.eval;
