package dev.mlops.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A deployment's metrics at one instant: the version it serves and, per version and role it has
 * served, requests, errors by kind, latency percentiles and throughput.
 *
 * @param deployment   the deployment's name
 * @param reference    the alias it follows, such as {@code income@champion}
 * @param serving      the version serving now
 * @param at           when the snapshot was taken (the deployment's clock)
 * @param versions     per version and role, the eight served most recently, in the order they last
 *                     started serving
 * @param shadows      how each shadow's answers compared with the primary's (the eight most recent)
 * @param loadFailures versions that could not be loaded, warmed or validated, and failed alias lookups
 * @param swaps        times the served version changed
 * @since 0.1
 */
public record DeploymentStats(String deployment, String reference, int serving, Instant at,
        List<VersionStats> versions, List<ShadowStats> shadows, long loadFailures, long swaps) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the components and copies the list. */
    public DeploymentStats {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(at, "at");
        versions = List.copyOf(versions);
        shadows = List.copyOf(shadows);
    }

    /** The figures of {@code version} in {@code role}, if it has served in it. */
    public java.util.Optional<VersionStats> version(int version, Role role) {
        return versions.stream().filter(v -> v.version() == version && v.role() == role).findFirst();
    }

    /** The snapshot as a JSON object. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("deployment", deployment).put("reference", reference).put("serving", serving)
                .put("at", at.toString()).put("loadFailures", loadFailures).put("swaps", swaps);
        var list = root.putArray("versions");
        for (VersionStats v : versions) {
            ObjectNode node = list.addObject().put("version", v.version()).put("role", v.role().name())
                    .put("requests", v.requests()).put("remembered", v.remembered());
            ObjectNode errors = node.putObject("errors");
            v.errors().forEach((kind, count) -> errors.put(kind.name(), count));
            node.put("p50Micros", v.p50Micros()).put("p95Micros", v.p95Micros()).put("p99Micros", v.p99Micros())
                    .put("maxMicros", v.maxMicros()).put("perSecond", v.perSecond());
        }
        var shadowList = root.putArray("shadows");
        for (ShadowStats s : shadows) {
            shadowList.addObject().put("version", s.version()).put("compared", s.compared()).put("agreed", s.agreed())
                    .put("meanAbsoluteDifference", s.meanAbsoluteDifference()).put("dropped", s.dropped())
                    .put("timedOut", s.timedOut());
        }
        return root.toString();
    }
}
