package dev.mlops.tracking.internal;

import dev.mlops.api.tracking.StoreException;
import dev.mlops.tracking.store.BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file store's bodies ({@link Blobs}: temporary file, forced, renamed into place; verified on
 * read; no link followed below the directory) in a directory of their own, for a store that keeps
 * its records elsewhere and its bodies in a directory its clients share.
 */
public final class DirectoryBlobs implements BlobStore {

    private final Blobs blobs;

    private DirectoryBlobs(Blobs blobs) {
        this.blobs = blobs;
    }

    /**
     * Bodies under {@code directory} (created if absent), in {@code blobs/sha256/<ab>/<rest>}.
     *
     * @throws StoreException if the directory cannot be created or resolved
     */
    public static DirectoryBlobs open(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            return new DirectoryBlobs(new Blobs(new StorePaths(absolute.toRealPath())));
        } catch (IOException e) {
            throw new StoreException("cannot open the blob directory " + absolute + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Stored put(byte[] content) {
        Blobs.Stored stored = blobs.put(content);
        return new Stored(stored.sha256(), stored.size());
    }

    /** Streams {@code file} to a temporary file while hashing it, then names that copy: never mixed. */
    @Override
    public Stored put(Path file) {
        Blobs.Stored stored = blobs.put(file);
        return new Stored(stored.sha256(), stored.size());
    }

    @Override
    public byte[] get(String sha256) {
        try {
            return blobs.get(sha256);
        } catch (dev.mlops.api.tracking.NotFoundException e) {
            throw new StoreException("body " + sha256 + " is missing: " + e.getMessage(), e); // as in the database
        }
    }

    @Override
    public String toString() {
        return "DirectoryBlobs[" + blobs.path("0".repeat(64)).getParent().getParent() + "]";
    }
}
