package dev.mlops.tracking;

import dev.mlops.api.tracking.Tracker;
import dev.mlops.tracking.internal.FileStore;
import java.nio.file.Path;

/**
 * Opens trackers. {@link #local(Path)} is the embedded file store: human-readable JSON and
 * checksummed append-only logs under one directory, safe under crashes and concurrent writers from
 * several threads and processes.
 *
 * <pre>{@code
 * try (Tracker tracker = Tracking.local(Path.of("mlops-data"));
 *      Run run = tracker.experiment("adult").start("baseline")) {
 *     run.logParam("model", "logistic");
 *     run.logMetric("accuracy", 0.85);
 * }
 * }</pre>
 *
 * <p>Layout under the root:
 * <pre>
 *   store.json                                  format version
 *   experiments/&lt;name&gt;/experiment.json          description and tags
 *   experiments/&lt;name&gt;/changes.log              ids of runs as they change (followed by readers)
 *   runs/&lt;id&gt;/run.json                          params, tags, status, inputs, artifacts, environment
 *   runs/&lt;id&gt;/metrics.log                       metric points, checksummed batches
 *   datasets/&lt;name&gt;/versions/&lt;n&gt;.json           dataset versions (content in blobs/)
 *   blobs/sha256/&lt;ab&gt;/&lt;rest&gt;                    artifact, model and dataset bodies, by content
 *   registry/&lt;model&gt;/model.json                  description, tags, aliases, approval policy
 *   registry/&lt;model&gt;/versions/&lt;n&gt;.json          model versions
 *   registry/&lt;model&gt;/audit.log                   every registry change
 * </pre>
 */
public final class Tracking {

    private Tracking() {
    }

    /**
     * Opens (creating if absent) the file store at {@code root} with default options.
     *
     * @throws dev.mlops.api.tracking.StoreException if the directory cannot be created or opened, or holds a
     *         store of another format (one written by a newer SDK)
     */
    public static Tracker local(Path root) {
        return local(root, LocalOptions.defaults());
    }

    /**
     * Opens (creating if absent) the file store at {@code root}.
     *
     * @throws dev.mlops.api.tracking.StoreException if the directory cannot be created or opened, or holds a
     *         store of another format (one written by a newer SDK)
     */
    public static Tracker local(Path root, LocalOptions options) {
        return FileStore.open(root, options);
    }

    /**
     * Content-addressed bodies in {@code directory} (created if absent): what the file store does with
     * its artifacts, for a store that keeps its records elsewhere, such as the PostgreSQL store's
     * {@code PostgresOptions.blobsIn}. Clients on several machines may share the directory.
     *
     * @throws dev.mlops.api.tracking.StoreException if the directory cannot be created or resolved
     */
    public static dev.mlops.tracking.store.BlobStore blobDirectory(Path directory) {
        return dev.mlops.tracking.internal.DirectoryBlobs.open(directory);
    }
}
