package dev.mlops.tracking.store;

import dev.mlops.api.InvalidInputException;
import dev.mlops.api.model.BundleInspectors;
import dev.mlops.api.model.Signature;
import dev.mlops.api.tracking.ArtifactKind;
import dev.mlops.api.tracking.AuditEntry;
import dev.mlops.api.tracking.ConflictException;
import dev.mlops.api.tracking.ModelSource;
import dev.mlops.api.tracking.ModelVersion;
import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.RegisteredModel;
import dev.mlops.api.tracking.Review;
import dev.mlops.api.tracking.ReviewState;
import dev.mlops.api.tracking.Run;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the model registry allows, the same in every store: model references ({@code name/3},
 * {@code name@alias}), what a registration must hold, which alias moves, archives and deletions are
 * refused, and how each change is recorded in the audit log.
 */
public final class RegistryRules {

    private static final Pattern BY_VERSION = Pattern.compile("([^/@]+)/([1-9][0-9]{0,8})");
    private static final Pattern BY_ALIAS = Pattern.compile("([^/@]+)@([^/@]+)");

    private RegistryRules() {
    }

    /** A parsed model reference: a version number, or an alias (the other is 0 or null). */
    public record Reference(String model, int version, String alias) {
    }

    /**
     * Parses {@code name/3} or {@code name@alias}, checking the names as a write would.
     *
     * @throws NotFoundException                    if it is neither
     * @throws dev.mlops.api.InvalidInputException if a name is refused
     */
    public static Reference reference(String reference) {
        java.util.Objects.requireNonNull(reference, "reference");
        Matcher byVersion = BY_VERSION.matcher(reference);
        if (byVersion.matches()) {
            return new Reference(StoreNames.check("model name", byVersion.group(1)),
                    Integer.parseInt(byVersion.group(2)), null);
        }
        Matcher byAlias = BY_ALIAS.matcher(reference);
        if (byAlias.matches()) {
            return new Reference(StoreNames.check("model name", byAlias.group(1)), 0,
                    StoreNames.check("alias", byAlias.group(2)));
        }
        throw new NotFoundException("'" + reference + "' is not a model reference: use name/3 or name@alias");
    }

    /** Checks a model's description and tags. */
    public static void checkModel(String name, String description, Map<String, String> tags) {
        StoreNames.check("model name", name);
        Limits.value("model description", name, description, Run.MAX_TAG_VALUE_LENGTH);
        java.util.Objects.requireNonNull(tags, "tags").forEach(RunRules::checkTag);
    }

