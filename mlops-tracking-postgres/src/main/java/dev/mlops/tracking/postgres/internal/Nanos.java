package dev.mlops.tracking.postgres.internal;

import java.time.Instant;

/** Instants as nanoseconds since the epoch, as the store keeps them: exact and ordered (years 1677 to 2262). */
final class Nanos {

    /** SQL for the database's current time in these units. */
    static final String NOW = "(extract(epoch from clock_timestamp()) * 1000000000)::bigint";

    private Nanos() {
    }

    static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(instant + " is outside the years the store can record (1677 to 2262)",
                    e);
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
