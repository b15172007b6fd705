package dev.mlops.api.tracking;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A registered model: a name under which versions are registered.
 *
 * @param name                     unique in the registry
 * @param description              free text, empty when not set
 * @param tags                     key-value labels
 * @param aliases                  alias to version number
 * @param aliasesRequiringApproval aliases that can only point at {@link ReviewState#APPROVED} versions
 * @param created                  when it was created
 * @since 0.1
 */
public record RegisteredModel(String name, String description, Map<String, String> tags,
        Map<String, Integer> aliases, Set<String> aliasesRequiringApproval, Instant created) {
    public RegisteredModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(created, "created");
        tags = Maps.sorted(tags);
        aliases = Maps.sorted(aliases);
        aliasesRequiringApproval = Set.copyOf(aliasesRequiringApproval);
    }
}
