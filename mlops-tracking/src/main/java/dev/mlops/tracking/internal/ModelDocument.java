package dev.mlops.tracking.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code registry/<model>/model.json}: a registered model with its aliases and approval policy.
 * {@code lastVersion} is the highest version number ever given, so a deleted version's number is
 * never reused.
 */
public record ModelDocument(int format, String name, String description, Map<String, String> tags,
        Map<String, Integer> aliases, Set<String> aliasesRequiringApproval, int lastVersion, Instant created) {

    public static final int FORMAT = 1;

    public ModelDocument {
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown model format " + format + "; this SDK reads format " + FORMAT);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(created, "created");
        tags = new TreeMap<>(tags);
        aliases = new TreeMap<>(aliases);
        aliasesRequiringApproval = new TreeSet<>(aliasesRequiringApproval);
        if (lastVersion < 0) {
            throw new IllegalArgumentException("lastVersion must not be negative: " + lastVersion);
        }
    }

    ModelDocument with(String newDescription, Map<String, String> newTags, Map<String, Integer> newAliases,
            Set<String> newApproval, int newLastVersion) {
        return new ModelDocument(format, name, newDescription, newTags, newAliases, newApproval, newLastVersion, created);
    }
}
