package dev.mlops.tracking.internal;

import dev.mlops.api.tracking.NotFoundException;
import dev.mlops.api.tracking.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content-addressed bodies under {@code blobs/sha256/<ab>/<rest>}: each content is stored once,
 * named by its SHA-256, and checked against that name on every read. A body is written to a
 * temporary file, forced, and renamed into place, so a crash never leaves a partial body under a
 * valid name.
 */
public final class Blobs {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private final Path root;

    /** Stored content: its hash and size. */
    public record Stored(String sha256, long size) {
    }

    public Blobs(Path storeRoot) {
        this.root = storeRoot.resolve("blobs").resolve("sha256");
    }

    /** Stores {@code content}; storing content that is already there writes nothing. */
    public Stored put(byte[] content) {
        String sha = sha256(content);
        Path target = path(sha);
        if (Files.exists(target)) {
            return new Stored(sha, content.length);
        }
        try {
            Files.createDirectories(target.getParent());
            AtomicFiles.sweepStale(target.getParent(), ".incoming");
            Path temp = Files.createTempFile(target.getParent(), ".incoming", ".tmp");
            try {
                Files.write(temp, content, StandardOpenOption.WRITE);
                return settle(temp, target, sha, content.length);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StoreException("cannot store content " + sha + " under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Stores a file's content, streaming it. */
    public Stored put(Path file) {
        try {
            Files.createDirectories(root);
            AtomicFiles.sweepStale(root, ".incoming");
            Path temp = Files.createTempFile(root, ".incoming", ".tmp");
            try {
                MessageDigest digest = digest();
                long size = 0;
                try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(temp)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, read);
                        out.write(buffer, 0, read);
                        size += read;
                    }
                }
                String sha = HexFormat.of().formatHex(digest.digest());
                Path target = path(sha);
                if (Files.exists(target)) {
                    return new Stored(sha, size);
                }
                Files.createDirectories(target.getParent());
                return settle(temp, target, sha, size);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StoreException("cannot store " + file + " under " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The content named {@code sha256}, checked against it.
     *
     * @throws NotFoundException if it is not stored
     * @throws StoreException    if the stored bytes no longer match the hash
     */
    public byte[] get(String sha256) {
        Path file = path(sha256);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("the content store has no " + sha256 + " (" + file + ")");
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String actual = sha256(content);
        if (!actual.equals(sha256)) {
            throw new StoreException(file + " is damaged: its content hashes to " + actual + ", not " + sha256);
        }
        return content;
    }

    /** Whether content named {@code sha256} is stored. */
    public boolean contains(String sha256) {
        return Files.exists(path(sha256));
    }

    /** The file that holds (or would hold) content named {@code sha256}. */
    public Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new StoreException("'" + sha256 + "' is not a SHA-256 (64 lower-case hex digits)");
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    /** The lower-case hex SHA-256 of {@code content}. */
    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest().digest(content));
    }

    private Stored settle(Path temp, Path target, String sha, long size) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            return new Stored(sha, size); // another writer stored the same content first
        }
        AtomicFiles.forceDirectory(target.getParent());
        return new Stored(sha, size);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
