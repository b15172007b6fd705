package dev.mlops.tracking.postgres;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves one second each time it is read, from a fixed instant: timestamps are known and distinct. */
final class SteppingClock extends Clock {

    private long seconds;

    SteppingClock(long firstEpochSecond) {
        this.seconds = firstEpochSecond;
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        return Instant.ofEpochSecond(seconds++);
    }
}
