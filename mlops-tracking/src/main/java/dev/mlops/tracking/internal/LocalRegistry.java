package dev.mlops.tracking.internal;

import dev.mlops.tracking.store.StoreJson;
import dev.mlops.tracking.store.StoreNames;
import dev.mlops.tracking.store.RegistryRules;
import dev.mlops.tracking.store.RunRules;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.Lineage;
import dev.mlops.api.tracking.ModelRegistry;
import dev.mlops.api.model.Signature;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.RegisteredModel;
import dev.mlops.api.tracking.Review;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry of the file store. Every change to a model happens under the model's lock
 * (in-process plus {@code FileChannel.lock}), so version numbers are unique and gapless across
 * threads and processes. A change is first committed as an entry of the model's audit log and then
 * applied to its files ({@link ModelJournal}), so the audit log and the state always agree: a call
 * that throws changed nothing, and a change cut short by a crash is completed before anyone reads
 * the model again.
 *
 * <p>A registration stores the artifact in the blob store first (content addressed, so a failed
 * registration leaves at most an unreferenced body). Readers that find a version file they cannot
 * read leave it out of listings with a warning naming the file; asking for it directly fails.
 */
final class LocalRegistry implements ModelRegistry {

    private static final Pattern VERSION_FILE = Pattern.compile("([1-9][0-9]{0,8})\\.json");

    private static final Logger LOG = LoggerFactory.getLogger(LocalRegistry.class);

    private final FileStore store;
    private final ModelJournal journal;

    LocalRegistry(FileStore store) {
        this.store = store;
        this.journal = new ModelJournal(store);
    }

