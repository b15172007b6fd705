package dev.mlops.tracking.store;

import java.nio.file.Path;

/**
 * Content-addressed bodies (artifacts, model files, dataset contents): each content stored once,
 * named by its SHA-256, and checked against that name on every read. The file store keeps them
 * under its root; the PostgreSQL store keeps them in the database, or in a directory shared by
 * every client ({@code dev.mlops.tracking.Tracking.blobDirectory}). Thread-safe.
 */
public interface BlobStore {

    /** Stored content: its SHA-256 (lower-case hex) and size in bytes. */
    record Stored(String sha256, long size) {
    }

    /**
     * Stores {@code content}, once, and returns its name.
     *
     * @throws dev.mlops.api.tracking.StoreException if it cannot be written
     */
    Stored put(byte[] content);

    /**
     * Stores the content of {@code file}, once, and returns its name, reading the file in pieces: a
     * file larger than the heap can be stored. What is stored is the content named: a file that
     * changes while it is being stored is refused, or stored as it was when read, never mixed.
     *
     * @throws dev.mlops.api.tracking.StoreException if it cannot be read or written, or it changed
     *         while being stored
     */
    Stored put(Path file);

    /**
     * The content named {@code sha256}.
     *
     * @throws dev.mlops.api.tracking.StoreException if it is missing, or its bytes no longer match its name
     */
    byte[] get(String sha256);
}
