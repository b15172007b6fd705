package dev.mlops.api.tracking;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registered models, their versions, aliases and reviews. Every change is appended to the model's
 * audit log with who made it. References: {@code name/3} is version 3, {@code name@champion} the
 * version the alias points at; both resolve wherever a reference is accepted.
 *
 * @since 0.1
 */
public interface ModelRegistry {

    /**
     * Creates a model, or updates the description and adds the tags of an existing one.
     *
     * @throws dev.mlops.api.InvalidInputException if the name is not allowed
     */
    RegisteredModel createModel(String name, String description, Map<String, String> tags);

    /** The model named {@code name}, if registered. */
    Optional<RegisteredModel> model(String name);

    /** Every registered model's name, sorted. */
    List<String> modelNames();

    /**
     * Registers the next version of {@code model} (created if absent). Version numbers are unique
     * and gapless under concurrent registration from threads and processes. The artifact is stored
     * once, by content.
     */
    ModelVersion register(String model, ModelSource source);

    /**
     * The version a reference names.
     *
     * @throws NotFoundException if the model, version or alias does not exist
     */
    ModelVersion version(String reference);

    /** The versions of {@code model}, oldest first; archived ones only when asked. */
    List<ModelVersion> versions(String model, boolean includeArchived);

    /**
     * A version's artifact, checked against its SHA-256.
     *
     * @throws StoreException if the stored content no longer matches
     */
    byte[] artifact(ModelVersion version);

    /**
     * Records a review decision by {@code reviewer}. Archiving is refused while an alias points at
     * the version.
     *
     * @throws ConflictException if archiving a version an alias points at
     */
    ModelVersion review(String reference, ReviewState state, String reviewer, String reason);

    /**
     * Points {@code alias} at a version, moving it atomically if it pointed elsewhere.
     *
     * @throws ConflictException if the version is archived, or the alias requires approval and the
     *                           version is not approved
     */
    void setAlias(String model, String alias, int version);

    /** Removes an alias; nothing happens if it does not exist. */
    void removeAlias(String model, String alias);

    /** Requires (or stops requiring) that {@code alias} only point at approved versions. */
    void requireApproval(String model, String alias, boolean required);

    /** Sets a tag on a version. */
    ModelVersion tagVersion(String reference, String key, String value);

    /**
     * Deletes a version's record (its artifact stays in the content store while anything else uses
     * it). Refused while an alias points at it.
     *
     * @throws ConflictException if an alias points at the version
     */
    void delete(String reference);

    /** Every change to {@code model}, oldest first. */
    List<AuditEntry> audit(String model);

    /** Where a version came from. */
    Lineage lineage(String reference);

    /** The versions, across models, registered from run {@code runId}. */
    List<ModelVersion> versionsFromRun(String runId);

    /** The versions, across models, trained on a dataset version ({@code name/3}). */
    List<ModelVersion> versionsFromDataset(String datasetReference);
}
