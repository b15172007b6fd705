package dev.mlops.api.tracking;

import dev.mlops.api.model.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One registered version of a model.
 *
 * @param model          the model's name
 * @param version        its number: 1, 2, 3, ... without gaps, in registration order
 * @param artifactKind   a bundle checked at registration, or opaque bytes
 * @param artifactSha256 the SHA-256 of the model artifact (a bundle), checked on every read
 * @param artifactSize   its size in bytes
 * @param runId          the run that produced it, or null
 * @param datasets       the dataset versions it was trained on ({@code name/3} references)
 * @param metrics        metrics recorded with it
 * @param signature      its inputs and outputs (a bundle's own), or null when unknown
 * @param description    free text
 * @param tags           key-value labels
 * @param review         the latest review decision; a new version is pending review
 * @param created        when it was registered
 * @param createdBy      who registered it
 * @since 0.1
 */
public record ModelVersion(String model, int version, ArtifactKind artifactKind, String artifactSha256,
        long artifactSize, String runId, List<String> datasets, Map<String, Double> metrics, Signature signature,
        String description,
        Map<String, String> tags, Review review, Instant created, String createdBy) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component other than {@code runId} or {@code signature} is null
     */
    public ModelVersion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(artifactKind, "artifactKind");
        Objects.requireNonNull(artifactSha256, "artifactSha256");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(createdBy, "createdBy");
        datasets = List.copyOf(datasets);
        metrics = Maps.sorted(metrics);
        tags = Maps.sorted(tags);
    }

    /** The reference {@code model/version}. */
    public String reference() {
        return model + "/" + version;
    }

    /** The review state. */
    public ReviewState state() {
        return review.state();
    }

    /** A short summary: reference, artifact, review, where it came from, and a line each for metrics and tags. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT, "%s: %s, %,d bytes, sha256 %s...%s",
                Summaries.shortened(reference(), 100), artifactKind, artifactSize, artifactSha256.substring(0, Math.min(12, artifactSha256.length())),
                review == null ? "" : ", " + review.state()));
        if (runId != null) {
            text.append(", from run ").append(runId);
        }
        text.append('\n');
        if (description != null && !description.isEmpty()) {
            Summaries.line(text, "about", List.of(description));
        }
        Summaries.line(text, "metrics", metrics.entrySet().stream().map(e -> e.getKey() + " "
                + Summaries.number(e.getValue())).toList());
        Summaries.line(text, "datasets", datasets);
        Summaries.line(text, "tags", tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        return text.toString();
    }
}
