package dev.mlops.serving;

import java.util.Map;
import java.util.Objects;

/**
 * What one version did in one role of a deployment, since it started serving there.
 *
 * @param version         the registry version
 * @param role            its role
 * @param requests        requests answered or refused
 * @param remembered      of those, answered from memory (a row seen before, when memoisation is on)
 * @param errors          refused or failed requests by kind (every kind present, 0 when none)
 * @param p50Micros       median latency in microseconds (of every request, refused ones included)
 * @param p95Micros       95th percentile
 * @param p99Micros       99th percentile
 * @param maxMicros       the slowest request
 * @param perSecond       requests per second since it started serving
 * @since 0.1
 */
public record VersionStats(int version, Role role, long requests, long remembered, Map<ErrorKind, Long> errors, double p50Micros,
        double p95Micros, double p99Micros, double maxMicros, double perSecond) {

    /** Checks the components and copies the map. */
    public VersionStats {
        Objects.requireNonNull(role, "role");
        java.util.EnumMap<ErrorKind, Long> copy = new java.util.EnumMap<>(ErrorKind.class);
        copy.putAll(errors);
        errors = java.util.Collections.unmodifiableMap(copy);
    }

    /** Every refused or failed request. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
