/**
 * The public vocabulary of the MLOps SDK: {@link dev.mlops.api.Schema} and {@link dev.mlops.api.Field}
 * describe tabular data, {@link dev.mlops.api.Frame} holds it in immutable primitive columns,
 * {@link dev.mlops.api.Features} is one input row for prediction and {@link dev.mlops.api.Prediction}
 * one answer. Errors come from one small unchecked hierarchy rooted at
 * {@link dev.mlops.api.MlopsException}.
 *
 * <p>This module depends on nothing outside the JDK. Every value type here is immutable and safe to
 * share between threads; no method accepts or returns {@code null} unless its documentation says so.
 *
 * <h2>The public API</h2>
 * Every package of the SDK whose name has no {@code internal} segment is public API:
 * {@code dev.mlops.api}, {@code dev.mlops.api.model} and {@code dev.mlops.api.tracking} here; in
 * {@code mlops-core}, {@code dev.mlops.core.data}, {@code json}, {@code profile}, {@code check},
 * {@code drift}, {@code prep}, {@code split}, {@code train}, {@code bundle}, {@code eval},
 * {@code tune} and {@code pipeline}; in {@code mlops-tracking}, {@code dev.mlops.tracking}; in
 * {@code mlops-serving}, {@code dev.mlops.serving}.
 * Packages named {@code ...internal} (such as {@code dev.mlops.core.internal} or
 * {@code dev.mlops.tracking.internal}) are implementation details that may change in any release,
 * even where a class there is public for a sibling package or for {@link java.util.ServiceLoader}.
 * The layering is checked by the build ({@code architecture-tests}).
 */
package dev.mlops.api;
