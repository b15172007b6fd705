/**
 * The vocabulary of trained models: the {@link dev.mlops.api.model.Trainer} SPI that backends
 * implement, the {@link dev.mlops.api.model.FittedModel} a trainer returns (it predicts prepared
 * rows), the raw-input {@link dev.mlops.api.model.Model} that serving uses, its
 * {@link dev.mlops.api.model.Signature}, and progress reporting for long work.
 */
package dev.mlops.api.model;
