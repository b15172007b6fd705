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
 * never reused. {@code auditEnd} is the byte of {@code audit.log} up to which every change has been
 * applied to the model's files (format 2; null in format 1 files, written before the audit log
 * became the write-ahead log).
 */
record ModelDocument(int format, String name, String description, Map<String, String> tags,
        Map<String, Integer> aliases, Set<String> aliasesRequiringApproval, int lastVersion, Instant created,
        Long auditEnd) {

    public static final int FORMAT = 2;

    public ModelDocument {
        if (format != FORMAT && format != 1) {
            throw new IllegalArgumentException("unknown model format " + format + "; this SDK reads formats 1 and "
                    + FORMAT);
        }
        if (format == FORMAT && (auditEnd == null || auditEnd < 0)) {
            throw new IllegalArgumentException("auditEnd must be a byte offset, not " + auditEnd);
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
        return new ModelDocument(format, name, newDescription, newTags, newAliases, newApproval, newLastVersion, created,
                auditEnd);
    }

    /** This document, in the current format, applied up to byte {@code end} of the audit log. */
    ModelDocument appliedTo(long end) {
        return new ModelDocument(FORMAT, name, description, tags, aliases, aliasesRequiringApproval, lastVersion,
                created, end);
    }
}
