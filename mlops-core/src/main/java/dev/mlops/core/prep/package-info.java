/**
 * Data preparation that is fitted once and applied anywhere: each {@link dev.mlops.core.prep.Step}
 * is fitted on a training frame into an immutable {@link dev.mlops.core.prep.FittedStep} whose state
 * is plain data with a JSON form, and which transforms a whole frame or one prediction row with
 * exactly the same arithmetic, so training and serving cannot skew. Start from
 * {@link dev.mlops.core.prep.Prep}.
 */
package dev.mlops.core.prep;
