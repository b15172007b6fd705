package dev.mlops.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.RegisteredModel;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An independent reading of a model's audit log: replays the entries with plain Jackson trees (not
 * the store's code) into the state they describe, and compares it with what the registry answers.
 * "Replaying the audit gives the stored state" is the promise it checks.
 */
final class AuditReplay {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a model looks like: aliases, approval policy, description, tags and each version's key facts. */
    record State(Map<String, Integer> aliases, Set<String> approval, String description, Map<String, String> tags,
            Map<Integer, String> versions) {
    }

    private AuditReplay() {
    }

    static State replay(List<AuditEntry> entries) {
        Map<String, Integer> aliases = new TreeMap<>();
        Set<String> approval = new TreeSet<>();
        String description = "";
        Map<String, String> tags = new TreeMap<>();
        Map<Integer, String> versions = new TreeMap<>();
        for (AuditEntry entry : entries) {
            switch (entry.action()) {
                case "create-model", "update-model" -> {
                    JsonNode after = tree(entry.after());
                    description = after.path("description").asText();
                    tags.clear();
                    after.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
                }
                case "register", "review", "tag-version" -> versions.put(entry.version(), facts(tree(entry.after())));
                case "delete" -> versions.remove(entry.version());
                case "set-alias" -> aliases.put(tree(entry.after()).path("alias").asText(),
                        tree(entry.after()).path("version").asInt());
                case "remove-alias" -> aliases.remove(tree(entry.before()).path("alias").asText());
                case "approval-policy" -> {
                    approval.clear();
                    tree(entry.after()).forEach(a -> approval.add(a.asText()));
                }
                default -> throw new AssertionError("unknown audit action " + entry.action());
            }
        }
        return new State(aliases, approval, description, tags, versions);
    }

    static State stored(ModelRegistry registry, String model) {
        Optional<RegisteredModel> found = registry.model(model);
        Map<Integer, String> versions = new TreeMap<>();
        for (ModelVersion version : registry.versions(model, true)) {
            versions.put(version.version(), facts(JSON.valueToTree(Map.of("artifactSha256", version.artifactSha256(),
                    "tags", version.tags(), "review", Map.of("state", version.review().state().name())))));
        }
        return found.map(m -> new State(new TreeMap<>(m.aliases()), new TreeSet<>(m.aliasesRequiringApproval()),
                m.description(), new TreeMap<>(m.tags()), versions))
                .orElse(new State(Map.of(), Set.of(), "", Map.of(), versions));
    }

    /** Asserts that replaying the model's audit log gives exactly what the registry holds. */
    static void assertConsistent(ModelRegistry registry, String model, String when) {
        assertEquals(replay(registry.audit(model)), stored(registry, model),
                when + ": replaying the audit log of " + model + " does not give the stored state");
    }

    private static String facts(JsonNode version) {
        return version.path("artifactSha256").asText() + " " + new TreeMap<>(JSON.convertValue(version.path("tags"),
                Map.class)) + " " + version.path("review").path("state").asText();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
