/**
 * The model bundle: a trained model with its signature, fitted preparation, training profile and
 * metadata, saved as one verified, versioned zip file ({@link dev.mlops.core.bundle.ModelBundle}).
 */
package dev.mlops.core.bundle;
