/**
 * In-process serving: {@link dev.mlops.serving.Serving} makes a {@link dev.mlops.serving.Predictor}
 * for a bundle, a bundle file or a registered version; requests are checked against the signature
 * ({@link dev.mlops.serving.RequestPolicy}) and predicted through the compiled row path.
 */
package dev.mlops.serving;
