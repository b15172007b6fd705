package dev.mlops.tracking.internal;

import dev.mlops.tracking.store.StoreJson;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.RegisteredModel;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A model's {@code audit.log} as its write-ahead log. Every registry change is one audit entry
 * that carries the state it produces; appending the entry (forced to disk) is the change's commit
 * point, and the model's files ({@code versions/<n>.json}, then {@code model.json}, which records
 * how far the log has been applied in {@code auditEnd}) are written after it. So:
 *
 * <ul>
 *   <li>a change that fails before its entry is on disk changed nothing (a torn entry is cut off);
 *   <li>a change whose files fail to be written is undone (files restored, entry cut off) and
 *       changed nothing; only if the undo fails too does the entry stay, and is then completed;
 *   <li>a writer killed after the commit point leaves an entry that {@link #settle} completes,
 *       under the model's lock, before the next change, on the next read, or when the store opens.
 * </ul>
 *
 * Applying an entry sets state to what the entry says, so applying it twice is harmless, and
 * replaying the whole log gives the stored state. Appends start at {@code auditEnd}, so they never
 * read the log before it: an append costs the same at any log size. All methods but
 * {@link #lags} must be called under the model's lock.
 */
final class ModelJournal {

    private final FileStore store;

    ModelJournal(FileStore store) {
        this.store = store;
    }

    /**
     * The model's document after completing every change its audit log records beyond
     * {@code auditEnd}; a torn entry at the end (a writer killed mid-append) is cut off. Empty when
     * the model does not exist.
     */
    Optional<ModelDocument> settle(String model) {
        Optional<ModelDocument> stored = read(model);
        Path log = auditLog(model);
        boolean legacy = stored.isPresent() && stored.get().auditEnd() == null;
        // a format 1 model wrote its audit entry last, so its whole log is applied already
        long from = legacy ? 0 : stored.map(ModelDocument::auditEnd).orElse(0L);
        RecordLog.Contents tail = store.readLog(log, from);
        if (tail.validLength() < from) {
            throw new StoreException(log + " is " + tail.fileLength() + " bytes long, shorter than the " + from
                    + " bytes " + modelFile(model) + " records as applied: it was truncated or replaced by hand");
        }
        if (!legacy && tail.records().isEmpty() && !tail.hasInvalidTail()) {
            return stored;
        }
        ModelDocument document = stored.orElse(null);
        if (!legacy) {
            long offset = from;
            for (byte[] record : tail.records()) {
                AuditEntry entry = StoreJson.parse(record, AuditEntry.class, log + " (entry at byte " + offset + ")");
                document = apply(model, document, entry, log + " at byte " + offset);
                offset += 8 + record.length;
            }
        }
        if (tail.hasInvalidTail()) {
            try {
                RecordLog.truncate(store.paths().forAppending(log), tail.validLength());
            } catch (IOException e) {
                throw new StoreException("cannot cut the torn end off " + log + ": " + e.getMessage(), e);
            }
        }
        if (document == null) {
            return Optional.empty();
        }
        ModelDocument settled = document.appliedTo(tail.validLength());
        write(settled);
        return Optional.of(settled);
    }

    /**
     * Commits {@code entry} (the model's state being {@code current}, as {@link #settle} returned
     * it, or null for a new model) and applies it.
     *
     * @return the model's document after the change
     * @throws StoreException if the change could not be made; it then changed nothing, unless the
     *                        message says it was recorded and will be completed
     */
    ModelDocument commit(String model, ModelDocument current, AuditEntry entry) {
        Path log = auditLog(model);
        long end = current == null ? 0 : current.auditEnd();
        long newEnd;
        try {
            newEnd = RecordLog.appendAt(store.paths().forAppending(log), end, StoreJson.bytes(entry));
        } catch (IOException | RuntimeException e) {
            throw new NothingChanged("cannot " + entry.action() + " (model " + model + "): cannot append to " + log
                    + ": " + e.getMessage() + "; nothing was changed", e);
        }
        ModelDocument applied;
        try {
            applied = apply(model, current, entry, log + " at byte " + end).appliedTo(newEnd);
        } catch (RuntimeException e) {
            throw undo(model, entry, end, e, false); // each file change is atomic: this one failed whole
        }
        try {
            write(applied);
        } catch (RuntimeException e) {
            throw undo(model, entry, end, e, true);
        }
        return applied;
    }

    /**
     * Writes a model as another store holds it (a copy): its audit log entry by entry, forced to disk,
     * then its version files, then {@code model.json} as applied to the end of that log. Under the
     * model's lock, for a model that does not exist. A copy cut short leaves a log that
     * {@link #settle} replays into the same state.
     */
    void restore(RegisteredModel model, int lastVersion, List<ModelVersion> versions, List<AuditEntry> audit) {
        Path log = auditLog(model.name());
        long end = 0;
        try {
            RecordLog writer = store.openLog(log, false);
            try {
                for (AuditEntry entry : audit) {
                    byte[] record = StoreJson.bytes(entry);
                    writer.append(record);
                    end += 8 + record.length;
                }
                writer.sync();
            } finally {
                writer.close();
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + log + ": " + e.getMessage(), e);
        }
        versions.forEach(this::writeVersion);
        write(new ModelDocument(ModelDocument.FORMAT, model.name(), model.description(), model.tags(), model.aliases(),
                model.aliasesRequiringApproval(), lastVersion, model.created(), end));
    }

    /**
     * Whether the model's files lag behind its audit log: a change was committed but not (yet)
     * applied, or a torn entry waits to be cut off. Costs one file-size check; needs no lock.
     */
    boolean lags(String model, Optional<ModelDocument> document) {
        long size;
        try {
            size = Files.size(store.paths().forReading(auditLog(model)));
        } catch (NoSuchFileException e) {
            size = 0;
        } catch (IOException e) {
            throw new StoreException("cannot read " + auditLog(model) + ": " + e.getMessage(), e);
        }
        if (document.isEmpty()) {
            return size > 0;
        }
        Long applied = document.get().auditEnd();
        return applied != null && size != applied;
    }

    Path auditLog(String model) {
        return modelDirectory(model).resolve("audit.log");
    }

    Optional<ModelDocument> read(String model) {
        Path file = modelFile(model);
        Optional<ModelDocument> document = store.readJson(file, ModelDocument.class);
        document.ifPresent(d -> {
            if (!d.name().equals(model)) {
                throw new StoreException(file + " claims to be model '" + d.name() + "', not '" + model + "'");
            }
        });
        return document;
    }

    Path versionFile(String model, int version) {
        return modelDirectory(model).resolve("versions").resolve(version + ".json");
    }

    Path modelDirectory(String model) {
        return store.resolve("model name", "registry", model);
    }

    /** The state {@code entry} produces from {@code document}; writes the version file it concerns. */
    private ModelDocument apply(String model, ModelDocument document, AuditEntry entry, String where) {
        ModelDocument current = document != null ? document
                : new ModelDocument(ModelDocument.FORMAT, model, "", Map.of(), Map.of(), Set.of(), 0, entry.at(), 0L);
        switch (entry.action()) {
            case "create-model", "update-model" -> {
                JsonNode after = tree(entry.after(), where);
                Map<String, String> tags = new TreeMap<>();
                after.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
                return current.with(after.path("description").asText(""), tags, current.aliases(),
                        current.aliasesRequiringApproval(), current.lastVersion());
            }
            case "register" -> {
                ModelVersion version = version(entry.after(), where);
                writeVersion(version);
                return current.with(current.description(), current.tags(), current.aliases(),
                        current.aliasesRequiringApproval(), Math.max(current.lastVersion(), version.version()));
            }
            case "review", "tag-version" -> {
                writeVersion(version(entry.after(), where));
                return current;
            }
            case "delete" -> {
                deleteVersion(model, entry.version());
                return current;
            }
            case "set-alias" -> {
                JsonNode after = tree(entry.after(), where);
                Map<String, Integer> aliases = new TreeMap<>(current.aliases());
                aliases.put(after.path("alias").asText(), after.path("version").asInt());
                return current.with(current.description(), current.tags(), aliases,
                        current.aliasesRequiringApproval(), current.lastVersion());
            }
            case "remove-alias" -> {
                Map<String, Integer> aliases = new TreeMap<>(current.aliases());
                aliases.remove(tree(entry.before(), where).path("alias").asText());
                return current.with(current.description(), current.tags(), aliases,
                        current.aliasesRequiringApproval(), current.lastVersion());
            }
            case "approval-policy" -> {
                Set<String> policy = new TreeSet<>();
                tree(entry.after(), where).forEach(alias -> policy.add(alias.asText()));
                return current.with(current.description(), current.tags(), current.aliases(), policy,
                        current.lastVersion());
            }
            default -> throw new StoreException(where + " records a change '" + entry.action()
                    + "' this SDK does not know (written by a newer SDK?)");
        }
    }

    /**
     * Restores the version file {@code entry} changed (when {@code versionFileChanged}), then cuts
     * the entry off the log; returns the exception to throw.
     */
    private StoreException undo(String model, AuditEntry entry, long end, RuntimeException failure,
            boolean versionFileChanged) {
        try {
            if (versionFileChanged) {
                switch (entry.action()) {
                    case "register" -> deleteVersion(model, entry.version());
                    case "review", "tag-version", "delete" -> writeVersion(version(entry.before(), "the undo of "
                            + entry.action()));
                    default -> {
                        // only model.json changes, and its rewrite is atomic: it failed whole
                    }
                }
            }
            RecordLog.truncate(store.paths().forAppending(auditLog(model)), end);
        } catch (IOException | RuntimeException undoFailed) {
            failure.addSuppressed(undoFailed);
            return new StoreException("cannot " + entry.action() + " (model " + model + "): " + failure.getMessage()
                    + "; the change is recorded in " + auditLog(model) + " and will be completed by the next change to"
                    + " the model or the next opening of the store (undoing it failed too: " + undoFailed.getMessage()
                    + ")", failure);
        }
        return new NothingChanged("cannot " + entry.action() + " (model " + model + "): " + failure.getMessage()
                + "; nothing was changed", failure);
    }

    /**
     * Undoes the creation of a model that was created, moments ago under the same lock, only for a
     * change that then failed: its {@code create-model} entry is cut off and {@code model.json}
     * removed. A failure to do so is added to {@code failure}, and the model then stays created.
     */
    void uncreate(String model, StoreException failure) {
        try {
            Files.deleteIfExists(store.paths().forReading(modelFile(model)));
            RecordLog.truncate(store.paths().forAppending(auditLog(model)), 0);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** A change that could not be made and left nothing behind. */
    static final class NothingChanged extends StoreException {
        private static final long serialVersionUID = 1L;

        NothingChanged(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void write(ModelDocument document) {
        store.writeJson(modelFile(document.name()), document);
    }

    private void writeVersion(ModelVersion version) {
        store.writeJson(versionFile(version.model(), version.version()),
                new VersionDocument(VersionDocument.FORMAT, version));
    }

    private void deleteVersion(String model, int version) {
        Path file = store.paths().forReading(versionFile(model, version));
        try {
            if (Files.deleteIfExists(file)) {
                AtomicFiles.forceDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private Path modelFile(String model) {
        return modelDirectory(model).resolve("model.json");
    }

    private static ModelVersion version(String json, String where) {
        if (json == null) {
            throw new StoreException(where + " lacks the version it concerns");
        }
        return StoreJson.parse(json.getBytes(StandardCharsets.UTF_8), ModelVersion.class, where);
    }

    private static JsonNode tree(String json, String where) {
        if (json == null) {
            throw new StoreException(where + " lacks the state it records");
        }
        try {
            return StoreJson.parse(json.getBytes(StandardCharsets.UTF_8), JsonNode.class, where);
        } catch (StoreException e) {
            throw new StoreException(where + " records a state that is not JSON: " + e.getMessage(), e);
        }
    }
}