    /**
     * Every problem of {@code source} at once, or the signature to record: a bundle's own signature
     * (one given beside it must equal it), the run and datasets it names must exist in the store.
     *
     * @param runExists     whether the store has a run of that id
     * @param datasetExists null when the store has that dataset version, else why not
     * @throws InvalidInputException listing every problem
     */
    public static Signature checkSource(String model, ModelSource source, byte[] artifact,
            Predicate<String> runExists, java.util.function.Function<String, String> datasetExists) {
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        Signature signature = source.signature();
        if (source.kind() == ArtifactKind.BUNDLE) {
            try {
                Signature own = BundleInspectors.get().inspect(artifact, "model source for '" + model + "'");
                if (signature != null && !signature.equals(own)) {
                    problems.add(new InvalidInputException.Problem("signature", "differs from the bundle's own, which"
                            + " is the one recorded; leave it out"));
                }
                signature = own;
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (source.runId() != null && !runExists.test(source.runId())) {
            problems.add(new InvalidInputException.Problem("runId", "no run has id '" + source.runId() + "'"));
        }
        for (String dataset : source.datasets()) {
            String missing = datasetExists.apply(dataset);
            if (missing != null) {
                problems.add(new InvalidInputException.Problem("datasets", missing));
            }
        }
        source.tags().forEach((key, value) -> collect(problems, () -> RunRules.checkTag(key, value)));
        source.metrics().keySet().forEach(name -> collect(problems, () -> Limits.key("metric name", name)));
        if (source.description() != null) {
            collect(problems, () -> Limits.value("description", "description", source.description(),
                    Run.MAX_TAG_VALUE_LENGTH));
        }
        if (signature != null) {
            String text = SignatureJson.text(signature);
            collect(problems, () -> Limits.text("signature", text));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("model source", problems);
        }
        return signature;
    }

    private static void collect(List<InvalidInputException.Problem> problems, Runnable check) {
        try {
            check.run();
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
    }

    /** A new version, pending review, as a registration records it. */
    public static ModelVersion newVersion(String model, int number, ModelSource source, String sha256, long size,
            Signature signature, String actor, Instant now) {
        return new ModelVersion(model, number, source.kind(), sha256, size, source.runId(), source.datasets(),
                source.metrics(), signature, source.description(), source.tags(),
                new Review(ReviewState.PENDING_REVIEW, actor, "registered", now), now, actor);
    }

    /** {@code version} with other tags and review. */
    public static ModelVersion with(ModelVersion v, Map<String, String> tags, Review review) {
        return new ModelVersion(v.model(), v.version(), v.artifactKind(), v.artifactSha256(), v.artifactSize(),
                v.runId(), v.datasets(), v.metrics(), v.signature(), v.description(), tags, review, v.created(),
                v.createdBy());
    }

    /** Checks a review's reviewer and reason. */
    public static void checkReview(ReviewState state, String reviewer, String reason) {
        java.util.Objects.requireNonNull(state, "state");
        Limits.key("reviewer", reviewer);
        Limits.value("review reason", reviewer, reason, Run.MAX_TAG_VALUE_LENGTH);
    }

    /**
     * Refuses to archive or delete a version an alias points at.
     *
     * @throws ConflictException naming the aliases
     */
    public static void requireNoAlias(RegisteredModel model, ModelVersion version, String change) {
        List<String> aliases = model.aliases().entrySet().stream().filter(e -> e.getValue() == version.version())
                .map(Map.Entry::getKey).toList();
        if (!aliases.isEmpty()) {
            throw new ConflictException(version.reference() + " cannot be " + change + " while aliases " + aliases
                    + " point at it; move " + ("deleted".equals(change) ? "or remove them" : "them") + " first");
        }
    }

    /**
     * Refuses to point {@code alias} at an archived version, or at an unapproved one when the alias
     * requires approval.
     *
     * @throws ConflictException saying why
     */
    public static void requireAliasTarget(RegisteredModel model, String alias, ModelVersion target) {
        if (target.state() == ReviewState.ARCHIVED) {
            throw new ConflictException("alias '" + alias + "' cannot point at " + target.reference()
                    + ": it is archived");
        }
        if (model.aliasesRequiringApproval().contains(alias) && target.state() != ReviewState.APPROVED) {
            throw new ConflictException("alias '" + alias + "' of " + model.name() + " requires an approved version; "
                    + target.reference() + " is " + target.state() + " (review it first)");
        }
    }

    /** An audit entry: {@code before} and {@code after} as the store's JSON (null for none). */
    public static AuditEntry entry(Instant at, String actor, String action, String model, int version, Object before,
            Object after) {
        return new AuditEntry(at, actor, action, model, version, before == null ? null : StoreJson.text(before),
                after == null ? null : StoreJson.text(after));
    }

    /**
     * The lineage of {@code version}: its run, when the store still has it, and every dataset version
     * it names or its run read, in that order.
     */
    public static dev.mlops.api.tracking.Lineage lineage(ModelVersion version,
            java.util.function.Function<String, java.util.Optional<dev.mlops.api.tracking.RunInfo>> runs,
            java.util.function.Function<String, dev.mlops.api.tracking.DatasetVersion> datasets) {
        dev.mlops.api.tracking.RunInfo run = version.runId() == null ? null : runs.apply(version.runId()).orElse(null);
        java.util.Set<String> references = new java.util.LinkedHashSet<>(version.datasets());
        if (run != null) {
            run.inputs().forEach(input -> references.add(input.dataset().reference()));
        }
        return new dev.mlops.api.tracking.Lineage(version, run, references.stream().map(datasets).toList());
    }

    /** Whether {@code version} names dataset version {@code reference} or its run read it. */
    public static boolean trainedOn(ModelVersion version, String reference,
            java.util.function.Function<String, java.util.Optional<dev.mlops.api.tracking.RunInfo>> runs) {
        return version.datasets().contains(reference) || version.runId() != null && runs.apply(version.runId())
                .map(run -> run.inputs().stream().anyMatch(i -> i.dataset().reference().equals(reference)))
                .orElse(false);
    }

    /** The error for a model that is not registered. */
    public static NotFoundException missingModel(String model) {
        return new NotFoundException("no model is registered as '" + model + "'");
    }
}
