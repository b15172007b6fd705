/**
 * The public vocabulary of the MLOps SDK: {@link dev.mlops.api.Schema} and {@link dev.mlops.api.Field}
 * describe tabular data, {@link dev.mlops.api.Frame} holds it in immutable primitive columns,
 * {@link dev.mlops.api.Features} is one input row for prediction and {@link dev.mlops.api.Prediction}
 * one answer. Errors come from one small unchecked hierarchy rooted at
 * {@link dev.mlops.api.MlopsException}.
 *
 * <p>This module depends on nothing outside the JDK. Every value type here is immutable and safe to
 * share between threads; no method accepts or returns {@code null} unless its documentation says so.
 */
package dev.mlops.api;
