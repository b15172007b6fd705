package dev.mlops.api.tracking;

import java.util.Objects;

/**
 * An artifact a run logged: its path within the run, the SHA-256 of its content (checked on every
 * read) and its size.
 *
 * @param path   slash-separated path within the run, such as {@code plots/roc.json}
 * @param sha256 64 lower-case hex digits
 * @param size   bytes
 * @since 0.1
 */
public record ArtifactInfo(String path, String sha256, long size) {
    public ArtifactInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }
}
