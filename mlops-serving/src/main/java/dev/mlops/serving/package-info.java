/**
 * The in-process predictor, deployments, monitoring and retraining. Nothing is public here yet:
 * the serving issue builds it on {@code dev.mlops.api.Features} and {@code dev.mlops.api.Prediction}.
 */
package dev.mlops.serving;
