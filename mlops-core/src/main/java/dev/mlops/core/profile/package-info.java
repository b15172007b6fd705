/**
 * Profiles of a frame: per-column statistics, histograms and top categories, outliers, and the
 * associations between columns. A profile has a JSON form and serves as the reference for later
 * comparisons. Start from {@link dev.mlops.core.profile.DataProfile#of(dev.mlops.api.Frame)}.
 */
package dev.mlops.core.profile;