    /**
     * Completes, for every model, a change that a killed writer committed to the audit log but did
     * not apply. A store that cannot be written (read-only) is left as it is, with a warning.
     */
    void completeUnfinishedChanges() {
        Path registry = store.root().resolve("registry");
        store.paths().forReading(registry);
        if (!Files.isDirectory(registry, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> models = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(registry)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (StoreNames.problem(name) == null && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    models.add(name);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list " + registry + ": " + e.getMessage(), e);
        }
        for (String model : models) {
            settleForReading(model);
        }
    }

    @Override
    public RegisteredModel createModel(String name, String description, Map<String, String> tags) {
        RegistryRules.checkModel(name, description, tags);
        return locked(name, () -> {
            Optional<ModelDocument> before = journal.settle(name);
            ModelDocument current = before.orElseGet(() -> newModel(name));
            Map<String, String> merged = new TreeMap<>(current.tags());
            merged.putAll(tags);
            ModelDocument after = current.with(description, merged, current.aliases(),
                    current.aliasesRequiringApproval(), current.lastVersion());
            return toModel(journal.commit(name, before.orElse(null), entry(name,
                    before.isEmpty() ? "create-model" : "update-model", 0,
                    before.map(LocalRegistry::toModel).orElse(null), toModel(after))));
        });
    }

    /**
     * Writes a model as another store holds it (a copy): versions, aliases, approval rules, the
     * highest number given and the audit log, as they are. Refused when the model exists.
     */
    void put(RegisteredModel model, int lastVersion, List<ModelVersion> versions, List<AuditEntry> audit) {
        RegistryRules.checkModel(model.name(), model.description(), model.tags());
        for (ModelVersion version : versions) {
            if (!version.model().equals(model.name()) || version.version() < 1 || version.version() > lastVersion) {
                throw new StoreException("version " + version.reference() + " does not belong to model " + model.name()
                        + " (versions 1 to " + lastVersion + ")");
            }
        }
        for (AuditEntry entry : audit) {
            if (!entry.model().equals(model.name())) {
                throw new StoreException("an audit entry of model " + entry.model() + " is not model " + model.name()
                        + "'s");
            }
        }
        locked(model.name(), () -> {
            if (journal.settle(model.name()).isPresent() || highestVersionFile(model.name()) > 0) {
                throw new ConflictException("model " + model.name() + " exists already");
            }
            journal.restore(model, lastVersion, versions, audit);
            return null;
        });
    }

    /** The highest version number {@code model} gave. */
    int lastVersion(String model) {
        StoreNames.check("model name", model);
        return current(model).orElseThrow(() -> missingModel(model)).lastVersion();
    }

    @Override
    public Optional<RegisteredModel> model(String name) {
        StoreNames.check("model name", name);
        return current(name).map(LocalRegistry::toModel);
    }

    @Override
    public List<String> modelNames() {
        return store.childNames(store.root().resolve("registry"), "model.json");
    }

    @Override
    public ModelVersion register(String model, ModelSource source) {
        StoreNames.check("model name", model);
        Objects.requireNonNull(source, "source");
        byte[] artifact = source.artifact();
        Signature signature = checkSource(model, source, artifact);
        Blobs.Stored stored = store.blobs().put(artifact);
        String actor = store.options().actor();
        return locked(model, () -> {
            ModelDocument before = journal.settle(model).orElse(null);
            ModelDocument current = before != null ? before
                    : journal.commit(model, null, entry(model, "create-model", 0, null, toModel(newModel(model))));
            // a version file beyond lastVersion can only be left by a failed undo: its number stays taken
            int number = Math.max(current.lastVersion(), highestVersionFile(model)) + 1;
            Path file = versionFile(model, number);
            if (StorePaths.exists(file)) {
                throw new StoreException(file + " is in the way of version " + number + " (something other than the"
                        + " store put it there); nothing was changed");
            }
            Instant now = store.options().clock().instant();
            ModelVersion version = RegistryRules.newVersion(model, number, source, stored.sha256(), stored.size(),
                    signature, actor, now);
            try {
                journal.commit(model, current, entry(model, "register", number, null, version));
            } catch (ModelJournal.NothingChanged e) {
                if (before == null) {
                    journal.uncreate(model, e); // the model was created for this version only: a throw changes nothing
                }
                throw e;
            }
            return version;
        });
    }

    @Override
    public ModelVersion version(String reference) {
        RegistryRules.Reference parsed = RegistryRules.reference(reference); // refuses what a write would refuse
        String model = parsed.model();
        if (parsed.alias() == null) {
            settleForReading(model);
            return readVersion(model, parsed.version()).orElseThrow(() ->
                    new NotFoundException("model " + model + " has no version " + parsed.version()));
        }
        ModelDocument document = current(model).orElseThrow(() -> missingModel(model));
        Integer number = document.aliases().get(parsed.alias());
        if (number == null) {
            throw new NotFoundException("model " + model + " has no alias '" + parsed.alias() + "'; it has "
                    + document.aliases().keySet());
        }
        return readVersion(model, number).orElseThrow(() -> new StoreException("alias " + reference
                + " points at version " + number + ", whose file is missing"));
    }

    @Override
    public List<ModelVersion> versions(String model, boolean includeArchived) {
        StoreNames.check("model name", model);
        settleForReading(model);
        List<ModelVersion> versions = new ArrayList<>();
        for (int number : versionNumbers(model)) {
            Optional<ModelVersion> version;
            try {
                version = readVersion(model, number);
            } catch (StoreException e) {
                LOG.warn("version {}/{} is left out of the listing: {}", model, number, e.getMessage());
                continue;
            }
            version.filter(v -> includeArchived || v.state() != ReviewState.ARCHIVED).ifPresent(versions::add);
        }
        return versions;
    }

    @Override
    public byte[] artifact(ModelVersion version) {
        return store.blobs().get(version(version.reference()).artifactSha256());
    }

    @Override
    public ModelVersion review(String reference, ReviewState state, String reviewer, String reason) {
        RegistryRules.checkReview(state, reviewer, reason);
        ModelVersion target = version(reference);
        return locked(target.model(), () -> {
            ModelDocument model = journal.settle(target.model()).orElseThrow(() -> missingModel(target.model()));
            ModelVersion before = version(target.reference());
            if (state == ReviewState.ARCHIVED) {
                RegistryRules.requireNoAlias(toModel(model), before, "archived");
            }
            ModelVersion after = RegistryRules.with(before, before.tags(),
                    new Review(state, reviewer, reason, store.options().clock().instant()));
            journal.commit(model.name(), model, entry(model.name(), reviewer, "review", before.version(), before, after));
            return after;
        });
    }

    @Override
    public void setAlias(String model, String alias, int version) {
        StoreNames.check("model name", model);
        StoreNames.check("alias", alias);
        locked(model, () -> {
            ModelDocument before = journal.settle(model).orElseThrow(() -> missingModel(model));
            ModelVersion target = readVersion(model, version).orElseThrow(() ->
                    new NotFoundException("model " + model + " has no version " + version));
            RegistryRules.requireAliasTarget(toModel(before), alias, target);
            journal.commit(model, before, entry(model, "set-alias", version,
                    Map.of("alias", alias, "version", before.aliases().getOrDefault(alias, 0)),
                    Map.of("alias", alias, "version", version)));
            return null;
        });
    }

    @Override
    public void removeAlias(String model, String alias) {
        StoreNames.check("model name", model);
        StoreNames.check("alias", alias);
        locked(model, () -> {
            ModelDocument before = journal.settle(model).orElseThrow(() -> missingModel(model));
            Integer old = before.aliases().get(alias);
            if (old == null) {
                return null;
            }
            journal.commit(model, before, entry(model, "remove-alias", old, Map.of("alias", alias, "version", old),
                    null));
            return null;
        });
    }

    @Override
    public void requireApproval(String model, String alias, boolean required) {
        StoreNames.check("model name", model);
        StoreNames.check("alias", alias);
        locked(model, () -> {
            ModelDocument before = journal.settle(model).orElseThrow(() -> missingModel(model));
            Set<String> policy = new TreeSet<>(before.aliasesRequiringApproval());
            boolean changed = required ? policy.add(alias) : policy.remove(alias);
            if (changed) {
                journal.commit(model, before, entry(model, "approval-policy", 0, before.aliasesRequiringApproval(),
                        policy));
            }
            return null;
        });
    }

    @Override
    public ModelVersion tagVersion(String reference, String key, String value) {
        RunRules.checkTag(key, value);
        ModelVersion target = version(reference);
        return locked(target.model(), () -> {
            ModelDocument model = journal.settle(target.model()).orElseThrow(() -> missingModel(target.model()));
            ModelVersion before = version(target.reference());
            Map<String, String> tags = new TreeMap<>(before.tags());
            tags.put(key, value);
            ModelVersion after = RegistryRules.with(before, tags, before.review());
            journal.commit(model.name(), model, entry(model.name(), "tag-version", before.version(), before, after));
            return after;
        });
    }

    @Override
    public void delete(String reference) {
        ModelVersion target = version(reference);
        locked(target.model(), () -> {
            ModelDocument model = journal.settle(target.model()).orElseThrow(() -> missingModel(target.model()));
            ModelVersion before = version(target.reference());
            RegistryRules.requireNoAlias(toModel(model), before, "deleted");
            journal.commit(model.name(), model, entry(model.name(), "delete", before.version(), before, null));
            return null;
        });
    }

    @Override
    public List<AuditEntry> audit(String model) {
        StoreNames.check("model name", model);
        Optional<ModelDocument> document = current(model);
        Path file = journal.auditLog(model);
        RecordLog.Contents contents = store.readLog(file, 0);
        Long applied = document.map(ModelDocument::auditEnd).orElse(null);
        if (applied != null && contents.validLength() < applied) {
            throw new StoreException(file + " is damaged: " + contents.problem() + "; the log holds committed changes up"
                    + " to byte " + applied);
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (byte[] record : contents.records()) {
            entries.add(StoreJson.parse(record, AuditEntry.class, file.toString()));
        }
        return entries;
    }

    @Override
    public Lineage lineage(String reference) {
        return RegistryRules.lineage(version(reference), store::findRun, store::datasetVersion);
    }

    @Override
    public List<ModelVersion> versionsFromRun(String runId) {
        Objects.requireNonNull(runId, "runId");
        return allVersions().stream().filter(v -> runId.equals(v.runId())).toList();
    }

    @Override
    public List<ModelVersion> versionsFromDataset(String datasetReference) {
        Objects.requireNonNull(datasetReference, "datasetReference");
        return allVersions().stream().filter(v -> RegistryRules.trainedOn(v, datasetReference, store::findRun)).toList();
    }


    // ---- files -------------------------------------------------------------------------------

    private List<ModelVersion> allVersions() {
        List<ModelVersion> all = new ArrayList<>();
        for (String model : modelNames()) {
            try {
                all.addAll(versions(model, true));
            } catch (StoreException e) {
                LOG.warn("model {} is left out of the search: {}", model, e.getMessage());
            }
        }
        return all;
    }

    /** Every problem of {@code source} at once, or the signature to record. */
    private Signature checkSource(String model, ModelSource source, byte[] artifact) {
        return RegistryRules.checkSource(model, source, artifact, run -> store.findRun(run).isPresent(), dataset -> {
            try {
                store.datasetVersion(dataset);
                return null;
            } catch (NotFoundException e) {
                return e.getMessage();
            }
        });
    }

    /**
     * The model's document, after completing any change a killed writer left unapplied (under the
     * lock, and only then). A store that cannot be written answers with what its files hold.
     */
    private Optional<ModelDocument> current(String model) {
        Optional<ModelDocument> document = journal.read(model);
        if (!journal.lags(model, document)) {
            return document;
        }
        try {
            return locked(model, () -> journal.settle(model));
        } catch (StoreException e) {
            LOG.warn("model {} has a change in its audit log that is not applied, and it cannot be completed now: {}",
                    model, e.getMessage());
            return document;
        }
    }

    /**
     * {@link #current}, for reads that need only the version files: an unreadable {@code model.json}
     * is reported as a warning and the read goes on, so it fails only the queries that need it.
     */
    private void settleForReading(String model) {
        try {
            current(model);
        } catch (StoreException e) {
            LOG.warn("model {} cannot be brought up to date with its audit log: {}", model, e.getMessage());
        }
    }

    private Path modelDirectory(String model) {
        return journal.modelDirectory(model);
    }

    private Path versionFile(String model, int version) {
        return journal.versionFile(model, version);
    }

    private <T> T locked(String model, StoreLock.IoAction<T> action) {
        return store.withLock(modelDirectory(model).resolve("model.lock"), action);
    }

    private ModelDocument newModel(String name) {
        return new ModelDocument(ModelDocument.FORMAT, name, "", Map.of(), Map.of(), Set.of(), 0,
                store.options().clock().instant(), 0L);
    }

    private Optional<ModelVersion> readVersion(String model, int number) {
        Path file = versionFile(model, number);
        Optional<ModelVersion> version = store.readJson(file, VersionDocument.class).map(VersionDocument::version);
        version.ifPresent(v -> {
            if (!v.model().equals(model) || v.version() != number) {
                throw new StoreException(file + " claims to be " + v.reference() + ", not " + model + "/" + number);
            }
        });
        return version;
    }


    private List<Integer> versionNumbers(String model) {
        Path directory = store.paths().forReading(modelDirectory(model).resolve("versions"));
        List<Integer> numbers = new ArrayList<>();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return numbers;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
                if (matcher.matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    numbers.add(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        numbers.sort(Comparator.naturalOrder());
        return numbers;
    }

    private int highestVersionFile(String model) {
        List<Integer> numbers = versionNumbers(model);
        return numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
    }

    private AuditEntry entry(String model, String action, int version, Object before, Object after) {
        return entry(model, store.options().actor(), action, version, before, after);
    }

    private AuditEntry entry(String model, String actor, String action, int version, Object before, Object after) {
        return RegistryRules.entry(store.options().clock().instant(), actor, action, model, version, before, after);
    }

    private static RegisteredModel toModel(ModelDocument d) {
        return new RegisteredModel(d.name(), d.description(), d.tags(), d.aliases(), d.aliasesRequiringApproval(),
                d.created());
    }

    private static NotFoundException missingModel(String model) {
        return RegistryRules.missingModel(model);
    }
}
