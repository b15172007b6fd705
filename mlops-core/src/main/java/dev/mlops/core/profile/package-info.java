/**
 * Profiles of a frame: per-column statistics, histograms and top categories, outliers, and the
 * associations between columns. A profile has a JSON form and serves as the reference for later
 * comparisons. Start from {@link dev.mlops.core.profile.DataProfile#of(dev.mlops.api.Frame)}, or
 * {@link dev.mlops.core.profile.DataProfile#profiler()} to choose a target and how many columns the
 * pairwise matrices cover (200 of each kind by default, so wide frames profile in linear time and space).
 */
package dev.mlops.core.profile;
