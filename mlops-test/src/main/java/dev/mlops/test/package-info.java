/**
 * Test support for an application's own tests of its models: {@link dev.mlops.test.MlopsExtension}
 * gives each test a temporary tracker and registry, and {@link dev.mlops.test.ModelAssertions} holds
 * a model to account: metrics (at least a floor; no worse than the champion), behaviour as CheckList
 * defines it (invariance, direction, minimum functionality), slices, calibration, and a bundle round
 * trip. Failures name the property that broke and the rows that broke it.
 *
 * <p>Add {@code dev.mlops:mlops-test} in test scope.
 *
 * @since 0.1
 */
package dev.mlops.test;
