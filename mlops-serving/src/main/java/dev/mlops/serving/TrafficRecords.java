package dev.mlops.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployment's traffic as the registry keeps it: a model tag {@code deployment.<name>.traffic}
 * holding JSON (empty for all traffic to the primary), so that every change is in the registry's
 * audit log and every JVM serving the deployment reads the same policy. A record names the primary
 * it was made for: once the alias names another version, the record is void (moving the alias ends
 * any sharing), so a JVM that starts later does not revive it.
 */
final class TrafficRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrafficRecords() {
    }

    static String tag(String deployment) {
        return "deployment." + deployment + ".traffic";
    }

    /** The traffic a record describes, and the primary it was made for. */
    record Recorded(int primary, Traffic traffic) {
        /** The traffic in force while the alias names {@code aliasVersion}: the record's, or none when it is void. */
        Traffic over(int aliasVersion) {
            return primary == aliasVersion ? traffic : new Traffic.Primary();
        }
    }

    static String write(Traffic traffic, int primary) {
        ObjectNode node = JSON.createObjectNode();
        if (traffic instanceof Traffic.Primary) {
            return "";
        }
        node.put("primary", primary).put("other", traffic.other());
        if (traffic instanceof Traffic.Split split) {
            node.put("kind", "split").put("basisPoints", split.basisPoints()).put("key", split.key());
        } else if (traffic instanceof Traffic.Shadow shadow) {
            node.put("kind", "shadow").put("basisPoints", shadow.basisPoints());
        } else if (traffic instanceof Traffic.Canary canary) {
            Traffic.CanaryPlan plan = canary.plan();
            node.put("kind", "canary").put("step", canary.step()).put("since", canary.since().toString());
            ObjectNode planNode = node.putObject("plan");
            plan.basisPoints().forEach(planNode.putArray("basisPoints")::add);
            planNode.put("stepEveryMillis", plan.stepEvery().toMillis())
                    .put("maxErrorRateDelta", plan.maxErrorRateDelta())
                    .put("maxLatencyRatio", plan.maxLatencyRatio()).put("minRequests", plan.minRequests());
        }
        return node.toString();
    }

    /**
     * The traffic a tag value describes.
     *
     * @throws IllegalArgumentException if it is not one this SDK wrote
     */
    static Recorded read(String value) {
        if (value == null || value.isEmpty()) {
            return new Recorded(0, new Traffic.Primary());
        }
        try {
            JsonNode node = JSON.readTree(value);
            return new Recorded(node.path("primary").asInt(), traffic(node));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the registry's traffic record is not one this SDK reads: "
                    + Shown.of(value) + " (" + e.getMessage() + ")", e);
        }
    }

    private static Traffic traffic(JsonNode node) {
        int other = node.path("other").asInt();
        return switch (node.path("kind").asText()) {
            case "split" -> new Traffic.Split(other, node.path("basisPoints").asInt(), node.path("key").asText());
            case "shadow" -> new Traffic.Shadow(other, node.path("basisPoints").asInt());
            case "canary" -> {
                JsonNode plan = node.path("plan");
                List<Integer> steps = new ArrayList<>();
                plan.path("basisPoints").forEach(step -> steps.add(step.asInt()));
                yield new Traffic.Canary(other, new Traffic.CanaryPlan(steps,
                        Duration.ofMillis(plan.path("stepEveryMillis").asLong()),
                        plan.path("maxErrorRateDelta").asDouble(), plan.path("maxLatencyRatio").asDouble(),
                        plan.path("minRequests").asLong()), node.path("step").asInt(),
                        Instant.parse(node.path("since").asText()));
            }
            default -> throw new IllegalArgumentException("unknown traffic kind '" + node.path("kind").asText()
                    + "'");
        };
    }
}
