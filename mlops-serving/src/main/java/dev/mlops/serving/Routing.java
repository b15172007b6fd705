package dev.mlops.serving;

import dev.mlops.api.Features;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the request path reads once per request: the primary, at most one other version, and how
 * requests are shared between them. Immutable; the deployment's single writer replaces it whole,
 * so a request sees one consistent routing from start to end.
 */
final class Routing {

    final ServedVersion primary;
    final ServedVersion other;
    final Traffic traffic;

    Routing(ServedVersion primary, ServedVersion other, Traffic traffic) {
        this.primary = primary;
        this.other = other;
        this.traffic = traffic;
        if ((other == null) != (traffic.other() == 0)) {
            throw new IllegalArgumentException("a routing has another version exactly when its traffic names one");
        }
    }

    /** The version that answers {@code row}: the primary, or, for a split or canary, the other by its share. */
    ServedVersion pick(Features row) {
        if (other == null || traffic instanceof Traffic.Shadow) {
            return primary;
        }
        return bucket(traffic, row) < traffic.basisPoints() ? other : primary;
    }

    /** Whether the shadow also scores {@code row} (a sample of requests). */
    boolean shadows(Features row) {
        return other != null && traffic instanceof Traffic.Shadow && bucket(traffic, row) < traffic.basisPoints();
    }

    /**
     * A bucket 0 to 9,999: from the split's key when the request has it (the same key, the same
     * bucket, in every JVM: {@code String.hashCode} is specified), otherwise at random.
     */
    static int bucket(Traffic traffic, Features row) {
        String key = traffic instanceof Traffic.Split split ? split.key() : null;
        Object value = key == null ? null : row.asMap().get(key);
        if (value == null) {
            return ThreadLocalRandom.current().nextInt(10_000);
        }
        int hash = String.valueOf(value).hashCode() * 0x9E3779B1; // spread nearby keys over the buckets
        return Math.floorMod(hash ^ (hash >>> 16), 10_000);
    }
}
