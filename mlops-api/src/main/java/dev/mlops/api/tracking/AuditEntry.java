package dev.mlops.api.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * One registry change, as the append-only audit log keeps it.
 *
 * @param at      when
 * @param actor   who
 * @param action  what, such as {@code register}, {@code set-alias}, {@code review}, {@code delete}
 * @param model   the model's name
 * @param version the version concerned, or 0 when the change is to the model itself
 * @param before  the state before, as JSON, or null when there was none
 * @param after   the state after, as JSON, or null when there is none (deleted)
 * @since 0.1
 */
public record AuditEntry(Instant at, String actor, String action, String model, int version, String before,
        String after) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(model, "model");
    }
}
