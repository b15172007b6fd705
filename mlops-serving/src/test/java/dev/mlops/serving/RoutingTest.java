package dev.mlops.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Features;
import org.junit.jupiter.api.Test;

/** Requests are shared by the split's key, stickily, in about the configured proportion. */
class RoutingTest {

    private static final Traffic.Split TWENTY_PERCENT = new Traffic.Split(2, 2_000, "customer");

    @Test
    void aKeyAlwaysLandsInTheSameBucketAndBucketsFollowTheShare() {
        int toOther = 0;
        int rows = 100_000;
        for (int i = 0; i < rows; i++) {
            int bucket = Routing.bucket(TWENTY_PERCENT, Features.of("customer", "c-" + i, "x", 1));
            assertEquals(bucket, Routing.bucket(TWENTY_PERCENT, Features.of("x", 2, "customer", "c-" + i)),
                    "the same key, the same bucket");
            assertTrue(bucket >= 0 && bucket < 10_000);
            if (bucket < TWENTY_PERCENT.basisPoints()) {
                toOther++;
            }
        }
        double share = toOther / (double) rows;
        assertTrue(Math.abs(share - 0.20) < 0.01, "share " + share);
    }

    @Test
    void numericKeysAreStickyAndRequestsWithoutTheKeyAreSharedAtRandom() {
        assertEquals(Routing.bucket(TWENTY_PERCENT, Features.of("customer", 42)),
                Routing.bucket(TWENTY_PERCENT, Features.of("customer", 42L)), "42 and 42L are the same number");
        int toOther = 0;
        for (int i = 0; i < 20_000; i++) {
            if (Routing.bucket(TWENTY_PERCENT, Features.of("x", 1)) < TWENTY_PERCENT.basisPoints()) {
                toOther++;
            }
        }
        assertTrue(Math.abs(toOther / 20_000.0 - 0.20) < 0.02, "random share " + toOther);
    }
}
