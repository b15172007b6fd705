package dev.mlops.tracking.internal;

import dev.mlops.api.tracking.ArtifactInfo;
import dev.mlops.api.tracking.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code runs/<id>/run.json}: a run's metadata, rewritten atomically on every change.
 * {@code revision} counts the rewrites.
 */
record RunDocument(int format, String id, String experiment, String name, String parentId,
        RunStatus status, Instant started, Instant ended, Map<String, String> params, Map<String, String> tags,
        List<InputDocument> inputs, List<ArtifactInfo> artifacts, Map<String, String> environment, String error,
        Owner owner, long revision) {

    /** The format this code writes. */
    public static final int FORMAT = 1;

    /** A dataset input: a {@code name/version} reference and the role. */
    public record InputDocument(String dataset, dev.mlops.api.tracking.DatasetRole role) {
        public InputDocument {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(role, "role");
        }
    }

    public RunDocument {
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown run format " + format + "; this SDK reads format " + FORMAT);
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(owner, "owner");
        if (status == RunStatus.ABANDONED) {
            throw new IllegalArgumentException("ABANDONED is derived, never stored");
        }
        params = new TreeMap<>(params);
        tags = new TreeMap<>(tags);
        inputs = List.copyOf(inputs);
        artifacts = List.copyOf(artifacts);
        environment = new TreeMap<>(environment);
    }

    RunDocument withParams(Map<String, String> newParams) {
        return new RunDocument(format, id, experiment, name, parentId, status, started, ended, newParams, tags, inputs,
                artifacts, environment, error, owner, revision + 1);
    }

    RunDocument withTag(String key, String value) {
        Map<String, String> more = new TreeMap<>(tags);
        more.put(key, value);
        return new RunDocument(format, id, experiment, name, parentId, status, started, ended, params, more, inputs,
                artifacts, environment, error, owner, revision + 1);
    }

    RunDocument withInput(InputDocument input) {
        List<InputDocument> more = new ArrayList<>(inputs);
        if (more.contains(input)) {
            return this;
        }
        more.add(input);
        return new RunDocument(format, id, experiment, name, parentId, status, started, ended, params, tags, more,
                artifacts, environment, error, owner, revision + 1);
    }

    RunDocument withArtifacts(List<ArtifactInfo> added) {
        Map<String, ArtifactInfo> byPath = new TreeMap<>();
        artifacts.forEach(a -> byPath.put(a.path(), a));
        added.forEach(a -> byPath.put(a.path(), a));
        return new RunDocument(format, id, experiment, name, parentId, status, started, ended, params, tags, inputs,
                new ArrayList<>(byPath.values()), environment, error, owner, revision + 1);
    }

    RunDocument ended(RunStatus endStatus, Instant at, String endError) {
        return new RunDocument(format, id, experiment, name, parentId, endStatus, started, at, params, tags, inputs,
                artifacts, environment, endError, owner, revision + 1);
    }
}
