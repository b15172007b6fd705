package dev.mlops.serving;

/**
 * How a shadow's answers compared with the primary's for the same requests, since it started
 * shadowing. Its latency and errors are in its {@link VersionStats} (role {@link Role#SHADOW}).
 *
 * @param version                the shadow's registry version
 * @param compared               requests both answered in time
 * @param agreed                 of those, the ones where the answers agree: the same label, or for
 *                               a regression values within a relative 10<sup>-6</sup>
 * @param meanAbsoluteDifference over the compared requests, the mean absolute difference between the
 *                               probabilities both gave the primary's label (classification; 0 for
 *                               a model without probabilities), or between the two values (regression)
 * @param dropped                requests not shadowed because the shadow's queue was full
 * @param timedOut               shadow answers discarded because they came after the timeout
 * @since 0.1
 */
public record ShadowStats(int version, long compared, long agreed, double meanAbsoluteDifference, long dropped,
        long timedOut) {

    /** The share of compared requests that agreed; NaN before the first comparison. */
    public double agreement() {
        return compared == 0 ? Double.NaN : agreed / (double) compared;
    }
}
